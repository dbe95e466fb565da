import ArgumentParser
import RekapDomain
import RekapReport
import RekapStore

// Domain values read straight from the command line: parsed once, by the domain's own strict
// parsers, so no command holds a checked string and unwraps it again later. (Declared here: the domain
// does not import ArgumentParser.)

extension RegionCode: ExpressibleByArgument {
    /// A kode wilayah such as `14.72` or `14.72.02.1004`.
    public init?(argument: String) {
        self.init(argument)
    }
}

extension CalendarDate: ExpressibleByArgument {
    /// A day written `YYYY-MM-DD` that exists (2023-02-30 does not).
    public init?(argument: String) {
        guard let date = try? CalendarDate(parsing: argument) else { return nil }
        self = date
    }
}

extension LeaderboardFormat: ExpressibleByArgument {}

extension PBBRankingLevel: ExpressibleByArgument {}

extension Period: ExpressibleByArgument {}

extension PKKind: ExpressibleByArgument {}

/// `--lang id|en`.
extension Language: ExpressibleByArgument {}

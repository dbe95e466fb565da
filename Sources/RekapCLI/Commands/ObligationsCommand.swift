import ArgumentParser
import Foundation
import PostgresLibPQ
import RekapDomain
import RekapStore

/// `rekap obligations --city CODE [--kecamatan PERIODS] [--kelurahan PERIODS]`: which periods the
/// city's kecamatan and kelurahan owe a report for (what completeness counts as missing), shown, or
/// set and then shown. PERIODS is a comma list of FY, Q1, Q2, Q3, Q4, or `none`, or `default`
/// (kecamatan: FY,Q1,Q2,Q3,Q4; kelurahan and desa: none). A change makes the city's aggregates stale
/// until the next recompute. Exit 64 for a malformed list or a city that is not a kota or kabupaten
/// in the registry.
struct ObligationsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "obligations",
        abstract: "Shows or sets which periods the city's kecamatan and kelurahan owe a report for."
    )

    @Option(help: ArgumentHelp("The kota or kabupaten, e.g. 14.72.", valueName: "CODE"))
    var city: RegionCode

    @Option(help: ArgumentHelp("Periods every kecamatan owes: e.g. FY,Q1,Q2,Q3,Q4, none, or default.", valueName: "PERIODS"))
    var kecamatan: String?

    @Option(help: ArgumentHelp("Periods every kelurahan and desa owes: e.g. FY, none, or default.", valueName: "PERIODS"))
    var kelurahan: String?

    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        guard city.level == .kabupatenKota else {
            throw ValidationError("--city: \"\(city)\" is not a kota or kabupaten code (like 14.72)")
        }
        _ = try Self.periods(kecamatan, option: "--kecamatan")
        _ = try Self.periods(kelurahan, option: "--kelurahan")
    }

    /// What an option asks for: nil when not given; `.some(nil)` for `default`.
    static func periods(_ text: String?, option: String) throws -> Set<Period>?? {
        guard let text else { return nil }
        switch text.lowercased() {
        case "default": return .some(nil)
        case "none", "": return .some([])
        default:
            return .some(Set(try text.split(separator: ",").map { part in
                let name = part.trimmingCharacters(in: .whitespaces).uppercased()
                guard let period = Period(rawValue: name) else {
                    throw ValidationError("\(option): \"\(part)\" is not a period (FY, Q1, Q2, Q3, Q4), none or default")
                }
                return period
            }))
        }
    }

    func run() async throws {
        let city = self.city
        let changes = [(RegionLevel.kecamatan, try Self.periods(kecamatan, option: "--kecamatan")),
                       (RegionLevel.desaKelurahan, try Self.periods(kelurahan, option: "--kelurahan"))]
        let obligations = try await database.withClient(maxConnections: 1) { client in
            try await client.withConnection { conn -> ReportingObligations in
                guard try RegionRegistry.region(city, on: conn) != nil else {
                    Console.error("rekap: \(city) is not in the region registry (load it with `rekap regions import`)")
                    throw ExitStatus.usage
                }
                try conn.transaction { conn in
                    for case let (level, periods?) in changes {
                        try ConsolidationSettings.setReportingPeriods(periods, owedBy: level, city: city, on: conn)
                    }
                }
                return try ConsolidationSettings.reportingObligations(city: city, on: conn)
            }
        }
        func line(_ name: String, _ periods: Set<Period>) -> String {
            let list = ReportingObligations.ordered(periods).map(\.rawValue).joined(separator: ",")
            return "\(name): \(list.isEmpty ? "none" : list)"
        }
        Console.output(line("kecamatan", obligations.kecamatan) + "\n" + line("kelurahan", obligations.kelurahan))
    }
}

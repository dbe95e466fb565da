import ArgumentParser
import Foundation
import RekapStore

/// `rekap pbb load --ketetapan FILE --pembayaran FILE`: bulk-loads PBB-P2 feeds in one transaction.
///
/// Exit 0 when loaded (or already loaded), 65 when any line is bad (the bad lines listed on
/// stderr, up to 50 a file, with how many more; nothing stored), 64 when a file cannot be read,
/// 69 when the database cannot be reached. A progress line is kept on stderr when it is a terminal.
struct PbbLoadCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "load",
        abstract: "Bulk-loads PBB-P2 feeds (either may be given alone)."
    )

    @Option(help: ArgumentHelp("Assessments: nop,tahun,kelurahan,pokok.", valueName: "FILE"))
    var ketetapan: String?

    @Option(help: ArgumentHelp("Payments: nop,tahun,tanggal,pokok,denda.", valueName: "FILE"))
    var pembayaran: String?

    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        if ketetapan == nil && pembayaran == nil {
            throw ValidationError("give --ketetapan FILE, --pembayaran FILE, or both")
        }
    }

    func run() async throws {
        var feeds: [PBBFeed] = []
        for (kind, path) in [(PBBFeedKind.ketetapan, ketetapan), (.pembayaran, pembayaran)] {
            guard let path else { continue }
            // Said before connecting: a typo in a path should not wait for the database.
            guard FileManager.default.isReadableFile(atPath: path) else {
                Console.error("rekap: cannot read \(path): \(FileManager.default.fileExists(atPath: path) ? "permission denied" : "no such file")")
                throw ExitStatus.usage
            }
            feeds.append(.file(kind, path: path))
        }
        let showProgress = Console.isTerminal
        let loader = PBBFeedLoader(progress: showProgress ? Self.showProgress : nil)
        let result = try await database.withClient(maxConnections: 1) { [feeds] client in
            do {
                let result = try await loader.load(feeds, client: client)
                if showProgress { Console.write("\r\u{1B}[K") }
                return result
            } catch {
                if showProgress { Console.write("\r\u{1B}[K") }  // the error goes on a clean line
                throw error
            }
        }
        for feed in result.feeds {
            Console.output(Self.line(feed))
        }
        if !result.cities.isEmpty {
            Console.output("recompute: cities \(result.cities.joined(separator: " ")), years \(result.years.map(String.init).joined(separator: " "))")
        }
    }

    static func line(_ feed: PBBFeedOutcome) -> String {
        switch feed.status {
        case .loaded(let loadID, let added, let replaced, let unchanged):
            var parts = ["\(grouped(added)) added"]
            if feed.kind == .ketetapan { parts.append("\(grouped(replaced)) replaced") }
            parts.append("\(grouped(unchanged)) already stored")
            return "\(feed.kind) \(feed.name): loaded as load \(loadID): \(grouped(feed.rows)) rows, " + parts.joined(separator: ", ")
        case .alreadyLoaded(let loadID, let loadedAt):
            return "\(feed.kind) \(feed.name): already loaded as load \(loadID) at \(loadedAt); nothing changed"
        }
    }

    @Sendable static func showProgress(_ progress: PBBLoadProgress) {
        if progress.merging {
            Console.write("\r\u{1B}[K\(progress.name): \(grouped(progress.rows)) rows read; merging...")
            return
        }
        let seconds = Double(progress.elapsed.components.seconds) + Double(progress.elapsed.components.attoseconds) / 1e18
        let megabytes = Double(progress.bytes) / 1_048_576
        let rate = seconds > 0 ? Int(Double(progress.rows) / seconds) : 0
        Console.write("\r\u{1B}[K\(progress.name): \(grouped(progress.rows)) rows, \(String(format: "%.1f", megabytes)) MB, \(grouped(rate)) rows/s")
    }

    /// 3512000 → "3,512,000".
    static func grouped(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(digit)
        }
        return (value < 0 ? "-" : "") + out
    }
}

import EmbeddedPostgres
import Foundation
import Logging
import PostgresLibPQ
import RekapDomain
import RekapReport
import RekapStore

/// `rekap demo`, step by step, on a throwaway embedded PostgreSQL.
///
/// Each step is one method, run in order by ``run()``; a new step (submit the bundled reports,
/// load PBB feeds, consolidate, print leaderboards, write the HTML report) is a method here and a
/// line in ``run()``. The database is stopped and removed at the end, also when a step fails (and,
/// through EmbeddedPostgres's watchdog, even when the process is killed).
final class DemoRun {
    /// Kota Dumai, the demo city.
    static let city = RegionCode("14.72")!
    /// The one-line attribution that the region data's licence asks for (`DemoData/README-wilayah.md`).
    static let regionAttribution =
        "Kode wilayah: Kepmendagri No. 300.2.2-2430 Tahun 2025, via github.com/cahyadsn/wilayah (MIT, © 2017-2025 Cahya DSN)"

    private let cluster: EmbeddedPostgres
    let client: PGClient
    /// The bundled `DemoData` folder.
    let data: URL
    private var step = 0

    private init(cluster: EmbeddedPostgres, client: PGClient, data: URL) {
        self.cluster = cluster
        self.client = client
        self.data = data
    }

    /// Starts the embedded database and opens a client on a fresh `rekap` database in it.
    static func start() async throws -> DemoRun {
        guard let data = Bundle.module.url(forResource: "DemoData", withExtension: nil) else {
            throw DemoError("the DemoData resources are missing from the rekap bundle")
        }
        Console.output("== starting an embedded PostgreSQL (a throwaway cluster, removed at the end)")
        var logger = Logger(label: "rekap.demo")
        logger.logLevel = .warning
        let cluster = try EmbeddedPostgres.start(logger: logger)
        do {
            let admin = try PGConnection(url: cluster.url())
            defer { admin.close() }
            try ServerAdministration.createDatabase(named: "rekap", on: admin)
            let client = PGClient(configuration: try PGConfiguration(url: cluster.url(database: "rekap")), logger: logger)
            Console.output("   \(cluster.url(database: "rekap"))")
            return DemoRun(cluster: cluster, client: client, data: data)
        } catch {
            cluster.stop()
            throw error
        }
    }

    /// Runs every step in order.
    func run() async throws {
        try await migrate()
        try await importRegions()
        try await printRegionTree()
        try await submitReports()
        try await submitPlans()
        try await loadPBBFeeds()
        try await consolidate()
        try await printLeaderboards()
        try await writeReport()
    }

    /// Closes the client and stops and removes the database.
    func stop() async {
        await client.close()
        cluster.stop()
    }

    func heading(_ title: String) {
        step += 1
        Console.output("\n== \(step). \(title)")
    }

    // MARK: Steps

    func migrate() async throws {
        heading("rekap db migrate")
        for migration in try await Migrator().migrate(client) {
            Console.output("   applied \(migration.fileName)")
        }
    }

    func importRegions() async throws {
        heading("rekap regions import dumai.csv")
        let file = data.appendingPathComponent("dumai.csv").path
        let result = try await RegionImporter().importFile(at: file, displayName: "dumai.csv", client: client)
        Console.output("   \(result.inserted) regions: Riau, Kota Dumai, its kecamatan and kelurahan")
        Console.output("   \(Self.regionAttribution)")
    }

    func printRegionTree() async throws {
        heading("rekap regions tree \(Self.city)")
        guard let tree = try await RegionRegistry(client: client).tree(under: Self.city) else {
            throw DemoError("the registry has no \(Self.city) after the import")
        }
        print(RegionsTreeCommand.render(tree), terminator: "")
    }
}

extension DemoRun {
    /// The year of the bundled reports.
    static let year = 2023
    /// Kecamatan whose kelurahan get no object-level PBB-P2 feed, so the consolidation falls back
    /// to the per-kelurahan figures inside their submissions (and the report says so).
    static let kecamatanWithoutFeed: Set<String> = ["14.72.04", "14.72.05"]
    /// Where the HTML report goes: the current folder.
    static let reportFile = "rekap-report.html"

    func submitReports() async throws {
        heading("rekap submit DemoData/submissions/*.json (one LKjIP per kecamatan)")
        let folder = data.appendingPathComponent("submissions")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasSuffix(".json") }.sorted()
        let store = SubmissionStore(client: client)
        for file in files {
            let bytes = try Data(contentsOf: folder.appendingPathComponent(file))
            switch try await store.submit(bytes: bytes) {
            case .stored(let revision, let findings, _):
                let counts = Dictionary(grouping: findings, by: \.severity).mapValues(\.count)
                let summary = counts.isEmpty
                    ? "no findings"
                    : counts.sorted { $0.key.rawValue < $1.key.rawValue }.map { "\($0.value) \($0.key.rawValue)" }
                        .joined(separator: ", ")
                Console.output("   \(file): submission \(revision.id), revision \(revision.revision): \(summary)")
                for finding in findings where finding.severity != .info {
                    Console.output("      \(finding.severity.rawValue) \(finding.rule) at \(finding.pointer): \(finding.message)")
                }
            case .unchanged(let revision):
                Console.output("   \(file): unchanged (revision \(revision.revision))")
            case .rejected(let problems):
                throw DemoError("the bundled \(file) was rejected: \(problems.map(\.description).joined(separator: "; "))")
            }
        }
    }

    func loadPBBFeeds() async throws {
        heading("rekap pbb generate + rekap pbb load (synthetic object-level feeds)")
        let kelurahan = try await RegionRegistry(client: client).codes(under: Self.city, level: .desaKelurahan)
            .filter { !Self.kecamatanWithoutFeed.contains($0.parent?.text ?? "") }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rekap-demo-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let files = try PBBFeedFiles.write(
            PBBFeedGenerator(kelurahan: kelurahan, year: Self.year, objects: 30_000, seed: 2023), into: folder.path)
        Console.output("   \(files.ketetapanRows) ketetapan and \(files.pembayaranRows) pembayaran for \(kelurahan.count) kelurahan"
            + " (the kelurahan of \(Self.kecamatanWithoutFeed.sorted().joined(separator: " and ")) report PBB in their submissions)")
        let result = try await PBBFeedLoader().load(
            [.file(.ketetapan, path: files.ketetapan), .file(.pembayaran, path: files.pembayaran)], client: client)
        for feed in result.feeds {
            Console.output("   " + PbbLoadCommand.line(feed))
        }
    }

    func consolidate() async throws {
        heading("rekap consolidate --city \(Self.city) --year \(Self.year)")
        let started = ContinuousClock.now
        _ = try await ConsolidationQueue(workerID: "rekap-demo")
            .consolidateAndWait(try CityYear(city: Self.city, year: Self.year), reason: "rekap demo", using: client)
        Console.output("   consolidated in \(started.duration(to: .now).formatted(.units(allowed: [.seconds, .milliseconds])))")
    }

    func printLeaderboards() async throws {
        let city = Self.city, year = Self.year
        heading("rekap rank pbb --city \(city) --year \(year) --level kecamatan")
        let pbbKecamatan = try await client.withConnection { conn in
            try Rankings.pbb(city: city, year: year, level: .kecamatan, on: conn)
        }
        print(LeaderboardRenderer.render(pbbKecamatan, as: .table), terminator: "")
        heading("rekap rank pbb --city \(city) --year \(year) --level kelurahan --lowest (lagging kelurahan first)")
        let pbbLowest = try await client.withConnection { conn in
            try Rankings.pbb(city: city, year: year, level: .kelurahan, lowest: true, on: conn)
        }
        print(LeaderboardRenderer.render(pbbLowest, as: .table), terminator: "")
        heading("rekap rank iku --city \(city) --year \(year)")
        let iku = try await client.withConnection { conn in try Rankings.iku(city: city, year: year, on: conn) }
        print(LeaderboardRenderer.render(iku, as: .table), terminator: "")
        heading("rekap rank penyerapan --city \(city) --year \(year)")
        let penyerapan = try await client.withConnection { conn in try Rankings.penyerapan(city: city, year: year, on: conn) }
        print(LeaderboardRenderer.render(penyerapan, as: .table), terminator: "")
        heading("rekap rank awards --city \(city) --year \(year)")
        let awards = try await client.withConnection { conn in try Rankings.awards(city: city, year: year, on: conn) }
        print(LeaderboardRenderer.render(awards, as: .table), terminator: "")
    }

    func writeReport() async throws {
        heading("rekap report --city \(Self.city) --year \(Self.year) --format html")
        let report = try await CityReportLoader.load(city: Self.city, year: Self.year, client: client)
        let path = FileManager.default.currentDirectoryPath + "/" + Self.reportFile
        try Data(ReportFormatKind.html.render(report).utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        Console.output("   wrote \(path): open it in a browser, or print it")
    }
}

/// A demo step that cannot go on.
struct DemoError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

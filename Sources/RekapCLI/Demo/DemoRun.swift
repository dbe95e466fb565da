import EmbeddedPostgres
import Foundation
import Logging
import PostgresLibPQ
import RekapDomain
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
            try admin.execute("CREATE DATABASE rekap")
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
    }

    /// Closes the client and stops and removes the database.
    func stop() async {
        await client.close()
        cluster.stop()
    }

    private func heading(_ title: String) {
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

/// A demo step that cannot go on.
struct DemoError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

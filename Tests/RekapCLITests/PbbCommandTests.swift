import Foundation
import PostgresLibPQ
import RekapTestSupport
import Testing

@Suite(.timeLimit(.minutes(10))) struct PbbCommandTests {
    /// A scratch folder, removed afterwards.
    func withFolder<T>(_ body: (URL) async throws -> T) async throws -> T {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rekap-pbb-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        return try await body(folder)
    }

    func generate(into folder: URL, objects: Int = 800, seed: Int = 4) async throws -> RekapRun {
        try await runRekap([
            "pbb", "generate", "--regions", RepositoryFiles.dumaiCSV.path, "--under", "14.72", "--year", "2023",
            "--objects", String(objects), "--seed", String(seed), "--out", folder.path,
        ])
    }

    /// A scratch database migrated and holding Dumai's regions, through the CLI itself.
    func withDumaiDatabase(_ label: String, _ body: (String) async throws -> Void) async throws {
        try await withCLIDatabase(label: label, dumai: true) { url, _ in try await body(url) }
    }

    @Test func generateIsReproducibleAndSeeded() async throws {
        try await withFolder { folder in
            let a = folder.appendingPathComponent("a"), b = folder.appendingPathComponent("b"), c = folder.appendingPathComponent("c")
            let run = try await generate(into: a)
            #expect(run.status == 0, "\(run)")
            #expect(run.stdout.contains("800 ketetapan over 36 kelurahan/desa"))
            _ = try await generate(into: b)
            _ = try await generate(into: c, seed: 5)
            for file in ["ketetapan.csv", "pembayaran.csv"] {
                let first = try Data(contentsOf: a.appendingPathComponent(file))
                #expect(first == (try Data(contentsOf: b.appendingPathComponent(file))), "\(file) differs for the same seed")
                #expect(first != (try Data(contentsOf: c.appendingPathComponent(file))), "\(file) is the same for another seed")
            }
            let ketetapan = try String(contentsOf: a.appendingPathComponent("ketetapan.csv"), encoding: .utf8).split(separator: "\n")
            #expect(ketetapan.first == "nop,tahun,kelurahan,pokok")
            #expect(ketetapan.count == 801)
        }
    }

    @Test func loadTwiceThenListOrphans() async throws {
        try await withFolder { folder in
            _ = try await generate(into: folder)
            let k = folder.appendingPathComponent("ketetapan.csv").path, p = folder.appendingPathComponent("pembayaran.csv").path
            try await withDumaiDatabase("cli_pbb_load") { url in
                let load = try await runRekap(["pbb", "load", "--ketetapan", k, "--pembayaran", p, "--database", url])
                #expect(load.status == 0, "\(load)")
                #expect(load.stdout.contains("ketetapan \(k): loaded as load 1: 800 rows, 800 added"))
                #expect(load.stdout.contains("pembayaran \(p): loaded as load 2"))
                #expect(load.stdout.contains("recompute: cities 14.72, years 2023"))
                #expect(!load.stderr.contains("rows/s"))  // no progress line when stderr is not a terminal

                let again = try await runRekap(["pbb", "load", "--pembayaran", p, "--ketetapan", k], environment: ["DATABASE_URL": url])
                #expect(again.status == 0, "\(again)")
                #expect(again.stdout.contains("ketetapan \(k): already loaded as load 1"))
                #expect(again.stdout.contains("pembayaran \(p): already loaded as load 2"))

                // The orphans, found here from the files alone.
                let assessed = Set(try String(contentsOfFile: k, encoding: .utf8).split(separator: "\n").dropFirst().map { $0.prefix(18) })
                let orphanLines = try String(contentsOfFile: p, encoding: .utf8).split(separator: "\n").dropFirst()
                    .filter { !assessed.contains($0.prefix(18)) }
                #expect(!orphanLines.isEmpty)
                let csv = try await runRekap(["pbb", "orphans", "--city", "14.72", "--year", "2023", "--format", "csv", "--database", url])
                #expect(csv.status == 0, "\(csv)")
                #expect(csv.stdout.split(separator: "\n").dropFirst().sorted() == orphanLines.sorted())

                let json = try await runRekap(["pbb", "orphans", "--city", "14.72", "--year", "2023", "--format", "json", "--database", url])
                let pokok = orphanLines.reduce(0) { $0 + Int($1.split(separator: ",")[3])! }
                #expect(json.stdout.contains("\"count\": \(orphanLines.count)"))
                #expect(json.stdout.contains("\"pokok\": \"\(pokok)\""))

                let table = try await runRekap(["pbb", "orphans", "--city", "14.72", "--year", "2023", "--database", url])
                #expect(table.stdout.hasPrefix("nop"))
                #expect(table.stdout.contains("total: \(orphanLines.count) payment"))

                let none = try await runRekap(["pbb", "orphans", "--city", "14.72", "--year", "2022", "--database", url])
                #expect(none.stdout.contains("total: 0 payments, pokok 0, denda 0"))
            }
        }
    }

    @Test func badLinesExit65AndStoreNothing() async throws {
        try await withFolder { folder in
            let k = folder.appendingPathComponent("k.csv")
            try Data("nop,tahun,kelurahan,pokok\n147200100300100010,2023,14.72.01.1003,5000\n1472,2023,14.72.01.1003,5000\n".utf8).write(to: k)
            try await withDumaiDatabase("cli_pbb_bad") { url in
                let run = try await runRekap(["pbb", "load", "--ketetapan", k.path, "--database", url])
                #expect(run.status == 65, "\(run)")
                #expect(run.stderr.contains("\(k.path):3: nop \"1472\" is not 18 digits"))
                #expect(run.stderr.contains("nothing was stored"))
                #expect(run.stdout.isEmpty)
                let conn = try PGConnection(url: url)
                defer { conn.close() }
                #expect(try conn.queryValue(Int64.self, "SELECT count(*) FROM pbb_load") == 0)
            }
        }
    }

    @Test func usageErrors() async throws {
        let nothing = try await runRekap(["pbb", "load", "--database", "postgresql://postgres@127.0.0.1:1/x"])
        #expect(nothing.status == 64, "\(nothing)")
        #expect(nothing.stderr.contains("--ketetapan FILE, --pembayaran FILE, or both"))

        let missing = try await runRekap(["pbb", "load", "--ketetapan", "/nonexistent/k.csv", "--database", "postgresql://postgres@127.0.0.1:1/x"])
        #expect(missing.status == 64, "\(missing)")
        #expect(missing.stderr.contains("cannot read /nonexistent/k.csv: no such file"))

        let city = try await runRekap(["pbb", "orphans", "--city", "14.72.01", "--year", "2023", "--database", "postgresql://postgres@127.0.0.1:1/x"])
        #expect(city.status == 64, "\(city)")
    }

    @Test func unreachableDatabaseExits69() async throws {
        try await withFolder { folder in
            _ = try await generate(into: folder, objects: 10)
            let port = try closedLocalPort()
            let run = try await runRekap(["pbb", "load", "--ketetapan", folder.appendingPathComponent("ketetapan.csv").path,
                                          "--database", "postgresql://postgres@127.0.0.1:\(port)/rekap"])
            #expect(run.status == 69, "\(run)")
            #expect(run.stderr.contains("cannot reach PostgreSQL"))
        }
    }
}

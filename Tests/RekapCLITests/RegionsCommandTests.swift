import Foundation
import PostgresLibPQ
import RekapTestSupport
import Testing

@Suite(.timeLimit(.minutes(10))) struct RegionsCommandTests {
    /// A scratch database migrated through the CLI; `body` gets its URL and a connection to check with.
    func withMigratedDatabase(label: String = #function, _ body: (String, PGConnection) async throws -> Void) async throws {
        try await withCLIDatabase(label: label, dumai: false, body)
    }

    func temporaryFile(_ bytes: [UInt8]) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("rekap-cli-\(UUID().uuidString).csv")
        try Data(bytes).write(to: url)
        return url
    }

    @Test func importsTheWholeRegistryThenRenamesWithoutDuplicates() async throws {
        try await withMigratedDatabase { url, conn in
            let file = RepositoryFiles.regionsCSV.path
            let first = try await runRekap(["regions", "import", file, "--database", url])
            #expect(first.status == 0, "\(first)")
            #expect(first.stdout.contains("91599 regions, 91599 inserted, 0 renamed, 0 unchanged"), "\(first)")
            #expect(try conn.queryValue(Int.self, "SELECT count(*) FROM region") == 91_599)
            let byKind = try conn.query("SELECT kind, count(*) FROM region GROUP BY kind ORDER BY kind")
                .map { "\(try $0.decode(String.self, at: 0))=\(try $0.decode(Int.self, at: 1))" }
            // The counts the data's README gives per level and kind.
            #expect(byKind == ["desa=75252", "desa_adat=14", "kabupaten=416", "kecamatan=7285", "kelurahan=8496", "kota=98", "provinsi=38"])
            #expect(try conn.queryValue(String.self, "SELECT name FROM region WHERE code = '14.02.09.2010'") == "Lambang Sari I, II, III")
            #expect(try conn.queryValue(String.self, "SELECT name FROM region WHERE code = '53.07.01.2021'") == "Regapu’u")

            // Re-import Kota Dumai with two older spellings: two renames, nothing duplicated.
            var dumai = try String(contentsOf: RepositoryFiles.dumaiCSV, encoding: .utf8)
            dumai = dumai.replacingOccurrences(of: "Bukit Nenas", with: "Bukit Nanas")
                .replacingOccurrences(of: "Tanjung Penyembal", with: "Tanjung Penyebal")
            let renamedFile = try temporaryFile(Array(dumai.utf8))
            defer { try? FileManager.default.removeItem(at: renamedFile) }
            let second = try await runRekap(["regions", "import", renamedFile.path], environment: ["DATABASE_URL": url])
            #expect(second.status == 0, "\(second)")
            #expect(second.stdout.contains("45 regions, 0 inserted, 2 renamed, 43 unchanged"), "\(second)")
            #expect(try conn.queryValue(Int.self, "SELECT count(*) FROM region") == 91_599)
            #expect(try conn.queryValue(String.self, "SELECT name FROM region WHERE code = '14.72.03.1001'") == "Bukit Nanas")

            let tree = try await runRekap(["regions", "tree", "14.72.02", "--database", url])
            #expect(tree.status == 0, "\(tree)")
            #expect(tree.stdout.hasPrefix("14.72.02  Dumai Timur (kecamatan)\n  14.72.02.1002  Teluk Binjai (kelurahan)\n"), "\(tree)")
            #expect(tree.stdout.hasSuffix("5 kelurahan\n"))
        }
    }

    @Test func aBadFileIsRejectedWithLineNumbersAndNothingStored() async throws {
        try await withMigratedDatabase { url, conn in
            var bytes = Array("""
                code,name,level,parent_code
                14,Riau,1,
                14.72,Kota Dumai,2,14
                14.72.1,Kode Salah,3,14.72
                14.72.02,Level Salah,4,14.72
                14.72.03,Induk Hilang,3,14.73
                14.72.04,Tanpa,Kutip,3,14.72
                14.72.05,"Medang, Kampai",3,14.72
                14.72.06,Dumai Kota?,3,14.72

                """.utf8)
            // Line 9: a byte that is not UTF-8.
            let at = bytes.lastIndex(of: UInt8(ascii: "?"))!
            bytes[at] = 0xC3
            let file = try temporaryFile(bytes)
            defer { try? FileManager.default.removeItem(at: file) }

            let run = try await runRekap(["regions", "import", file.path, "--database", url])
            #expect(run.status == 65, "\(run)")
            #expect(run.stdout.isEmpty)
            let path = file.path
            #expect(run.stderr.contains("\(path) is rejected, nothing was stored: 5 problems"), "\(run)")
            #expect(run.stderr.contains("\(path):4: code \"14.72.1\" is not a region code"))
            #expect(run.stderr.contains("\(path):5: level is 4, but the code 14.72.02 has 3 segments"))
            #expect(run.stderr.contains("\(path):6: parent_code is \"14.73\", but the parent of 14.72.03 is 14.72"))
            #expect(run.stderr.contains("\(path):7: it has 5 fields; expected 4"))
            #expect(run.stderr.contains("\(path):9: the line is not valid UTF-8"))
            #expect(!run.stderr.contains("\(path):8:"))  // a quoted comma is fine
            #expect(try conn.queryValue(Int.self, "SELECT count(*) FROM region") == 0)
        }
    }

    @Test func aParentMissingFromFileAndRegistryIsNamed() async throws {
        try await withMigratedDatabase { url, conn in
            let file = try temporaryFile(Array("code,name,level,parent_code\n14.72.02,Dumai Timur,3,14.72\n".utf8))
            defer { try? FileManager.default.removeItem(at: file) }
            let run = try await runRekap(["regions", "import", file.path, "--database", url])
            #expect(run.status == 65, "\(run)")
            #expect(run.stderr.contains(":2: the parent 14.72 of 14.72.02 is neither in the file nor in the registry"), "\(run)")
            #expect(try conn.queryValue(Int.self, "SELECT count(*) FROM region") == 0)
        }
    }

    @Test func aMissingFileIsAUsageError() async throws {
        try await withMigratedDatabase { url, _ in
            let run = try await runRekap(["regions", "import", "/nonexistent/regions.csv", "--database", url])
            #expect(run.status == 64, "\(run)")
            #expect(run.stderr.contains("cannot read /nonexistent/regions.csv"))
        }
    }

    @Test func treeOfAnUnknownOrMalformedCode() async throws {
        try await withMigratedDatabase { url, _ in
            let unknown = try await runRekap(["regions", "tree", "14.72", "--database", url])
            #expect(unknown.status == 65, "\(unknown)")
            #expect(unknown.stderr.contains("the registry has no region 14.72"))
            let malformed = try await runRekap(["regions", "tree", "1472", "--database", url])
            #expect(malformed.status == 64, "\(malformed)")
            #expect(malformed.stderr.contains("\"1472\" is not a region code"))
        }
    }

    @Test func unreachableDatabaseExits69() async throws {
        let port = try closedLocalPort()
        let run = try await runRekap(
            ["regions", "import", RepositoryFiles.dumaiCSV.path], environment: ["DATABASE_URL": "postgresql://postgres@127.0.0.1:\(port)/rekap"])
        #expect(run.status == 69, "\(run)")
        #expect(run.stderr.contains("cannot reach PostgreSQL at 127.0.0.1:\(port)"))
    }
}

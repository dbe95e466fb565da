import Foundation
import PostgresLibPQ
import RekapStore
import RekapTestSupport
import Testing

@Suite struct RegionImporterTests {
    static let header = "code,name,level,parent_code\n"

    /// Imports `text` as a file on `client`.
    func importText(_ text: String, _ client: PGClient, importer: RegionImporter = RegionImporter()) async throws -> RegionImportResult {
        try await withTemporaryFile(text) { path in
            try await importer.importFile(at: path, displayName: "test.csv", client: client)
        }
    }

    func regionCount(_ client: PGClient) async throws -> Int {
        try await client.query("SELECT count(*) FROM region").first!.decode(Int.self, at: 0)
    }

    @Test func importsDumaiThenRenamesWithoutDuplicating() async throws {
        try await withTestDatabase { client in
            let first = try await RegionImporter().importFile(at: RepositoryFiles.dumaiCSV.path, client: client)
            #expect(first == RegionImportResult(rows: 45, inserted: 45, renamed: 0, unchanged: 0))
            #expect(try await regionCount(client) == 45)

            let again = try await RegionImporter().importFile(at: RepositoryFiles.dumaiCSV.path, client: client)
            #expect(again == RegionImportResult(rows: 45, inserted: 0, renamed: 0, unchanged: 45))

            // An older spelling of two names (as in the 2016 data), plus one new kelurahan.
            var text = try String(contentsOf: RepositoryFiles.dumaiCSV, encoding: .utf8)
            text = text.replacingOccurrences(of: "Bukit Nenas", with: "Bukit Nanas")
                .replacingOccurrences(of: ",Kota Dumai,", with: ",KOTA DUMAI,")
            text += "14.72.07.1006,Kelurahan Uji,4,14.72.07\n"
            let renamed = try await importText(text, client)
            #expect(renamed == RegionImportResult(rows: 46, inserted: 1, renamed: 2, unchanged: 43))
            #expect(try await regionCount(client) == 46)
            let names = try await client.query(
                "SELECT name FROM region WHERE code IN ('14.72', '14.72.03.1001') ORDER BY code"
            ).map { try $0.decode(String.self, at: 0) }
            #expect(names == ["KOTA DUMAI", "Bukit Nanas"])
        }
    }

    @Test func aBadFileIsRejectedWholeListingEveryBadLine() async throws {
        try await withTestDatabase(regions: .dumai) { client in
            var lines = [
                "code,name,level,parent_code",  // 1
                "14.72.08,Kecamatan Baru,3,14.72",  // 2 good
                "14.72.8,Salah Kode,3,14.72",  // 3 bad code
                "14.72.08.1001,Level Salah,3,14.72.08",  // 4 wrong level
                "14.99.01,Tanpa Induk,3,14.99",  // 5 missing parent
                "14.72.08.1002,Terlalu,Banyak,4,14.72.08",  // 6 unquoted comma: 5 fields
                "14.72.08.1003,\"Lubuk Pakam I,II\",4,14.72.08",  // 7 good: quoted comma
                "14.72.08.1004,Ba\u{FFFD}d,4,14.72.08",  // 8 invalid UTF-8 (patched below)
                "14.72.08.1005,,4,14.72.08",  // 9 empty name
                "14.72.08.1006,Induk Salah,4,14.72.01",  // 10 parent_code is not the code's parent
                "14.72.08,Kecamatan Baru Lagi,3,14.72",  // 11 duplicate of line 2
                "14.72.08.1007,Kutip \"Liar\",4,14.72.08",  // 12 stray quote
                "14.72.08.4001,Awal Empat,4,14.72.08",  // 13 4th segment must start with 1-3
                "14,Riau Ganti,1,14.72",  // 14 provinsi with a parent
            ].joined(separator: "\n") + "\n"
            // Line 8: a lone 0xFF byte instead of the replacement character.
            var bytes = Array(lines.utf8)
            let marker = Array("\u{FFFD}".utf8)
            if let at = bytes.indices.first(where: { Array(bytes[$0..<min($0 + marker.count, bytes.count)]) == marker }) {
                bytes.replaceSubrange(at..<at + marker.count, with: [0xFF])
            }
            lines = ""

            let before = try await client.query("SELECT string_agg(code || '=' || name, ';' ORDER BY code) FROM region").first!
                .decode(String.self, at: 0)
            let error = try await withTemporaryFile(bytes) { path in
                await #expect(throws: RejectedFile.self) {
                    try await RegionImporter().importFile(at: path, displayName: "bad.csv", client: client)
                }
            }
            let rejection = try #require(error)
            #expect(rejection.file == "bad.csv")
            #expect(rejection.problems.map(\.line) == [3, 4, 5, 6, 8, 9, 10, 11, 12, 13, 14])
            #expect(rejection.total == 11)
            func reason(_ line: Int) -> String { rejection.problems.first { $0.line == line }?.reason ?? "" }
            #expect(reason(3).contains("\"14.72.8\" is not a region code"))
            #expect(reason(4).contains("level is 3, but the code 14.72.08.1001 has 4 segments"))
            #expect(reason(5).contains("the parent 14.99 of 14.99.01 is neither in the file nor in the registry"))
            #expect(reason(6).contains("5 fields; expected 4"))
            #expect(reason(8).contains("UTF-8"))
            #expect(reason(9).contains("the name is empty"))
            #expect(reason(10).contains("parent_code is \"14.72.01\", but the parent of 14.72.08.1006 is 14.72.08"))
            #expect(reason(11).contains("code 14.72.08 is already on line 2"))
            #expect(reason(12).contains("quote"))
            #expect(reason(13).contains("must start with 1 (kelurahan), 2 (desa) or 3 (desa adat)"))
            #expect(reason(14).contains("parent_code must be empty for a provinsi"))
            #expect(rejection.description.contains("bad.csv:3: "))
            #expect(rejection.description.hasPrefix("bad.csv is rejected, nothing was stored: 11 problems"))

            // Nothing stored: neither the good lines nor renames.
            let after = try await client.query("SELECT string_agg(code || '=' || name, ';' ORDER BY code) FROM region").first!
                .decode(String.self, at: 0)
            #expect(after == before)
            #expect(try await regionCount(client) == 45)
        }
    }

    @Test func theListingIsCappedAndCountsTheRest() async throws {
        try await withTestDatabase { client in
            let text = Self.header + (1...120).map { "99.\($0),Nama,2,99\n" }.joined()
            let error = try await withTemporaryFile(text) { path in
                await #expect(throws: RejectedFile.self) {
                    try await RegionImporter(maxListedProblems: 50).importFile(at: path, displayName: "many.csv", client: client)
                }
            }
            let rejection = try #require(error)
            #expect(rejection.problems.count == 50)
            #expect(rejection.total == 120)
            #expect(rejection.problems.first?.line == 2)
            #expect(rejection.problems.last?.line == 51)
            #expect(rejection.description.hasSuffix("… and 70 more"))
            #expect(try await regionCount(client) == 0)
        }
    }

    @Test func aParentMayComeFromTheRegistry() async throws {
        try await withTestDatabase(regions: .dumai) { client in
            let result = try await importText(Self.header + "14.72.02.1010,Kelurahan Baru,4,14.72.02\n", client)
            #expect(result.inserted == 1)
            let kind = try await client.query("SELECT kind FROM region WHERE code = '14.72.02.1010'").first?.decode(String.self, at: 0)
            #expect(kind == "kelurahan")
        }
    }

    @Test func quotedNamesCRLFAndByteOrderMarkAreRead() async throws {
        try await withTestDatabase { client in
            let text = "\u{FEFF}code,name,level,parent_code\r\n12,Sumatera Utara,1,\r\n12.07,Kabupaten Deli Serdang,2,12\r\n"
                + "12.07.28,Lubuk Pakam,3,12.07\r\n12.07.28.1007,\"Lubuk Pakam I,II\",4,12.07.28\r\n"
                + "12.07.28.1008,\"Nama \"\"Kutip\"\"\",4,12.07.28"  // no line end at the end
            let result = try await importText(text, client)
            #expect(result == RegionImportResult(rows: 5, inserted: 5, renamed: 0, unchanged: 0))
            let names = try await client.query("SELECT name FROM region WHERE level = 4 ORDER BY code").map { try $0.decode(String.self, at: 0) }
            #expect(names == ["Lubuk Pakam I,II", "Nama \"Kutip\""])
        }
    }

    @Test func emptyLinesAreSkipped() async throws {
        try await withTestDatabase { client in
            let result = try await importText(Self.header + "\n14,Riau,1,\n\n14.72,Kota Dumai,2,14\n\n", client)
            #expect(result.rows == 2)
            #expect(try await regionCount(client) == 2)
        }
    }

    @Test(arguments: [
        ("", "the file is empty"),
        ("kode,nama,tingkat,induk\n14,Riau,1,\n", "the header must be code,name,level,parent_code; found kode,nama,tingkat,induk"),
        ("code,name,level\n14,Riau,1\n", "the header must be code,name,level,parent_code; found code,name,level"),
    ])
    func aMissingOrWrongHeaderIsRejected(text: String, expected: String) async throws {
        try await withTestDatabase { client in
            let error = try await withTemporaryFile(text) { path in
                await #expect(throws: RejectedFile.self) { try await RegionImporter().importFile(at: path, client: client) }
            }
            #expect(error?.problems.first?.line == 1)
            #expect(error?.problems.first?.reason.contains(expected) == true, "\(String(describing: error))")
            #expect(error?.total == 1)
        }
    }

    @Test func aMissingFileIsAnIOError() async throws {
        try await withTestDatabase { client in
            await #expect(throws: ByteSourceError.self) {
                try await RegionImporter().importFile(at: "/nonexistent/regions.csv", client: client)
            }
        }
    }
}

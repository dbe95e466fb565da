import Foundation
import PostgresLibPQ
import RekapTestSupport
import Testing

/// `rekap submit` and `rekap submissions list/show`, through the built binary.
@Suite(.timeLimit(.minutes(10))) struct SubmitCommandTests {
    /// A migrated scratch database with Dumai's regions, and a folder for documents; both removed afterwards.
    func withSubmitDatabase(label: String = #function, _ body: (_ url: String, _ folder: URL) async throws -> Void) async throws {
        try await withCLIDatabase(label: label, dumai: true) { url, _ in
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rekap-submit-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            try await body(url, folder)
        }
    }

    static let seedPath = RepositoryFiles.url("Tests/RekapDomainTests/Fixtures/accepted/dumai-timur-2023.json").path

    static func json(_ text: String) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(text.utf8))
    }

    @Test func submitStoresThenRecognisesTheSameBytes() async throws {
        try await withSubmitDatabase { url, _ in
            let first = try await runRekap(["submit", Self.seedPath, "--database", url])
            #expect(first.status == 0, "\(first)")
            let title = try #require(first.stdout.split(separator: "\n").first.map(String.init))
            #expect(title.hasPrefix("STORED 14.72.02 2023 FY revision 1 (id "), "\(first)")
            let id = try #require(title.split(separator: "(id ").last?.dropLast().description)
            #expect(first.stdout.contains("budget.pagu-murni-mismatch"))
            #expect(first.stdout.contains("/budget/total/pagu_murni"))
            #expect(first.stdout.contains("98.51"))
            #expect(first.stderr.contains("stored as revision 1"))

            let again = try await runRekap(["submit", Self.seedPath], environment: ["DATABASE_URL": url])
            #expect(again.status == 0, "\(again)")
            #expect(again.stdout == "unchanged: identical to revision 1 (id \(id))\n")
        }
    }

    @Test func submitAsJSONGivesIdRevisionAndFindings() async throws {
        try await withSubmitDatabase { url, folder in
            _ = try await runRekap(["submit", Self.seedPath, "--database", url])
            let changed = folder.appendingPathComponent("changed.json")
            let text = try String(contentsOfFile: Self.seedPath, encoding: .utf8)
            try text.replacingOccurrences(of: "\"by\": \"ZAINUR, SH\"", with: "\"by\": \"Zainur, S.H.\"").write(to: changed, atomically: true, encoding: .utf8)
            let run = try await runRekap(["submit", changed.path, "--format", "json", "--database", url])
            #expect(run.status == 0, "\(run)")
            let object = try #require(try Self.json(run.stdout) as? [String: Any])
            #expect(object["status"] as? String == "stored")
            #expect(object["revision"] as? Int == 2)
            #expect(object["region"] as? String == "14.72.02")
            #expect(object["city"] as? String == "14.72")
            #expect((object["id"] as? Int ?? 0) > 0)
            let findings = try #require(object["findings"] as? [[String: Any]])
            let murni = try #require(findings.first { $0["rule"] as? String == "budget.pagu-murni-mismatch" })
            #expect((murni["message"] as? String)?.hasPrefix("reported total pagu_murni ") == true)
            #expect((murni["message_id"] as? String)?.hasPrefix("total pagu murni yang dilaporkan ") == true)
            let total = (object["computed"] as? [String: Any])?["total"] as? [String: Any]
            #expect(total?["penyerapan"] as? String == "98.51")

            let unchanged = try await runRekap(["submit", changed.path, "--format", "json", "--database", url])
            let again = try #require(try Self.json(unchanged.stdout) as? [String: Any])
            #expect(again["status"] as? String == "unchanged")
            #expect(again["revision"] as? Int == 2)
        }
    }

    @Test func rejectedSubmissionExits65ListingPointersAndStoresNothing() async throws {
        try await withSubmitDatabase { url, folder in
            let negative = RepositoryFiles.url("Tests/RekapDomainTests/Fixtures/rejected/26-negative-amount.json").path
            let run = try await runRekap(["submit", negative, "--database", url])
            #expect(run.status == 65, "\(run)")
            #expect(run.stdout.hasPrefix("REJECTED\n"))
            #expect(run.stdout.contains("invalid-amount  /budget/programs/0/pagu"), "\(run)")
            #expect(run.stderr.contains("nothing is stored"))

            // Several problems at once, and a region the registry does not know, as JSON.
            let document = folder.appendingPathComponent("bad.json")
            try """
                {"format": "rekap.submission/v1", "region": "14.72.02", "year": 2023, "period": "Q1",
                 "pbb": [{"kelurahan": "14.72.02.1005", "ketetapan": "-1", "realisasi": "1.005", "as_of": "2023-03-31"}]}
                """.write(to: document, atomically: true, encoding: .utf8)
            let json = try await runRekap(["submit", document.path, "--format", "json", "--database", url])
            #expect(json.status == 65, "\(json)")
            let object = try #require(try Self.json(json.stdout) as? [String: Any])
            #expect(object["status"] as? String == "rejected")
            let pointers = Set((object["problems"] as? [[String: Any]] ?? []).compactMap { $0["pointer"] as? String })
            #expect(pointers == ["/pbb/0/kelurahan", "/pbb/0/ketetapan", "/pbb/0/realisasi"])

            let list = try await runRekap(["submissions", "list", "--region", "14.72", "--database", url])
            #expect(list.status == 0, "\(list)")
            #expect(list.stdout == "no submissions for 14.72\n")
        }
    }

    @Test func listAndShowStoredRevisions() async throws {
        try await withSubmitDatabase { url, folder in
            _ = try await runRekap(["submit", Self.seedPath, "--database", url])
            let kelurahan = RepositoryFiles.url("Tests/RekapDomainTests/Fixtures/accepted/jaya-mukti-pbb-2023.json").path
            _ = try await runRekap(["submit", kelurahan, "--database", url])

            let table = try await runRekap(["submissions", "list", "--region", "14.72.02", "--year", "2023", "--database", url])
            #expect(table.status == 0, "\(table)")
            let lines = table.stdout.split(separator: "\n")
            #expect(lines.count == 3, "\(table)")
            #expect(lines.first?.hasPrefix("id") == true)
            #expect(lines.dropFirst().first?.contains("14.72.02 ") == true)
            #expect(lines.last?.contains("14.72.02.1004") == true)

            let json = try await runRekap(["submissions", "list", "--region", "14.72.02", "--format", "json", "--database", url])
            let rows = try #require(try Self.json(json.stdout) as? [[String: Any]])
            #expect(rows.map { $0["region"] as? String } == ["14.72.02", "14.72.02.1004"])
            #expect(rows.allSatisfy { ($0["submitted_at"] as? String)?.hasSuffix("Z") == true })
            let seedRow = try #require(rows.first)
            // The seed has seven warnings (pagu murni; penyerapan and efisiensi of its efficiency table for
            // each of the three IKU) and two infos (capaian rounding, this year's and 2022's).
            let counts = seedRow["findings"] as? [String: Any]
            #expect([counts?["error"] as? Int, counts?["warning"] as? Int, counts?["info"] as? Int] == [0, 7, 2])
            let id = try #require(seedRow["id"] as? Int)

            let show = try await runRekap(["submissions", "show", String(id), "--database", url])
            #expect(show.status == 0, "\(show)")
            #expect(show.stdout.hasPrefix("SUBMISSION 14.72.02 2023 FY revision 1 (id \(id))\n"))
            #expect(show.stdout.contains("ZAINUR, SH (Camat)"))
            #expect(show.stdout.contains("budget.pagu-murni-mismatch"))
            #expect(show.stdout.contains("105.43"))

            let shownJSON = try #require(try Self.json(try await runRekap(["submissions", "show", String(id), "--format", "json", "--database", url]).stdout) as? [String: Any])
            #expect(shownJSON["revision"] as? Int == 1)
            #expect((shownJSON["document_sha256"] as? String)?.count == 64)
            #expect((shownJSON["signed"] as? [String: Any])?["nip"] as? String == "197001122002121003")

            let document = try await runRekap(["submissions", "show", String(id), "--document", "--database", url])
            #expect(document.status == 0)
            #expect(Array(document.stdout.utf8) == (try RepositoryFiles.bytes("Tests/RekapDomainTests/Fixtures/accepted/dumai-timur-2023.json")))

            let missing = try await runRekap(["submissions", "show", String(id + 1000), "--database", url])
            #expect(missing.status == 1, "\(missing)")
            #expect(missing.stderr.contains("no submission with id \(id + 1000)"))
        }
    }

    @Test func usageAndUnreachableDatabase() async throws {
        let port = try closedLocalPort()
        let unreachable = try await runRekap(["submit", Self.seedPath, "--database", "postgresql://postgres@127.0.0.1:\(port)/rekap"])
        #expect(unreachable.status == 69, "\(unreachable)")
        #expect(unreachable.stdout.isEmpty)

        let missingFile = try await runRekap(["submit", "/nonexistent/doc.json", "--database", "postgresql://postgres@127.0.0.1:\(port)/rekap"])
        #expect(missingFile.status == 64, "\(missingFile)")
        #expect(missingFile.stderr.contains("no such file"))

        let badRegion = try await runRekap(["submissions", "list", "--region", "14.7.02", "--database", "postgresql://postgres@127.0.0.1:\(port)/rekap"])
        #expect(badRegion.status == 64, "\(badRegion)")
        #expect(badRegion.stderr.contains("--region"))
    }
}

import Foundation
import RekapDomain
import RekapTestSupport
import Testing

/// `rekap convert|validate|submit FILE.xlsx` through the built binary: a filled workbook stores the
/// seed's report; every bad file of issue #14 is refused with its message and nothing is stored.
@Suite(.timeLimit(.minutes(10))) struct WorkbookCommandTests {
    static let seed = RepositoryFiles.url("Sources/RekapCLI/DemoData/submissions/14.72.02-2023.json")

    func withFolder(_ body: (URL) async throws -> Void) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rekap-xlsx-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try await body(folder)
    }

    static func normalized(_ value: JSONValue) -> JSONValue {
        switch value {
        case .object(let members): .object(members.map { JSONMember(key: $0.key, value: normalized($0.value)) }.sorted { $0.key < $1.key })
        case .array(let items): .array(items.map(normalized))
        // A number cell has no trailing zeros: "1.000" in the seed is the 1 the workbook holds.
        case .string(let text) where text.contains(".") && text.allSatisfy({ $0.isNumber || $0 == "." }) && text.split(separator: ".").count == 2:
            .string(String(text.reversed().drop { $0 == "0" }.drop { $0 == "." }.reversed()))
        default: value
        }
    }

    @Test(.enabled(if: WorkbookFixtures.hasOpenpyxl, "python3 with openpyxl is missing (apt-get install python3-openpyxl); skipped"))
    func convertValidateAndSubmitAFilledWorkbook() async throws {
        try await withFolder { folder in
            let workbook = try await WorkbookFixtures.openpyxl(document: Self.seed, variants: ["messy"], in: folder)
            let converted = try await runRekap(["convert", workbook.path])
            #expect(converted.status == 0, "\(converted)")
            let document = try JSONParser().parse(converted.stdout)
            let seed = try JSONParser().parse(Array(try Data(contentsOf: Self.seed)))
            #expect(Self.normalized(document) == Self.normalized(seed), "\(converted.stdout)")

            let validated = try await runRekap(["validate", workbook.path])
            #expect(validated.status == 0, "\(validated)")
            #expect(validated.stdout.hasPrefix("ACCEPTED 14.72.02 2023 FY\n"), "\(validated)")

            try await withCLIDatabase(label: #function, dumai: true) { url, _ in
                let stored = try await runRekap(["submit", workbook.path, "--database", url])
                #expect(stored.status == 0, "\(stored)")
                #expect(stored.stdout.hasPrefix("STORED 14.72.02 2023 FY revision 1"), "\(stored)")
                // What is stored is the converted JSON: submitting it is recognised as the same bytes.
                let json = folder.appendingPathComponent("converted.json")
                try String(converted.stdout.dropLast()).write(to: json, atomically: true, encoding: .utf8)
                let same = try await runRekap(["submit", json.path, "--database", url])
                #expect(same.stdout.hasPrefix("unchanged: identical to revision 1"), "\(same)")
            }
        }
    }

    /// Issue #14's bad input, each through `rekap submit` against a real database: exit 65, the
    /// reason named, nothing stored.
    @Test(.enabled(if: WorkbookFixtures.hasOpenpyxl, "python3 with openpyxl is missing (apt-get install python3-openpyxl); skipped"))
    func badWorkbooksAreRefusedAndNothingIsStored() async throws {
        try await withFolder { folder in
            func file(_ name: String, _ data: Data) throws -> URL {
                let url = folder.appendingPathComponent(name)
                try data.write(to: url)
                return url
            }
            let spaces = Data(repeating: 0x20, count: 1 << 20)
            // The metadata sheet is read first: the bomb and the long sheet stand in for it.
            var bombParts = WorkbookFixtures.workbookParts(sheets: [("rekap", "")])
            bombParts.removeAll { $0.path == "xl/worksheets/sheet1.xml" }
            let rowsHead = Data("<?xml version=\"1.0\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>".utf8)
            var cases: [(file: URL, cell: String?, message: String)] = [
                (try file("not-a-zip.xlsx", Data((0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ 3) })), nil, "bukan workbook Excel"),
                (try file("renamed.xlsx", Data("kode,ketetapan\n14.72.02.1001,1250000000\n".utf8)), nil, "berkas CSV yang diganti namanya"),
                (try file("old.xls", WorkbookFixtures.oleFile(stream: "Workbook")), nil, "format Excel lama (.xls)"),
                (try file("locked.xlsx", WorkbookFixtures.oleFile(stream: "EncryptedPackage")), nil, "dilindungi kata sandi"),
                (try file("bomb.xlsx", try WorkbookFixtures.zip(bombParts, streaming: "xl/worksheets/sheet1.xml", chunk: { _ in spaces }, chunks: 50)),
                 nil, "bom zip"),
                (try file("rows.xlsx", try WorkbookFixtures.zip(bombParts, streaming: "xl/worksheets/sheet1.xml", head: rowsHead, chunk: { block in
                    var text = ""
                    for row in (block * 1000 + 100_001)...(block * 1000 + 101_000) { text += "<row r=\"\(row)\"><c r=\"A\(row)\"><v>1</v></c></row>" }
                    return Data(text.utf8)
                }, chunks: 30, tail: Data("</sheetData></worksheet>".utf8))), "rekap", "lebih dari 20.000 baris"),
                (try file("xxe.xlsx", try WorkbookFixtures.workbook(sheets: [("Identitas", "")],
                                                                   workbookPrefix: "<!DOCTYPE w [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;\">]>")),
                 nil, "deklarasi DTD/entitas XML"),
            ]
            let missingSheet = try await WorkbookFixtures.openpyxl(document: Self.seed, variants: ["nosheet=Anggaran"], in: folder)
            cases.append((missingSheet, nil, "lembar \"Anggaran\" tidak ada"))
            let otherRegion = try await WorkbookFixtures.openpyxl(document: Self.seed, variants: ["region=14.72.03"], in: folder)
            cases.append((otherRegion, "Identitas!B3", "workbook ini dibuat untuk 14.72.03"))
            let older = try await WorkbookFixtures.openpyxl(document: Self.seed, variants: ["layout=rekap.workbook/v0"], in: folder)
            cases.append((older, "rekap!B1", "templat lama"))
            let noTemplate = try await WorkbookFixtures.openpyxl(document: Self.seed, variants: ["nometa"], in: folder)
            cases.append((noTemplate, nil, "bukan templat rekap"))

            try await withCLIDatabase(label: #function, dumai: true) { url, _ in
                for bad in cases {
                    let run = try await runRekap(["submit", bad.file.path, "--format", "json", "--database", url])
                    #expect(run.status == 65, "\(bad.file.lastPathComponent): \(run)")
                    #expect(run.stderr.contains("nothing is stored"), "\(bad.file.lastPathComponent): \(run)")
                    let answer = try JSONParser().parse(run.stdout)
                    let problem = answer["problems"]?.elements.first
                    guard case .string(let reason)? = problem?["reason"] else {
                        Issue.record("\(bad.file.lastPathComponent): no problem listed: \(run)")
                        continue
                    }
                    #expect(reason.contains(bad.message), "\(bad.file.lastPathComponent): \(reason)")
                    #expect(problem?["cell"] == (bad.cell.map { .string($0) } ?? .null), "\(bad.file.lastPathComponent): \(run.stdout)")
                }
                let list = try await runRekap(["submissions", "list", "--region", "14.72", "--database", url])
                #expect(list.stdout == "no submissions for 14.72\n", "\(list)")
            }
        }
    }

    /// Text where a number belongs, found by the decoder on the converted JSON or by the reader:
    /// problems name the sheet and cell, in the table too.
    @Test func textWhereNumbersBelongIsNamedBySheetAndCell() async throws {
        try await withFolder { folder in
            let identity = "<row r=\"3\"><c r=\"B3\" t=\"inlineStr\"><is><t>14.72.02</t></is></c></row><row r=\"5\"><c r=\"B5\"><v>2023</v></c></row>"
                + "<row r=\"6\"><c r=\"B6\" t=\"inlineStr\"><is><t>FY</t></is></c></row>"
            let budget = "<row r=\"4\"><c r=\"A4\" t=\"inlineStr\"><is><t>Program</t></is></c><c r=\"C4\" t=\"inlineStr\"><is><t>A</t></is></c>"
                + "<c r=\"H4\" t=\"inlineStr\"><is><t>143.512.700</t></is></c><c r=\"I4\" t=\"inlineStr\"><is><t>91.72</t></is></c></row>"
            let metadata = ["layout": "rekap.workbook/v1", "document": "report", "region": "14.72.02", "year": "2023", "period": "FY"]
                .enumerated().map { index, pair in
                    "<row r=\"\(index + 1)\"><c r=\"A\(index + 1)\" t=\"inlineStr\"><is><t>\(pair.key)</t></is></c><c r=\"B\(index + 1)\" t=\"inlineStr\"><is><t>\(pair.value)</t></is></c></row>"
                }.joined()
            let data = try WorkbookFixtures.workbook(sheets: [("Identitas", identity), ("Indikator", ""), ("Anggaran", budget), ("PBB-P2", ""),
                                                              ("Penghargaan", ""), ("rekap", metadata)], hidden: ["rekap"])
            let workbook = folder.appendingPathComponent("laporan.xlsx")
            try data.write(to: workbook)
            let run = try await runRekap(["validate", workbook.path])
            #expect(run.status == 65, "\(run)")
            #expect(run.stdout.contains("Anggaran!I4"), "\(run)")
            #expect(run.stdout.contains("tulis 91,72"), "\(run)")
            #expect(!run.stdout.contains("Anggaran!H4"), "\(run)")
        }
    }
}

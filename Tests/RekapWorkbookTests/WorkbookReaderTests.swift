import Foundation
import RekapDomain
import RekapTestSupport
import RekapWorkbook
import Testing
import XLSX

/// Workbooks read back into the contract's document: filled by openpyxl and re-saved by LibreOffice
/// (equal to the seed's JSON), and written cell by cell for Excel's conventions and problems by cell.
@Suite(.timeLimit(.minutes(5))) struct WorkbookReaderTests {
    static let seed = RepositoryFiles.url("Sources/RekapCLI/DemoData/submissions/14.72.02-2023.json")

    func convert(_ data: Data) throws -> WorkbookConversion {
        switch WorkbookReader.read(data) {
        case .success(let conversion): return conversion
        case .failure(let rejection): throw FixtureFailed(what: "conversion", output: rejection.problems.map(\.description).joined(separator: "\n"))
        }
    }

    func problems(_ data: Data) -> [WorkbookProblem] {
        if case .failure(let rejection) = WorkbookReader.read(data) { return rejection.problems }
        return []
    }

    func withFolder<T>(_ body: (URL) async throws -> T) async throws -> T {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rekap-workbook-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        return try await body(folder)
    }

    var seedDocument: JSONValue { get throws { try JSONParser().parse(Array(try Data(contentsOf: Self.seed))) } }

    // MARK: Round trips

    @Test(.enabled(if: WorkbookFixtures.hasOpenpyxl, "python3 with openpyxl is missing (apt-get install python3-openpyxl); skipped"),
          arguments: [[], ["messy"]])
    func openpyxlWorkbookConvertsToTheSeed(variants: [String]) async throws {
        try await withFolder { folder in
            let file = try await WorkbookFixtures.openpyxl(document: Self.seed, variants: variants, in: folder)
            let conversion = try convert(try Data(contentsOf: file))
            #expect(conversion.kind == .report)
            #expect(conversion.document.normalized == (try seedDocument).normalized, "\(conversion.json)")
        }
    }

    @Test(.enabled(if: WorkbookFixtures.hasOpenpyxl && WorkbookFixtures.soffice != nil,
                   "LibreOffice (apt-get install libreoffice-calc-nogui) or openpyxl is missing; skipped"))
    func libreOfficeSavedWorkbookConvertsToTheSeed() async throws {
        try await withFolder { folder in
            let filled = try await WorkbookFixtures.openpyxl(document: Self.seed, variants: ["messy"], in: folder)
            let saved = try await WorkbookFixtures.libreOffice(filled, in: folder)
            let conversion = try convert(try Data(contentsOf: saved))
            #expect(conversion.document.normalized == (try seedDocument).normalized, "\(conversion.json)")
        }
    }

    // MARK: Excel's conventions, cell by cell

    @Test func readsValuesAsTheSpreadsheetShowsThem() throws {
        let data = try WorkbookSheets.report([
            "Identitas": WorkbookSheets.identity.merging(["B8": .text(" ZAINUR, SH "), "B11": .date("45313")]) { $1 },
            "Indikator": ["A4": .text("IKM"), "B4": .text("Indeks Kepuasan Masyarakat"), "E4": .text("Semakin rendah semakin baik"),
                          "F4": .text("87"), "G4": .number("91.719999999999999"), "H4": .text("105,42 %"), "I4": .number("105.4252"),
                          "K4": .number("87"),
                          // Row 5 left empty; row 6 after it.
                          "B6": .text("Kedua"), "F6": .text("1.000,5"), "G6": .number("1.2E3"), "P6": .text("diabaikan")],
            "Anggaran": ["A4": .text("Program"), "C4": .text("Program A"), "H4": .text("Rp 12.763.150.960,-"), "I4": .number("143512700.07000001"),
                         "J4": .number("999"),
                         "A5": .text("kegiatan"), "C5": .text("Kegiatan A"), "H5": .number("10"),
                         // A row inserted by the person between two sub kegiatan.
                         "A6": .text("Sub kegiatan"), "C6": .text("Sub 1"), "E6": .text("Modal"), "F6": .text("14.72.02.1003 Bumi Ayu"), "H6": .number("4"),
                         "A7": .text("Sub kegiatan"), "C7": .text("Sub sisipan"), "H7": .number("3"),
                         "A9": .text("Sub kegiatan"), "C9": .text("Sub 2"), "H9": .number("3"),
                         "A10": .text("Jumlah belanja"), "E10": .text("operasi"), "H10": .number("6"), "I10": .number("0"),
                         "A11": .text("Jumlah"), "G11": .number("11"), "H11": .number("10")],
            "PBB-P2": ["A4": .text("14.72.02.1001"), "C4": .number("1250000000"), "D4": .text("1.100.000.000"), "F4": .number("3200"),
                       "H4": .text("31/12/2023"), "A5": .text("14.72.02.1002"), "B5": .text("hanya kode yang diisi templat")],
            "Penghargaan": ["A4": .text("14.72.02.1003 Bumi Ayu"), "B4": .text("Lomba"), "C4": .number("1"), "E4": .text("Kota"), "G4": .text("2023-11-12")],
            "Catatan": ["A1": .text("lembar tambahan, tidak dibaca")],
        ])
        let document = try convert(data).document
        #expect(document["signed"]?["by"] == .string("ZAINUR, SH"))
        #expect(document["signed"]?["date"] == .string("2024-01-22"))
        let indicators = document["indicators"]?.elements ?? []
        #expect(indicators.count == 2)
        #expect(indicators.first?["polarity"] == .string("lower"))
        #expect(indicators.first?["realisasi"] == .string("91.72"))
        #expect(indicators.first?["reported_capaian"] == .string("105.42"))
        #expect(indicators.first?["previous"] == .object([JSONMember(key: "year", value: .number("2022")), JSONMember(key: "target", value: .string("87"))]))
        #expect(indicators.last?["target"] == .string("1000.5"))
        #expect(indicators.last?["realisasi"] == .string("1200"))
        let program = document["budget"]?["programs"]?.elements.first
        #expect(program?["pagu"] == .string("12763150960"))
        #expect(program?["realisasi"] == .string("143512700.07"))
        let subs = program?["kegiatan"]?.elements.first?["sub_kegiatan"]?.elements ?? []
        #expect(subs.map { $0["name"] } == [.string("Sub 1"), .string("Sub sisipan"), .string("Sub 2")])
        #expect(subs.first?["belanja"] == .string("modal"))
        #expect(subs.first?["kelurahan"] == .string("14.72.02.1003"))
        #expect(document["budget"]?["belanja"]?["operasi"]?["pagu"] == .string("6"))
        #expect(document["budget"]?["total"]?["pagu_murni"] == .string("11"))
        #expect(document["pbb"]?.elements.count == 1)
        #expect(document["pbb"]?.elements.first?["realisasi"] == .string("1100000000"))
        #expect(document["pbb"]?.elements.first?["objek"] == .number("3200"))
        #expect(document["pbb"]?.elements.first?["as_of"] == .string("2023-12-31"))
        #expect(document["awards"]?.elements.first?["place"] == .number("1"))
        #expect(document["awards"]?.elements.first?["level"] == .string("kota"))
        #expect(document["awards"]?.elements.first?["date"] == .string("2023-11-12"))
    }

    // MARK: Problems by cell

    @Test func textWhereANumberBelongsIsNamedByCell() throws {
        let found = problems(try WorkbookSheets.report([
            "Anggaran": ["A4": .text("Program"), "C4": .text("A"), "H4": .text("1.5"), "I4": .text("sejuta")],
            "Indikator": ["B4": .text("X"), "E4": .text("naik"), "F4": .text("1"), "G4": .text("2")],
        ]))
        #expect(found.map(\.cell) == ["Indikator!E4", "Anggaran!H4", "Anggaran!I4"])
        #expect(found[1].problem.pointer == "/budget/programs/0/pagu")
        #expect(found[1].problem.reason.contains("tulis 1,5"))
        #expect(found[0].problem.reason.contains("Semakin tinggi semakin baik"))
    }

    @Test func decoderProblemsAreMappedBackToCells() throws {
        let conversion = try convert(try WorkbookSheets.report([
            "Anggaran": ["A4": .text("Program"), "C4": .text("A"), "H4": .number("10.123"), "A5": .text("Kegiatan"), "H5": .number("1")],
        ]))
        guard case .rejected(let problems) = SubmissionChecker().check(Array(conversion.json.utf8)) else {
            Issue.record("the document was accepted")
            return
        }
        let located = conversion.locate(problems)
        #expect(located.contains { $0.cell == "Anggaran!H4" && $0.problem.pointer == "/budget/programs/0/pagu" }, "\(located)")
        #expect(located.contains { $0.cell == "Anggaran!C5" && $0.problem.pointer == "/budget/programs/0/kegiatan/0/name" }, "\(located)")
    }

    @Test func refusesWorkbooksNotMadeForThisLayoutOrRegion() throws {
        let noMetadata = problems(try WorkbookSheets.report([:], metadata: nil))
        #expect(noMetadata.first?.problem.reason.contains("bukan templat rekap") == true)
        let old = problems(try WorkbookSheets.report([:], metadata: WorkbookSheets.metadata(layout: "rekap.workbook/v0")))
        #expect(old.first?.problem.reason.contains("templat lama") == true)
        #expect(old.first?.problem.kind == .unknownFormat)
        let other = problems(try WorkbookSheets.report([:], metadata: WorkbookSheets.metadata(region: "14.72.03")))
        #expect(other.map(\.cell) == ["Identitas!B3"])
        #expect(other.first?.problem.kind == .outOfScope)
        #expect(other.first?.problem.reason.contains("14.72.03") == true)
        let missing = problems(try WorkbookSheets.report([:], leaving: ["Anggaran"]))
        #expect(missing.first?.problem.reason == "lembar \"Anggaran\" tidak ada; jangan hapus atau ganti nama lembar templat")
        #expect(missing.first?.problem.kind == .missing)
    }

    @Test func refusesFilesThatAreNotWorkbooks() {
        #expect(problems(Data("kode;nama\n1;2\n".utf8)).first?.problem.reason.contains("CSV") == true)
        #expect(problems(WorkbookFixtures.oleFile(stream: "Workbook")).first?.problem.reason.contains(".xls") == true)
        #expect(problems(WorkbookFixtures.oleFile(stream: "EncryptedPackage")).first?.problem.reason.contains("kata sandi") == true)
    }

    /// Mutated workbook bytes never crash the reader: each is converted or refused.
    @Test func fuzzedWorkbooksAreConvertedOrRefused() throws {
        let corpus = [try WorkbookSheets.report(["Anggaran": ["A4": .text("Program"), "C4": .text("A"), "H4": .number("1")]])]
        let campaign = FuzzCampaign(corpus: corpus.map { Array($0) }, dictionary: ["<row>", "<!DOCTYPE", "PK\u{3}\u{4}", "t=\"s\"", "9999999"],
                                    seed: 14, defaultIterations: 300)
        var outcomes = 0
        campaign.run { input, _ in
            switch WorkbookReader.read(Data(input)) {
            case .success, .failure: outcomes += 1
            }
        }
        #expect(outcomes == campaign.iterations)
    }
}

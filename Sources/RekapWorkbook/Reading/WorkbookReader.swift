import Foundation
import RekapDomain
import XLSX

/// Why a workbook was refused before its document could be built: every problem found, each naming
/// its sheet and cell.
public struct WorkbookRejection: Error, Sendable {
    public let problems: [WorkbookProblem]

    public init(problems: [WorkbookProblem]) { self.problems = problems }
}

/// Reads a workbook made from a rekap template (``WorkbookLayout``) into the contract's document:
/// a report (§1), a Renstra or a PK (§1.2), as the metadata sheet says.
///
/// The result is the JSON the project's decoders take, so checking and storing it is exactly
/// checking and storing that JSON; ``WorkbookConversion/locate(_:)`` turns the decoder's pointers
/// back into cells. Here only what is the workbook's own is refused: a file that is not a workbook
/// (``XLSXReadError``), a workbook without the metadata sheet or of another layout version, a
/// missing sheet, identifying cells that disagree with the metadata (another region's template),
/// and cells that cannot be read as their column's kind (text where a number belongs, an unknown
/// choice). Empty rows anywhere are skipped and inserted rows read like any other; extra sheets,
/// formula and information columns are never read.
public enum WorkbookReader {
    public static func read(_ data: Data, limits: XLSXReadLimits = .default) -> Result<WorkbookConversion, WorkbookRejection> {
        let workbook: XLSXWorkbook
        do throws(XLSXReadError) {
            workbook = try XLSXWorkbook(data: data, limits: limits)
        } catch {
            return .failure(WorkbookRejection(problems: [Self.problem(error)]))
        }
        var session = ReadingSession(workbook: workbook)
        do {
            let conversion = try session.convert()
            guard session.problems.isEmpty else { return .failure(session.rejection) }
            return .success(conversion)
        } catch let error as XLSXReadError {
            return .failure(WorkbookRejection(problems: session.problems + [Self.problem(error)]))
        } catch {
            return .failure(session.rejection)
        }
    }

    /// The problem a file-level refusal is listed as.
    static func problem(_ error: XLSXReadError) -> WorkbookProblem {
        let kind: Problem.Kind = switch error {
        case .tooLarge, .tooManyRows, .tooManyCells: .tooMany
        default: .syntax
        }
        var cell: String?
        switch error {
        case .tooManyRows(let sheet, _), .tooManyCells(let sheet, _): cell = sheet
        default: cell = nil
        }
        return WorkbookProblem(cell: cell, kind, error.description)
    }
}

/// Thrown inside a session when reading cannot go on (the problem is already listed).
struct StopReading: Error {}

/// One workbook being read: its problems, and where each field came from.
struct ReadingSession {
    var workbook: XLSXWorkbook
    private(set) var problems: [WorkbookProblem] = []
    private var omitted = 0
    var cells: [JSONPointer: String] = [:]

    init(workbook: XLSXWorkbook) { self.workbook = workbook }

    var rejection: WorkbookRejection {
        guard omitted > 0 else { return WorkbookRejection(problems: problems) }
        return WorkbookRejection(problems: problems + [WorkbookProblem(cell: nil, .moreProblems, "dan \(omitted) masalah lain")])
    }

    mutating func report(_ problem: WorkbookProblem) {
        if problems.count < SubmissionLimits.listedProblems { problems.append(problem) } else { omitted += 1 }
    }

    // MARK: Metadata

    mutating func convert() throws -> WorkbookConversion {
        let metadata = try readMetadata()
        guard metadata[WorkbookLayout.MetadataKey.layout.rawValue] == WorkbookLayout.version else {
            let found = metadata[WorkbookLayout.MetadataKey.layout.rawValue] ?? "tanpa versi"
            report(WorkbookProblem(cell: cellName(sheet: WorkbookLayout.metadataSheet, column: "B", row: 1), .unknownFormat,
                                   "workbook ini dibuat dengan templat lama atau lain (\(found)), bukan \(WorkbookLayout.version); unduh templat baru dengan rekap template lalu salin isinya"))
            throw StopReading()
        }
        guard let kindText = metadata[WorkbookLayout.MetadataKey.document.rawValue],
              let kind = WorkbookLayout.DocumentKind(rawValue: kindText) else {
            report(WorkbookProblem(cell: sheetPrefix(WorkbookLayout.metadataSheet) + "B", .unknownFormat,
                                   "jenis dokumen workbook ini tidak dikenal; unduh templat baru dengan rekap template"))
            throw StopReading()
        }
        var sheets: [String: Worksheet] = [:]
        for name in kind.sheets where name != WorkbookLayout.instructionsSheet && name != WorkbookLayout.metadataSheet {
            if let sheet = try workbook.worksheet(named: name) {
                sheets[name] = sheet
            } else {
                report(WorkbookProblem(cell: nil, .missing, "lembar \"\(name)\" tidak ada; jangan hapus atau ganti nama lembar templat"))
            }
        }
        guard problems.isEmpty, let identity = sheets[WorkbookLayout.identitySheet] else { throw StopReading() }
        var document = JSONObjectBuilder()
        document.set("format", .string(kind.format))
        readIdentity(identity, fields: kind.identity, metadata: metadata, into: &document)
        switch kind {
        case .report: readReport(sheets, into: &document)
        case .renstra: readRenstra(sheets, into: &document)
        case .pk: readPK(sheets, into: &document)
        }
        return WorkbookConversion(kind: kind, document: document.value, cells: cells)
    }

    /// The hidden sheet's key (A) → value (B) rows.
    private mutating func readMetadata() throws -> [String: String] {
        guard let sheet = try workbook.worksheet(named: WorkbookLayout.metadataSheet) else {
            report(WorkbookProblem(cell: nil, .unknownFormat,
                                   "workbook ini bukan templat rekap (lembar tersembunyi \"\(WorkbookLayout.metadataSheet)\" tidak ada); unduh templat dengan rekap template lalu isi"))
            throw StopReading()
        }
        var values: [String: String] = [:]
        for row in sheet.rows {
            guard let key = sheet.cell("A", row), let value = sheet.cell("B", row) else { continue }
            values[CellReading.plainText(key.value)] = CellReading.plainText(value.value)
        }
        return values
    }

    // MARK: Identitas

    /// The Identitas values; identifying (locked) cells must say what the metadata says.
    private mutating func readIdentity(_ sheet: Worksheet, fields: [IdentityField], metadata: [String: String],
                                       into document: inout JSONObjectBuilder) {
        for field in fields {
            guard let pointer = field.pointer else { continue }
            let place = cellName(sheet: sheet.name, column: "B", row: field.row)
            let jsonPointer = JSONPointer(pointer)
            cells[jsonPointer] = place
            let metadataKey = jsonPointer.tokens.count == 1 ? WorkbookLayout.MetadataKey(rawValue: jsonPointer.tokens[0]) : nil
            var value: JSONValue?
            do throws(CellReading.Refusal) {
                value = try CellReading.value(sheet.cell("B", field.row), as: field.value)
            } catch {
                report(WorkbookProblem(cell: place, error.kind, at: jsonPointer, error.reason))
                continue
            }
            if field.locked, let metadataKey, let expected = metadata[metadataKey.rawValue] {
                if let value, Self.text(value) != expected {
                    let what = metadataKey == .region ? "wilayah" : field.label.lowercased()
                    report(WorkbookProblem(cell: place, metadataKey == .region ? .outOfScope : .notAllowed, at: jsonPointer,
                                           "\(field.label) \(Self.text(value)) berbeda dengan \(what) templat ini (\(expected)); workbook ini dibuat untuk \(expected): unduh templat yang benar dengan rekap template"))
                    continue
                }
                // A cleared identifying cell: the metadata says what the workbook is for.
                if value == nil {
                    value = field.value == .year ? .number(expected) : .string(expected)
                }
            }
            if let value { document.set(String(pointer.dropFirst()), value) }
        }
    }

    static func text(_ value: JSONValue) -> String {
        switch value {
        case .string(let text), .number(let text): text
        default: JSONWriter.string(value, indent: nil)
        }
    }

    // MARK: Table rows

    /// A data row with input: its number and the cells of its input columns (and the columns with no
    /// key that the reader uses, such as the level).
    struct TableRow {
        let number: Int
        let cells: [String: Cell]
    }

    /// The data rows of `sheet` with any cell in `columns` filled, in order: rows left empty anywhere
    /// are skipped, rows inserted by people are read like any other.
    func rows(_ sheet: Worksheet, _ layout: SheetLayout, columns: Set<String>, ignoring: Set<String> = []) -> [TableRow] {
        sheet.rows.filter { $0 >= layout.firstDataRow }.compactMap { number in
            var found: [String: Cell] = [:]
            for cell in sheet.cells(inRow: number) {
                let letters = CellReference.letters(column: cell.reference.column)
                guard columns.contains(letters) else { continue }
                if case .text(let text) = cell.value, text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { continue }
                found[letters] = cell
            }
            guard found.keys.contains(where: { !ignoring.contains($0) }) else { return nil }
            return TableRow(number: number, cells: found)
        }
    }

    /// Reads `columns` of `row` into `object` (their keys), recording each column's cell under
    /// `pointer`; a required column left empty is left to the decoder, which names the field (and so
    /// the cell).
    mutating func readColumns(_ columns: [Column], of row: TableRow, sheet: String, pointer: JSONPointer,
                              into object: inout JSONObjectBuilder) {
        cells[pointer] = cellName(sheet: sheet, column: "A", row: row.number)
        for column in columns {
            guard let key = column.key else { continue }
            let fieldPointer = JSONPointer(tokens: pointer.tokens + key.split(separator: "/").map(String.init))
            let place = cellName(sheet: sheet, column: column.letter, row: row.number)
            cells[fieldPointer] = place
            do throws(CellReading.Refusal) {
                if let value = try CellReading.value(row.cells[column.letter], as: column.value) {
                    object.set(key, key == "place" ? .number(Self.text(value)) : value)
                }
            } catch {
                report(WorkbookProblem(cell: place, error.kind, at: fieldPointer, error.reason))
            }
        }
    }

    func inputLetters(_ layout: SheetLayout) -> Set<String> {
        Set(layout.columns.filter { $0.value.isInput }.map(\.letter))
    }
}

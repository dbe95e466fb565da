import ExactDecimal
import Foundation
import RekapDomain
import XLSX

/// One cell read as the document's value for its kind (``CellValueKind``): number cells by the
/// 15-digit rule (``SpreadsheetNumber``), numbers typed as text by ``TypedNumberText`` (§1.4), dates
/// from date cells or `dd/mm/yyyy` / `yyyy-mm-dd` text, choices by label or value.
enum CellReading {
    /// Why a cell cannot be read, in Bahasa Indonesia, with the problem kind.
    struct Refusal: Error {
        let kind: Problem.Kind
        let reason: String
    }

    /// The value of `cell` for `kind`; nil when the cell is empty (nothing, or only spaces).
    static func value(_ cell: Cell?, as kind: CellValueKind) throws(Refusal) -> JSONValue? {
        guard let cell else { return nil }
        if case .text(let text) = cell.value, text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { return nil }
        if case .error(let code) = cell.value {
            throw Refusal(kind: .wrongType, reason: "sel berisi galat \(code); perbaiki rumus atau isinya")
        }
        switch kind {
        case .text:
            return .string(plainText(cell.value))
        case .code:
            return .string(try code(cell.value))
        case .amount:
            return .string(try decimal(cell.value, limits: .rupiah, what: "jumlah rupiah"))
        case .indicatorValue:
            return .string(try decimal(cell.value, limits: .indicatorValue, what: "nilai indikator"))
        case .integer, .year:
            let what = kind == .year ? "tahun" : "bilangan bulat"
            let text = try decimal(cell.value, limits: DecimalText.Limits(maxScale: 0, maxIntegerDigits: 9, name: "whole numbers"), what: what)
            guard !text.contains("."), !text.hasPrefix("-") else {
                throw Refusal(kind: .wrongType, reason: "\(what) diharapkan, tetapi sel berisi \(text)")
            }
            return .number(text)
        case .date:
            return .string(try date(cell.value))
        case .choice(let choices):
            return .string(try choice(cell.value, choices))
        case .regionChoice:
            return .string(try region(cell.value))
        case .formula, .information:
            return nil
        }
    }

    static func plainText(_ value: CellValue) -> String {
        switch value {
        case .text(let text): text.trimmingCharacters(in: .whitespacesAndNewlines)
        case .number(let number): number
        case .date(let date, _): date.description
        case .bool(let flag): flag ? "TRUE" : "FALSE"
        case .error(let code): code
        }
    }

    /// Codes are text; a number cell holding a code (`2022`, a NIP) is taken as its digits, unless the
    /// spreadsheet already lost digits (more than 15).
    static func code(_ value: CellValue) throws(Refusal) -> String {
        switch value {
        case .number(let number):
            let digits = number.filter(\.isNumber).count
            if digits >= SpreadsheetNumber.significantDigits, number.hasSuffix("0") || digits > SpreadsheetNumber.significantDigits {
                throw Refusal(kind: .wrongType, reason: "kode \(number) disimpan sebagai angka sehingga angka terakhirnya bisa hilang; tulis sebagai teks (format sel Teks, atau awali dengan ')")
            }
            return number
        default:
            return plainText(value)
        }
    }

    static func decimal(_ value: CellValue, limits: DecimalText.Limits, what: String) throws(Refusal) -> String {
        switch value {
        case .number(let number):
            // The decoder checks the limits on this text as for JSON; here only the shape matters.
            return number
        case .text(let text):
            switch TypedNumberText.read(text, limits: limits) {
            case .success(let reading): return reading.strictText
            case .failure(let error): throw Refusal(kind: limits == .rupiah ? .invalidAmount : .invalidNumber, reason: "\(what): \(error.indonesian)")
            }
        case .date(let date, _):
            throw Refusal(kind: .wrongType, reason: "\(what) diharapkan, tetapi sel berisi tanggal \(date); ubah format selnya menjadi angka")
        case .bool:
            throw Refusal(kind: .wrongType, reason: "\(what) diharapkan, tetapi sel berisi nilai benar/salah")
        case .error(let code):
            throw Refusal(kind: .wrongType, reason: "sel berisi galat \(code)")
        }
    }

    /// A date cell, a date serial in a cell without a date format, or text `dd/mm/yyyy`,
    /// `dd-mm-yyyy` or `yyyy-mm-dd`.
    static func date(_ value: CellValue) throws(Refusal) -> String {
        switch value {
        case .date(let date, _):
            return date.description
        case .number(let number):
            guard let date = SpreadsheetDate.fromSerial(number, date1904: false), date.year >= 1950 else {
                throw Refusal(kind: .invalidDate, reason: "\(number) bukan tanggal; tulis tanggal seperti 31/12/2023")
            }
            return date.description
        case .text(let text):
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            let parts = trimmed.split(whereSeparator: { $0 == "/" || $0 == "-" || $0 == "." }).map(String.init)
            let numbers = parts.compactMap { Int($0) }
            if parts.count == 3, numbers.count == 3 {
                let (year, month, day) = parts[0].count == 4 ? (numbers[0], numbers[1], numbers[2]) : (numbers[2], numbers[1], numbers[0])
                if (parts[0].count == 4 || parts[2].count == 4) {
                    // The decoder says whether the day exists (2023-02-30), as for JSON.
                    return SpreadsheetDate(year: year, month: month, day: day).description
                }
            }
            throw Refusal(kind: .invalidDate, reason: "\"\(trimmed)\" bukan tanggal; tulis seperti 31/12/2023 atau 2023-12-31")
        default:
            throw Refusal(kind: .invalidDate, reason: "bukan tanggal; tulis seperti 31/12/2023")
        }
    }

    static func choice(_ value: CellValue, _ choices: [Choice]) throws(Refusal) -> String {
        let text = plainText(value).lowercased()
        if let match = choices.first(where: { $0.label.lowercased() == text || $0.value.lowercased() == text }) { return match.value }
        let allowed = choices.map { "\"\($0.label)\"" }.joined(separator: ", ")
        throw Refusal(kind: .notAllowed, reason: "\"\(plainText(value))\" bukan pilihan yang ada; pilih salah satu: \(allowed)")
    }

    /// `14.72.02.1003 Bumi Ayu` (the dropdown's entry) or just the code: the code.
    static func region(_ value: CellValue) throws(Refusal) -> String {
        let text = plainText(value)
        let code = text.prefix { !$0.isWhitespace && $0 != "-" || $0 == "." }
        guard !code.isEmpty else {
            throw Refusal(kind: .invalidRegion, reason: "\"\(text)\" tidak diawali kode wilayah; pilih dari daftar")
        }
        return String(code)
    }
}

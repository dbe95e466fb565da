import Foundation
import RekapDomain

extension ReportCell {
    /// The text a reader of `language` sees in a page (HTML): numbers the reader's way
    /// (12.763.150.960; 98,51 in Bahasa Indonesia), dates "6 Desember 2026", times in `timeZone`.
    /// CSV keeps ``plainText(_:)`` and Markdown ``humanText(_:)``.
    func localizedText(_ language: Language, timeZone: IndonesianTimeZone) -> String {
        switch self {
        case .text(let text): return text
        case .localized(let text): return text(language)
        case .term(_, let name): return name(language)
        case .region(let region): return "\(region.name) (\(region.code.text))"
        case .amount(let value): return LocalizedNumber.string(value, language)
        case .percent(let value): return value.map { LocalizedNumber.percent($0, language) } ?? ReportFormat.missing
        case .number(let value): return value.map { LocalizedNumber.string($0, language) } ?? ReportFormat.missing
        case .ratio(let value): return value.map { LocalizedNumber.string($0, fractionDigits: 2, language) } ?? ReportFormat.missing
        case .integer(let value): return value.map { LocalizedNumber.integer($0, language) } ?? ReportFormat.missing
        case .date(let value): return value.map { LocalizedDate.date($0, language) } ?? ReportFormat.missing
        case .timestamp(let value): return value.map { LocalizedDate.dateTime($0, in: timeZone, language) } ?? ReportFormat.missing
        case .submission(let status):
            let text = Catalog.ReportTables.self
            guard let revision = status.revision else {
                return status.owed ? text.missingSubmission(language) : ReportFormat.missing
            }
            let day = status.submittedAt.map { LocalizedDate.date($0, in: timeZone, language) } ?? text.dateUnknown(language)
            let signed = status.signedOn.map { ", \(text.signed(language)) " + LocalizedDate.date($0, language) } ?? ""
            return "\(day) (rev. \(revision)\(signed))"
        }
    }
}

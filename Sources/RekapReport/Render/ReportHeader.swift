import Foundation
import RekapDomain

/// The lines at the top of every human format: what the report covers and how fresh it is.
enum ReportHeader {
    struct Line {
        let label: String
        let value: String
    }

    /// In `language` with UTC timestamps (Markdown, the workbook).
    static func utcLines(_ report: CityReport, language: Language) -> [Line] {
        lines(report, language: language) { ReportFormat.timestamp($0) }
    }

    /// In `language`, times in the city's own zone (HTML).
    static func lines(_ report: CityReport, language: Language) -> [Line] {
        lines(report, language: language) { LocalizedDate.dateTime($0, in: report.timeZone, language) }
    }

    private static func lines(_ report: CityReport, language: Language, time: (Date) -> String) -> [Line] {
        let text = Catalog.Report.self
        return [
            Line(label: text.city(language), value: "\(report.city.name) (\(report.city.code.text))"),
            Line(label: text.year(language), value: String(report.year)),
            Line(label: text.generatedAt(language), value: time(report.generatedAt)),
            Line(label: text.aggregatedAt(language), value: report.aggregatedAt.map(time) ?? Catalog.Common.never(language)),
            Line(label: text.figures(language), value: report.stalenessNote == nil ? text.current(language) : text.stale(language)),
        ]
    }
}

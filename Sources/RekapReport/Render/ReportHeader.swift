import Foundation
import RekapDomain

/// The lines at the top of every human format: what the report covers and how fresh it is.
enum ReportHeader {
    struct Line {
        let label: String
        let value: String
    }

    static func lines(_ report: CityReport) -> [Line] {
        [
            Line(label: "City", value: "\(report.city.name) (\(report.city.code.text))"),
            Line(label: "Year", value: String(report.year)),
            Line(label: "Generated at", value: ReportFormat.timestamp(report.generatedAt)),
            Line(label: "Aggregates computed at", value: report.aggregatedAt.map(ReportFormat.timestamp) ?? "never"),
            Line(label: "Figures", value: report.stalenessNote == nil ? "current" : "stale (see the warning below)"),
        ]
    }
}

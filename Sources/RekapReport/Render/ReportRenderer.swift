import RekapDomain

/// The formats `rekap report` writes.
public enum ReportFormatKind: String, Sendable, Hashable, CaseIterable {
    case md, html, csv, json

    /// Renders `report` in this format; HTML in `language` (Bahasa Indonesia by default; the other
    /// formats are for programs and the CLI and stay as they are).
    public func render(_ report: CityReport, language: Language = .default) -> String {
        switch self {
        case .md: MarkdownRenderer.render(report)
        case .html: HTMLRenderer.render(report, language: language)
        case .csv: CSVRenderer.render(report)
        case .json: JSONRenderer.render(report)
        }
    }
}

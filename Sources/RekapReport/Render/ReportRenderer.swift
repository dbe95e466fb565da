import RekapDomain

/// The formats `rekap report` writes.
public enum ReportFormatKind: String, Sendable, Hashable, CaseIterable {
    case md, html, csv, json

    /// Renders `report` in this format, its human text in `language` (Bahasa Indonesia by default):
    /// titles, notes, headings and findings. CSV and JSON keys are the same in every language.
    public func render(_ report: CityReport, language: Language = .default) -> String {
        switch self {
        case .md: MarkdownRenderer.render(report, language: language)
        case .html: HTMLRenderer.render(report, language: language)
        case .csv: CSVRenderer.render(report, language: language)
        case .json: JSONRenderer.render(report, language: language)
        }
    }
}

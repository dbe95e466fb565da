/// The formats `rekap report` writes.
public enum ReportFormatKind: String, Sendable, Hashable, CaseIterable {
    case md, html, csv, json

    /// Renders `report` in this format.
    public func render(_ report: CityReport) -> String {
        switch self {
        case .md: MarkdownRenderer.render(report)
        case .html: HTMLRenderer.render(report)
        case .csv: CSVRenderer.render(report)
        case .json: JSONRenderer.render(report)
        }
    }
}

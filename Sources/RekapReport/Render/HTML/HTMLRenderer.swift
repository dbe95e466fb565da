import Foundation
import RekapDomain

/// The report as ONE self-contained HTML file: inline CSS (`HTMLStyle`), inline SVG bar charts of the
/// leaderboards (`SVGBarChart`), no scripts, no external resources. Every text that comes from data is
/// escaped (`HTMLEscape`); amounts show their digits in groups of three.
public enum HTMLRenderer {
    /// The report in `language` (Bahasa Indonesia unless asked otherwise): numbers and dates the
    /// reader's way, times in the city's own zone.
    public static func render(_ report: CityReport, language: Language = .default) -> String {
        let title = Catalog.Report.title(city: report.city.name, year: report.year)(language)
        var out = HTMLDocument.head(title: title, css: HTMLStyle.css, language: language) + """
        <body>
        <header>
        <h1>\(HTMLEscape.text(title))</h1>
        <dl class="meta">

        """
        for line in ReportHeader.lines(report, language: language) {
            out += "<dt>\(HTMLEscape.text(line.label))</dt><dd>\(HTMLEscape.text(line.value))</dd>\n"
        }
        out += "</dl>\n"
        if let note = report.stalenessNote {
            out += "<p class=\"warning\" role=\"alert\"><strong>\(Catalog.Common.staleFigures(language))</strong> \(HTMLEscape.text(note(language)))</p>\n"
        }
        let chapters = report.chapters(language)
        out += "<nav class=\"toc\" aria-label=\"\(Catalog.Report.contents(language))\"><ol>\n"
        for chapter in chapters {
            out += "<li><a href=\"#\(chapter.id)\">\(HTMLEscape.text(chapter.title))</a></li>\n"
        }
        out += "</ol></nav>\n</header>\n<main>\n"
        for chapter in chapters {
            out += "<section class=\"chapter\" id=\"\(chapter.id)\" aria-labelledby=\"\(chapter.id)-h\">\n"
            out += "<h2 id=\"\(chapter.id)-h\">\(HTMLEscape.text(chapter.title))</h2>\n"
            for table in chapter.tables { out += self.table(table, language: language, timeZone: report.timeZone) }
            out += "</section>\n"
        }
        out += "</main>\n<footer>rekap · \(HTMLEscape.text(report.city.code.text)) · \(report.year) · \(Catalog.Report.generated(language)) \(HTMLEscape.text(LocalizedDate.dateTime(report.generatedAt, in: report.timeZone, language)))</footer>\n</body>\n</html>\n"
        return out
    }

    /// One table with its chart. With `rowsCollapsed` (the dashboard), a charted table's rows sit in a
    /// closed `<details>` under the chart, so a phone shows the ranking without scrolling past every row.
    static func table(_ table: ReportTable, rowsCollapsed: Bool = false, language: Language = .default, timeZone: IndonesianTimeZone = .wib) -> String {
        var out = "<section class=\"table\" id=\"\(HTMLEscape.text(table.id))\">\n<h3>\(HTMLEscape.text(table.title))</h3>\n"
        if let note = table.note { out += "<p class=\"note\">\(HTMLEscape.text(note))</p>\n" }
        guard !table.rows.isEmpty else {
            return out + "<p class=\"empty\">\(Catalog.Common.noData(language))</p>\n</section>\n"
        }
        if let chart = table.chart, !chart.bars.isEmpty {
            out += "<figure class=\"chart-figure\">"
            if chart.segmentClasses.count > 1 {
                out += "<div class=\"legend\"><span><i class=\"gold\"></i>\(Catalog.Report.first(language))</span><span><i class=\"silver\"></i>\(Catalog.Report.second(language))</span><span><i class=\"bronze\"></i>\(Catalog.Report.third(language))</span></div>"
            }
            out += SVGBarChart.render(chart, id: HTMLEscape.text("chart-" + table.id))
            if chart.omitted > 0 {
                out += "<figcaption>\(Catalog.Report.chartOmitted(shown: chart.bars.count, of: chart.bars.count + chart.omitted, language))</figcaption>"
            }
            out += "</figure>\n"
        }
        let numeric = table.columns.indices.map { column in table.rows.contains { $0[column].isNumeric } }
        let collapsed = rowsCollapsed && !(table.chart?.bars.isEmpty ?? true)
        if collapsed { out += "<details class=\"rows\"><summary>\(Catalog.Report.allRows(table.rows.count, language))</summary>\n" }
        out += "<div class=\"table-wrap\"><table>\n<thead><tr>"
        for (index, column) in table.columns.enumerated() {
            out += "<th scope=\"col\"\(numeric[index] ? " class=\"num\"" : "")>\(HTMLEscape.text(column.heading))</th>"
        }
        out += "</tr></thead>\n<tbody>\n"
        for row in table.rows { out += "<tr>" + row.enumerated().map { cell($0.element, numeric: numeric[$0.offset], column: table.columns[$0.offset], language: language, timeZone: timeZone) }.joined() + "</tr>\n" }
        out += "</tbody>\n"
        if let footer = table.footer {
            out += "<tfoot><tr>" + footer.enumerated().map { cell($0.element, numeric: numeric[$0.offset], column: table.columns[$0.offset], language: language, timeZone: timeZone) }.joined() + "</tr></tfoot>\n"
        }
        return out + "</table></div>\n" + (collapsed ? "</details>\n" : "") + "</section>\n"
    }

    static func cell(_ cell: ReportCell, numeric: Bool, column: ReportColumn, language: Language, timeZone: IndonesianTimeZone) -> String {
        var classes: [String] = []
        if numeric { classes.append("num") }
        let content: String
        switch cell {
        case .region(let region):
            classes.append("region")
            content = "\(HTMLEscape.text(region.name))<span class=\"code\">\(HTMLEscape.text(region.code.text))</span>"
        case .submission(let status):
            if status.isMissing { classes.append("missing") }
            content = HTMLEscape.text(cell.localizedText(language, timeZone: timeZone))
        case .term(let key, let name) where column.key == "severity":
            classes.append("sev-" + (Finding.Severity(rawValue: key)?.rawValue ?? "other"))
            content = HTMLEscape.text(name(language))
        case .text(let text) where column.key == "pointer":
            // A long pointer may wrap, but only after a '/'.
            classes.append("pointer")
            content = text.split(separator: "/", omittingEmptySubsequences: false).map { HTMLEscape.text(String($0)) }.joined(separator: "/<wbr>")
        case .localized(let text) where column.key == "message":
            classes.append("message")
            content = HTMLEscape.text(text(language))
        default:
            content = HTMLEscape.text(cell.localizedText(language, timeZone: timeZone))
        }
        return "<td\(classes.isEmpty ? "" : " class=\"\(classes.joined(separator: " "))\"")>\(content)</td>"
    }
}

import Foundation
import RekapDomain

/// Bappeda's dashboard as ONE self-contained HTML page: the report's CSS and inline SVG bar charts
/// (`HTMLRenderer.table`, `SVGBarChart`), a plain GET form for the year and the PBB-P2 as-of day, and a
/// few lines of script (`DashboardScript`) that swap in a fresh ``fragment(_:)`` when the server's event
/// stream says the city's aggregates were recomputed. No external resources; every data text escaped.
public enum DashboardRenderer {
    /// The whole page, in `language` (Bahasa Indonesia unless the reader switched).
    public static func page(_ dashboard: CityDashboard, language: Language = .default) -> String {
        let title = "\(dashboard.city.name) \(dashboard.year)"
        let query = DashboardRoutes.query(year: dashboard.year, asOf: dashboard.asOf)
        let text = Catalog.Dashboard.self
        let body = """
        <header>
        <div class="title-row"><h1>\(HTMLEscape.text(title))</h1>\(languageSwitch(language, path: DashboardRoutes.home, query: query))\(logoutForm(language))</div>
        <form class="controls" method="get" action="\(DashboardRoutes.home)">
        <label>\(text.year(language)) <input type="number" name="year" value="\(dashboard.year)" min="1900" max="2999" inputmode="numeric" required></label>
        <label>\(text.pbbAsOf(language)) <input type="date" name="as_of" value="\(dashboard.asOf.map { $0.description } ?? "")"></label>
        <button type="submit">\(text.show(language))</button>
        </form>
        </header>
        <main id="dashboard" data-fragment="\(HTMLEscape.text(DashboardRoutes.fragment + "?" + query))" data-events="\(HTMLEscape.text(DashboardRoutes.events(city: dashboard.city.code, year: dashboard.year)))">
        \(fragment(dashboard, language: language))</main>
        <footer>rekap · \(HTMLEscape.text(dashboard.city.code.text)) · \(dashboard.year)</footer>
        <script>\(script)</script>

        """
        // Without JavaScript the page reloads itself instead of listening for updates.
        return document(title: "\(text.titlePrefix(language)) \(title) · rekap", bodyClass: "dashboard", body: body, language: language,
                        extraHead: "<noscript><meta http-equiv=\"refresh\" content=\"60\"></noscript>\n")
    }

    /// The content under the controls: status, leaderboards, medals, completeness, findings.
    /// Times are in the city's own zone, numbers and dates the reader's way.
    public static func fragment(_ dashboard: CityDashboard, language: Language = .default) -> String {
        let text = Catalog.Dashboard.self
        let zone = dashboard.timeZone
        let aggregated = dashboard.aggregatedAt.map { LocalizedDate.dateTime($0, in: zone, language) } ?? Catalog.Common.never(language)
        var out = "<p class=\"status\" role=\"status\">\(text.aggregatedAt(language)) \(HTMLEscape.text(aggregated))"
        out += " · \(text.shownAt(language)) \(HTMLEscape.text(LocalizedDate.dateTime(dashboard.generatedAt, in: zone, language)))"
        out += " · \(text.pbbAsOf(language)) \(HTMLEscape.text(dashboard.asOf.map { LocalizedDate.date($0, language) } ?? text.lastPayment(language)))</p>\n"
        if let note = dashboard.stalenessNote {
            out += "<p class=\"warning\" role=\"alert\"><strong>\(Catalog.Common.staleFigures(language))</strong> \(HTMLEscape.text(note(language)))</p>\n"
        }
        out += "<div class=\"cards\">\n"
        let boards = dashboard.leaderboards
        for (id, heading, kind) in [("pbb", LocalizedText("PBB-P2"), Leaderboard.Kind.pbb), ("iku", text.ikuCapaian, .iku),
                                    ("penyerapan", text.penyerapan, .penyerapan)] {
            out += card(id: id, heading: heading(language), tables: boards.filter { $0.kind == kind }.map { ReportTable.leaderboard($0, language) }, language: language)
        }
        out += card(id: "awards", heading: text.awards(language), tables: [ReportTable.medals(dashboard.medals, language)], language: language)
        out += card(id: "kelengkapan", heading: text.completeness(language), tables: [completenessTable(dashboard, language: language)], language: language)
        out += findingsCard(dashboard.findings, language: language)
        out += crossFindingsCard(dashboard.crossFindings, language: language)
        return out + "</div>\n"
    }

    /// The page's inline script exactly as it stands between `<script>` and `</script>`: what a
    /// Content-Security-Policy `'sha256-…'` source must hash.
    public static let script = "\n" + DashboardScript.source + "\n"

    static func logoutForm(_ language: Language) -> String {
        "<form class=\"logout\" method=\"post\" action=\"\(DashboardRoutes.logout)\"><button type=\"submit\">\(Catalog.Dashboard.logout(language))</button></form>"
    }

    /// Links to the same page (`path`, `query`) in the other language (`?lang=`; the server remembers
    /// the choice in a cookie).
    static func languageSwitch(_ language: Language, path: String, query: String = "") -> String {
        let links = Language.allCases.map { other in
            other == language
                ? "<span aria-current=\"true\">\(Catalog.Common.languageName(other))</span>"
                : "<a href=\"\(HTMLEscape.text(path + "?" + (query.isEmpty ? "" : query + "&") + Language.queryParameter + "=" + other.rawValue))\" hreflang=\"\(other.rawValue)\" lang=\"\(other.rawValue)\">\(Catalog.Common.languageName(other))</a>"
        }
        return "<nav class=\"language\" aria-label=\"\(Catalog.Common.languageSwitch(language))\">\(links.joined(separator: " · "))</nav>"
    }

    static func card(id: String, heading: String, tables: [ReportTable], language: Language) -> String {
        var out = "<section class=\"card\" id=\"\(id)\" aria-labelledby=\"\(id)-h\">\n<h2 id=\"\(id)-h\">\(HTMLEscape.text(heading))</h2>\n"
        if tables.isEmpty { out += "<p class=\"empty\">\(Catalog.Common.noData(language))</p>\n" }
        for table in tables { out += HTMLRenderer.table(table, rowsCollapsed: true, language: language) }
        return out + "</section>\n"
    }

    /// Per kecamatan: its annual report, the quarters it sent, and its kelurahan and desa that sent anything.
    static func completenessTable(_ dashboard: CityDashboard, language: Language) -> ReportTable {
        let lines = dashboard.completeness
        let submittedFY = lines.filter { $0.status(.fy).isSubmitted }.count
        let quarters = Period.allCases.filter { $0 != .fy }
        return ReportTable(
            id: "completeness-kecamatan", title: Catalog.Dashboard.completenessTitle(year: dashboard.year)(language),
            note: Catalog.Dashboard.completenessNote(submitted: submittedFY, of: lines.count, language),
            columns: [ReportColumn("kecamatan", "Kecamatan", region: true), ReportColumn("fy", "FY"),
                      ReportColumn("quarters", Catalog.Dashboard.quarters(language)), ReportColumn("villages", Catalog.Dashboard.villages(language))],
            rows: lines.map { line in
                let fy = line.status(.fy)
                let sent = quarters.filter { line.status($0).isSubmitted }.map(\.rawValue)
                return [.region(line.kecamatan), .submission(fy),
                        .text(sent.isEmpty ? ReportFormat.missing : sent.joined(separator: " ")),
                        .text(Catalog.Dashboard.villagesReporting(line.villagesReporting, of: line.villages, language))]
            })
    }

    /// Findings as a list, worst first within each submission: a list wraps on a phone where an
    /// eight-column table would not.
    static func findingsCard(_ findings: [SubmissionFindings], language: Language) -> String {
        let items = findings.flatMap { submission in submission.findings.map { (submission, $0) } }
        let text = Catalog.Dashboard.self
        var out = "<section class=\"card\" id=\"temuan\" aria-labelledby=\"temuan-h\">\n<h2 id=\"temuan-h\">\(text.findings(language))</h2>\n"
        guard !items.isEmpty else { return out + "<p class=\"empty\">\(text.noFindings(language))</p>\n</section>\n" }
        let counts = Finding.Severity.allCases.compactMap { severity -> (Finding.Severity, Int)? in
            let count = items.filter { $0.1.severity == severity }.count
            return count == 0 ? nil : (severity, count)
        }
        out += "<p class=\"note\">\(HTMLEscape.text(text.findingCounts(counts, submissions: findings.count, language)))</p>\n<ul class=\"findings\">\n"
        for (submission, finding) in items {
            out += "<li class=\"sev-\(finding.severity.rawValue)\"><span class=\"sev\">\(Catalog.severity(finding.severity)(language))</span>"
            out += "<strong>\(HTMLEscape.text(submission.region.name))</strong> <span class=\"where\">\(HTMLEscape.text(submission.region.code.text)) · \(submission.period.rawValue) \(text.revisionAbbreviation(language)) \(submission.revision) · \(text.submission(language)) \(submission.submissionID)</span><br>"
            out += "<span class=\"rule\">\(HTMLEscape.text(finding.rule))</span> <code>\(HTMLEscape.text(finding.pointer))</code>"
            out += "<p>\(HTMLEscape.text(finding.text(language)))</p></li>\n"
        }
        return out + "</ul>\n</section>\n"
    }

    /// Findings across documents per kecamatan (a kelurahan's under its kecamatan), each naming both
    /// documents with their stored id, revision and the place in each.
    static func crossFindingsCard(_ findings: [CrossDocumentFinding], language: Language) -> String {
        let text = Catalog.Dashboard.self
        var out = "<section class=\"card\" id=\"temuan-lintas\" aria-labelledby=\"temuan-lintas-h\">\n<h2 id=\"temuan-lintas-h\">\(text.crossFindings(language))</h2>\n"
        guard !findings.isEmpty else { return out + "<p class=\"empty\">\(text.noCrossFindings(language))</p>\n</section>\n" }
        out += "<p class=\"note\">\(HTMLEscape.text(text.crossFindingCount(findings.count, language)))</p>\n"
        let groups = Dictionary(grouping: findings) { $0.region.code.ancestor(at: .kecamatan) ?? $0.region.code }
        for kecamatan in groups.keys.sorted() {
            let items = groups[kecamatan] ?? []
            let name = items.first { $0.region.code == kecamatan }?.region.name ?? kecamatan.text
            out += "<h3>\(HTMLEscape.text(name)) <span class=\"where\">\(HTMLEscape.text(kecamatan.text)) · \(text.findingsCount(items.count, language))</span></h3>\n<ul class=\"findings\">\n"
            for finding in items {
                out += "<li class=\"sev-\(finding.severity.rawValue)\"><span class=\"sev\">\(Catalog.severity(finding.severity)(language))</span>"
                out += "<span class=\"rule\">\(HTMLEscape.text(finding.rule))</span><br>"
                out += "<span class=\"doc\">\(HTMLEscape.text(finding.subject.description))</span> ↔ "
                out += "<span class=\"doc\">\(HTMLEscape.text(finding.against.description))</span>"
                out += "<p>\(HTMLEscape.text(finding.text(language)))</p></li>\n"
            }
            out += "</ul>\n"
        }
        return out + "</section>\n"
    }
}

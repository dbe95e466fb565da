import Foundation
import RekapDomain

/// Bappeda's dashboard as ONE self-contained HTML page: the report's CSS and inline SVG bar charts
/// (`HTMLRenderer.table`, `SVGBarChart`), a plain GET form for the year and the PBB-P2 as-of day, and a
/// few lines of script (`DashboardScript`) that swap in a fresh ``fragment(_:)`` when the server's event
/// stream says the city's aggregates were recomputed. No external resources; every data text escaped.
public enum DashboardRenderer {
    /// The whole page.
    public static func page(_ dashboard: CityDashboard) -> String {
        let title = "\(dashboard.city.name) \(dashboard.year)"
        let query = DashboardRoutes.query(year: dashboard.year, asOf: dashboard.asOf)
        let body = """
        <header>
        <div class="title-row"><h1>\(HTMLEscape.text(title))</h1>\(logoutForm)</div>
        <form class="controls" method="get" action="\(DashboardRoutes.home)">
        <label>Year <input type="number" name="year" value="\(dashboard.year)" min="1900" max="2999" inputmode="numeric" required></label>
        <label>PBB-P2 as of <input type="date" name="as_of" value="\(dashboard.asOf.map { $0.description } ?? "")"></label>
        <button type="submit">Show</button>
        </form>
        </header>
        <main id="dashboard" data-fragment="\(HTMLEscape.text(DashboardRoutes.fragment + "?" + query))" data-events="\(HTMLEscape.text(DashboardRoutes.events(city: dashboard.city.code, year: dashboard.year)))">
        \(fragment(dashboard))</main>
        <footer>rekap · \(HTMLEscape.text(dashboard.city.code.text)) · \(dashboard.year)</footer>
        <script>\(script)</script>

        """
        // Without JavaScript the page reloads itself instead of listening for updates.
        return document(title: "Dashboard \(title) · rekap", bodyClass: "dashboard", body: body,
                        extraHead: "<noscript><meta http-equiv=\"refresh\" content=\"60\"></noscript>\n")
    }

    /// The content under the controls: status, leaderboards, medals, completeness, findings.
    public static func fragment(_ dashboard: CityDashboard) -> String {
        var out = "<p class=\"status\" role=\"status\">Aggregates computed at \(HTMLEscape.text(dashboard.aggregatedAt.map(ReportFormat.timestamp) ?? "never"))"
        out += " · shown at \(HTMLEscape.text(ReportFormat.timestamp(dashboard.generatedAt)))"
        out += " · PBB-P2 as of \(HTMLEscape.text(dashboard.asOf?.description ?? "the last payment"))</p>\n"
        if let note = dashboard.stalenessNote {
            out += "<p class=\"warning\" role=\"alert\"><strong>Figures may be out of date.</strong> \(HTMLEscape.text(note))</p>\n"
        }
        out += "<div class=\"cards\">\n"
        let boards = dashboard.leaderboards
        for (id, heading, kind) in [("pbb", "PBB-P2", Leaderboard.Kind.pbb), ("iku", "IKU capaian", .iku),
                                    ("penyerapan", "Penyerapan anggaran", .penyerapan)] {
            out += card(id: id, heading: heading, tables: boards.filter { $0.kind == kind }.map(ReportTable.leaderboard))
        }
        out += card(id: "awards", heading: "Awards", tables: [ReportTable.medals(dashboard.medals)])
        out += card(id: "kelengkapan", heading: "Kelengkapan laporan", tables: [completenessTable(dashboard)])
        out += findingsCard(dashboard.findings)
        out += crossFindingsCard(dashboard.crossFindings)
        return out + "</div>\n"
    }

    /// The page's inline script exactly as it stands between `<script>` and `</script>`: what a
    /// Content-Security-Policy `'sha256-…'` source must hash.
    public static let script = "\n" + DashboardScript.source + "\n"

    static let logoutForm = "<form class=\"logout\" method=\"post\" action=\"\(DashboardRoutes.logout)\"><button type=\"submit\">Log out</button></form>"

    static func card(id: String, heading: String, tables: [ReportTable]) -> String {
        var out = "<section class=\"card\" id=\"\(id)\" aria-labelledby=\"\(id)-h\">\n<h2 id=\"\(id)-h\">\(HTMLEscape.text(heading))</h2>\n"
        if tables.isEmpty { out += "<p class=\"empty\">\(ReportTable.noData)</p>\n" }
        for table in tables { out += HTMLRenderer.table(table, rowsCollapsed: true) }
        return out + "</section>\n"
    }

    /// Per kecamatan: its annual report, the quarters it sent, and its kelurahan and desa that sent anything.
    static func completenessTable(_ dashboard: CityDashboard) -> ReportTable {
        let lines = dashboard.completeness
        let submittedFY = lines.filter { $0.status(.fy).isSubmitted }.count
        let quarters = Period.allCases.filter { $0 != .fy }
        return ReportTable(
            id: "completeness-kecamatan", title: "Submissions for \(dashboard.year) by kecamatan",
            note: "\(submittedFY) of \(lines.count) kecamatan submitted the annual report (FY): the day of its latest revision; quarters submitted; kelurahan and desa that submitted anything.",
            columns: [ReportColumn("kecamatan", "Kecamatan", region: true), ReportColumn("fy", "FY"),
                      ReportColumn("quarters", "Quarters"), ReportColumn("villages", "Kelurahan/desa")],
            rows: lines.map { line in
                let fy = line.status(.fy)
                let sent = quarters.filter { line.status($0).isSubmitted }.map(\.rawValue)
                return [.region(line.kecamatan), .submission(fy),
                        .text(sent.isEmpty ? ReportFormat.missing : sent.joined(separator: " ")),
                        .text("\(line.villagesReporting) of \(line.villages)")]
            })
    }

    /// Findings as a list, worst first within each submission: a list wraps on a phone where an
    /// eight-column table would not.
    static func findingsCard(_ findings: [SubmissionFindings]) -> String {
        let items = findings.flatMap { submission in submission.findings.map { (submission, $0) } }
        var out = "<section class=\"card\" id=\"temuan\" aria-labelledby=\"temuan-h\">\n<h2 id=\"temuan-h\">Temuan (open findings)</h2>\n"
        guard !items.isEmpty else { return out + "<p class=\"empty\">No open findings.</p>\n</section>\n" }
        let counts = Finding.Severity.allCases.compactMap { severity -> String? in
            let count = items.filter { $0.1.severity == severity }.count
            return count == 0 ? nil : "\(count) \(severity.rawValue)\(count == 1 || severity == .info ? "" : "s")"
        }
        out += "<p class=\"note\">\(counts.joined(separator: ", ")) in \(findings.count) submission\(findings.count == 1 ? "" : "s"), of each region's latest revision per period.</p>\n<ul class=\"findings\">\n"
        for (submission, finding) in items {
            out += "<li class=\"sev-\(finding.severity.rawValue)\"><span class=\"sev\">\(finding.severity.rawValue)</span>"
            out += "<strong>\(HTMLEscape.text(submission.region.name))</strong> <span class=\"where\">\(HTMLEscape.text(submission.region.code.text)) · \(submission.period.rawValue) rev. \(submission.revision) · submission \(submission.submissionID)</span><br>"
            out += "<span class=\"rule\">\(HTMLEscape.text(finding.rule))</span> <code>\(HTMLEscape.text(finding.pointer))</code>"
            out += "<p>\(HTMLEscape.text(finding.message))</p></li>\n"
        }
        return out + "</ul>\n</section>\n"
    }

    /// Findings across documents per kecamatan (a kelurahan's under its kecamatan), each naming both
    /// documents with their stored id, revision and the place in each.
    static func crossFindingsCard(_ findings: [CrossDocumentFinding]) -> String {
        var out = "<section class=\"card\" id=\"temuan-lintas\" aria-labelledby=\"temuan-lintas-h\">\n<h2 id=\"temuan-lintas-h\">Temuan Lintas Dokumen</h2>\n"
        guard !findings.isEmpty else { return out + "<p class=\"empty\">Tidak ada temuan lintas dokumen.</p>\n</section>\n" }
        out += "<p class=\"note\">Laporan, Perjanjian Kinerja dan Renstra yang tidak sesuai satu sama lain: \(findings.count) temuan.</p>\n"
        let groups = Dictionary(grouping: findings) { $0.region.code.ancestor(at: .kecamatan) ?? $0.region.code }
        for kecamatan in groups.keys.sorted() {
            let items = groups[kecamatan] ?? []
            let name = items.first { $0.region.code == kecamatan }?.region.name ?? kecamatan.text
            out += "<h3>\(HTMLEscape.text(name)) <span class=\"where\">\(HTMLEscape.text(kecamatan.text)) · \(items.count) temuan</span></h3>\n<ul class=\"findings\">\n"
            for finding in items {
                out += "<li class=\"sev-\(finding.severity.rawValue)\"><span class=\"sev\">\(finding.severity.rawValue)</span>"
                out += "<span class=\"rule\">\(HTMLEscape.text(finding.rule))</span><br>"
                out += "<span class=\"doc\">\(HTMLEscape.text(finding.subject.description))</span> ↔ "
                out += "<span class=\"doc\">\(HTMLEscape.text(finding.against.description))</span>"
                out += "<p>\(HTMLEscape.text(finding.message))</p></li>\n"
            }
            out += "</ul>\n"
        }
        return out + "</section>\n"
    }
}

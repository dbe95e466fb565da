import Foundation
import RekapDomain

/// A report's revisions (who sent each and when) and, for two of them, what changed field by field.
public struct FormHistoryPage: Sendable {
    /// One revision as listed.
    public struct Entry: Sendable, Hashable {
        public let revision: Int
        public let submittedAt: Date
        /// Who sent it through the forms; nil when a program did (API, CLI).
        public let sentBy: String?
        public let findings: Int

        public init(revision: Int, submittedAt: Date, sentBy: String?, findings: Int) {
            self.revision = revision
            self.submittedAt = submittedAt
            self.sentBy = sentBy
            self.findings = findings
        }
    }

    /// One field that differs between two revisions.
    public struct Change: Sendable, Hashable {
        public let key: String
        public let before: String
        public let after: String
    }

    public let region: RegionCode
    public let year: Int
    public let period: Period
    public let entries: [Entry]
    /// The two revisions compared and their differences, when asked for.
    public let comparison: (from: Int, to: Int, changes: [Change])?
    /// The zone times are shown in: the city's own (`city_setting`), else its province's.
    public let timeZone: IndonesianTimeZone
    /// The page's language (Bahasa Indonesia unless the request asks for English).
    public var language: Language = .id
    /// A line on top: what just happened ("Laporan terkirim …").
    public var notice: String?

    public init(region: RegionCode, year: Int, period: Period, entries: [Entry],
                comparison: (from: Int, to: Int, changes: [Change])? = nil, timeZone: IndonesianTimeZone = .wib) {
        self.region = region
        self.year = year
        self.period = period
        self.entries = entries
        self.comparison = comparison
        self.timeZone = timeZone
    }

    /// The fields that differ between two forms (as shown: numbers the Indonesian way), in key order.
    public static func changes(from old: ReportForm, to new: ReportForm) -> [Change] {
        Set(old.fields.keys).union(new.fields.keys).sorted(by: keyOrder).compactMap { key in
            let before = old.fields[key] ?? "", after = new.fields[key] ?? ""
            return before == after ? nil : Change(key: key, before: before, after: after)
        }
    }

    /// Keys in document order: numeric indices compared as numbers.
    static func keyOrder(_ a: String, _ b: String) -> Bool {
        let x = a.split(separator: "/"), y = b.split(separator: "/")
        for (p, q) in zip(x, y) where p != q {
            if let i = Int(p), let j = Int(q) { return i < j }
            return p < q
        }
        return x.count < y.count
    }

    /// A field's key in words: `budget/programs/0/kegiatan/1/pagu` → "Program 1 › Kegiatan 2 › Pagu (Rp)".
    static func describe(_ key: String, _ language: Language = .id) -> String {
        let parts = key.split(separator: "/").map(String.init)
        var words: [String] = []
        var index = 0
        let names = ["indicators": "Indikator", "programs": "Program", "kegiatan": "Kegiatan", "sub_kegiatan": "Sub kegiatan",
                     "pbb": "PBB-P2", "awards": "Penghargaan", "total": "Jumlah", "belanja": "Belanja", "signed": "Penandatangan"]
        while index < parts.count {
            let part = parts[index]
            if part == "budget" { index += 1; continue }
            if let name = names[part] {
                if index + 1 < parts.count, let row = Int(parts[index + 1]) {
                    words.append("\(name) \(row + 1)")
                    index += 2
                } else {
                    words.append(name)
                    index += 1
                }
                continue
            }
            break
        }
        let rest = parts[index...].joined(separator: "/")
        let prefix = parts[..<index].joined(separator: "/")
        let label = ReportForm.list(at: parts[..<max(index - 1, 0)].joined(separator: "/"))?.fields.first { $0.key == rest }?.label
            ?? (prefix == "signed" ? ReportFormSchema.signed : prefix == "budget/total" ? ReportFormSchema.total
                : ReportFormSchema.belanjaTotals).first { $0.key == rest }?.label
            ?? rest
        return (words + [Catalog.Forms.label(label)(language)]).joined(separator: " › ")
    }

    public func render() -> String {
        let t = Catalog.FormPages.self, l = language
        let formPath = FormRoutes.form(region, year, period)
        let title = t.historyTitle(region: region.text, year: year, period: period.rawValue)(l)
        var html = "<header><h1>\(HTMLEscape.text(title))</h1><p><a href=\"\(formPath)\">\(t.backToForm(l))</a></p><form method=\"post\" action=\"/logout\" class=\"logout\"><button type=\"submit\">\(Catalog.Forms.logout(l))</button></form></header>\n<main>\n"
        if let notice { html += "<p class=\"notice\" role=\"status\">\(HTMLEscape.text(notice))</p>\n" }
        guard !entries.isEmpty else {
            return ReportFormPage.document(title: title, body: html + "<p>\(t.nothingSent(l))</p>\n</main>\n", language: l)
        }
        let (revision, sentAt, sentBy, findings) = (t.revision(l), t.sentAt(l), t.sentBy(l), t.findings(l))
        html += "<table><thead><tr><th>\(revision)</th><th>\(sentAt)</th><th>\(sentBy)</th><th>\(findings)</th></tr></thead><tbody>\n"
        for entry in entries {
            html += "<tr><td data-label=\"\(revision)\">\(entry.revision)</td><td data-label=\"\(sentAt)\">\(HTMLEscape.text(LocalizedDate.dateTime(entry.submittedAt, in: timeZone, l)))</td>"
            html += "<td data-label=\"\(sentBy)\">\(HTMLEscape.text(entry.sentBy ?? t.byProgram(l)))</td><td data-label=\"\(findings)\">\(entry.findings)</td></tr>\n"
        }
        html += "</tbody></table>\n"
        if entries.count >= 2 {
            let newest = entries[0].revision
            html += "<form method=\"get\" action=\"\(FormRoutes.history(region, year, period))\"><h2>\(t.compareTwo(l))</h2><div class=\"grid\">\n"
            for (name, label, chosen) in [("a", t.fromRevision(l), comparison?.from ?? entries[1].revision), ("b", t.toRevision(l), comparison?.to ?? newest)] {
                html += "<div class=\"fld\"><label for=\"cmp-\(name)\">\(label)</label><select id=\"cmp-\(name)\" name=\"\(name)\">"
                for entry in entries { html += "<option value=\"\(entry.revision)\"\(entry.revision == chosen ? " selected" : "")>\(entry.revision)</option>" }
                html += "</select></div>\n"
            }
            html += "</div><div class=\"actions\"><button type=\"submit\">\(t.compare(l))</button></div></form>\n"
        }
        if let comparison {
            html += "<h2>\(t.changes(from: comparison.from, to: comparison.to)(l))</h2>\n"
            if comparison.changes.isEmpty {
                html += "<p>\(t.noChanges(l))</p>\n"
            } else {
                let (field, from, to) = (t.field(l), t.revisionNumber(comparison.from)(l), t.revisionNumber(comparison.to)(l))
                html += "<table class=\"diff\"><thead><tr><th>\(field)</th><th>\(from)</th><th>\(to)</th></tr></thead><tbody>\n"
                for change in comparison.changes {
                    html += "<tr><td data-label=\"\(field)\">\(HTMLEscape.text(Self.describe(change.key, l)))</td>"
                    html += "<td data-label=\"\(from)\">\(HTMLEscape.text(change.before.isEmpty ? "—" : change.before))</td>"
                    html += "<td data-label=\"\(to)\">\(HTMLEscape.text(change.after.isEmpty ? "—" : change.after))</td></tr>\n"
                }
                html += "</tbody></table>\n"
            }
        }
        return ReportFormPage.document(title: title, body: html + "</main>\n", language: l)
    }
}

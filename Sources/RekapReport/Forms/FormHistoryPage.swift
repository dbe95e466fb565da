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
    static func describe(_ key: String) -> String {
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
        return (words + [label]).joined(separator: " › ")
    }

    public func render() -> String {
        let formPath = FormRoutes.form(region, year, period)
        let title = "Riwayat kiriman \(region.text) \(year) \(period.rawValue)"
        var html = "<header><h1>\(HTMLEscape.text(title))</h1><p><a href=\"\(formPath)\">Kembali ke formulir</a></p><form method=\"post\" action=\"/logout\" class=\"logout\"><button type=\"submit\">Keluar</button></form></header>\n<main>\n"
        guard !entries.isEmpty else {
            return ReportFormPage.document(title: title, body: html + "<p>Belum ada kiriman untuk laporan ini.</p>\n</main>\n")
        }
        html += "<table><thead><tr><th>Revisi</th><th>Dikirim</th><th>Oleh</th><th>Temuan</th></tr></thead><tbody>\n"
        for entry in entries {
            html += "<tr><td data-label=\"Revisi\">\(entry.revision)</td><td data-label=\"Dikirim\">\(HTMLEscape.text(LocalizedDate.dateTime(entry.submittedAt, in: timeZone, .id)))</td>"
            html += "<td data-label=\"Oleh\">\(HTMLEscape.text(entry.sentBy ?? "program (API)"))</td><td data-label=\"Temuan\">\(entry.findings)</td></tr>\n"
        }
        html += "</tbody></table>\n"
        if entries.count >= 2 {
            let newest = entries[0].revision
            html += "<form method=\"get\" action=\"\(FormRoutes.history(region, year, period))\"><h2>Bandingkan dua revisi</h2><div class=\"grid\">\n"
            for (name, label, chosen) in [("a", "Dari revisi", comparison?.from ?? entries[1].revision), ("b", "Ke revisi", comparison?.to ?? newest)] {
                html += "<div class=\"fld\"><label for=\"cmp-\(name)\">\(label)</label><select id=\"cmp-\(name)\" name=\"\(name)\">"
                for entry in entries { html += "<option value=\"\(entry.revision)\"\(entry.revision == chosen ? " selected" : "")>\(entry.revision)</option>" }
                html += "</select></div>\n"
            }
            html += "</div><div class=\"actions\"><button type=\"submit\">Bandingkan</button></div></form>\n"
        }
        if let comparison {
            html += "<h2>Perubahan dari revisi \(comparison.from) ke revisi \(comparison.to)</h2>\n"
            if comparison.changes.isEmpty {
                html += "<p>Tidak ada isian yang berbeda.</p>\n"
            } else {
                html += "<table class=\"diff\"><thead><tr><th>Isian</th><th>Revisi \(comparison.from)</th><th>Revisi \(comparison.to)</th></tr></thead><tbody>\n"
                for change in comparison.changes {
                    html += "<tr><td data-label=\"Isian\">\(HTMLEscape.text(Self.describe(change.key)))</td>"
                    html += "<td data-label=\"Revisi \(comparison.from)\">\(HTMLEscape.text(change.before.isEmpty ? "—" : change.before))</td>"
                    html += "<td data-label=\"Revisi \(comparison.to)\">\(HTMLEscape.text(change.after.isEmpty ? "—" : change.after))</td></tr>\n"
                }
                html += "</tbody></table>\n"
            }
        }
        return ReportFormPage.document(title: title, body: html + "</main>\n")
    }
}

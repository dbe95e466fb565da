import Foundation
import RekapDomain

/// The report as Markdown (CommonMark with pipe tables), readable as plain text too: columns are padded.
///
/// Text from submissions (region and program names, messages) is escaped so that it prints as written:
/// `|` cannot break a table and `<script>` stays text when the Markdown is turned into HTML.
public enum MarkdownRenderer {
    /// The report in `language` (Bahasa Indonesia unless asked otherwise): titles, headings, notes and
    /// findings; numbers stay exact plain digits and times UTC, as the other formats for programs print them.
    public static func render(_ report: CityReport, language: Language = .default) -> String {
        let title = Catalog.Report.title(city: "\(escape(report.city.name)) (\(report.city.code.text))", year: report.year)(language)
        var out = "# \(title)\n\n"
        for line in ReportHeader.utcLines(report, language: language) {
            out += "- **\(escape(line.label))**: \(escape(line.value))\n"
        }
        if let note = report.stalenessNote {
            out += "\n> **\(Catalog.ReportTables.warning(language)):** \(escape(note(language)))\n"
        }
        for chapter in report.chapters(language) {
            out += "\n## \(escape(chapter.title))\n"
            for table in chapter.tables {
                out += "\n### \(escape(table.title))\n\n"
                if let note = table.note { out += "_\(escape(note))_\n\n" }
                out += self.table(table, language: language)
            }
        }
        return out
    }

    /// A pipe table, or "Belum ada data." / "No data yet." when it has no rows.
    static func table(_ table: ReportTable, language: Language) -> String {
        if table.rows.isEmpty { return "\(Catalog.Common.noData(language))\n" }
        var lines = [table.columns.map { escape($0.heading) }]
        let numeric = table.columns.indices.map { column in
            table.rows.contains { $0[column].isNumeric }
        }
        for row in table.rows { lines.append(row.map { escape($0.humanText(language)) }) }
        if let footer = table.footer {
            lines.append(footer.map { cell in
                let text = escape(cell.humanText(language))
                return text.isEmpty ? "" : "**\(text)**"
            })
        }
        let widths = table.columns.indices.map { column in max(3, lines.map { $0[column].count }.max() ?? 3) }
        func format(_ cells: [String]) -> String {
            "| " + cells.enumerated().map { index, cell in
                numeric[index] ? String(repeating: " ", count: widths[index] - cell.count) + cell
                    : cell + String(repeating: " ", count: widths[index] - cell.count)
            }.joined(separator: " | ") + " |\n"
        }
        var out = format(lines[0])
        out += "| " + widths.enumerated().map { index, width in
            numeric[index] ? String(repeating: "-", count: width - 1) + ":" : String(repeating: "-", count: width)
        }.joined(separator: " | ") + " |\n"
        for line in lines.dropFirst() { out += format(line) }
        return out
    }

    /// Backslash-escapes what Markdown would interpret, and turns line breaks into spaces (a table
    /// row is one line). `&` is escaped only where it could start an entity (`&amp;`, `&#60;`).
    public static func escape(_ text: String) -> String {
        var out = ""
        let characters = Array(text)
        for (index, character) in characters.enumerated() {
            switch character {
            case "\\", "`", "*", "_", "[", "]", "<", ">", "|", "#":
                out += "\\" + String(character)
            case "&":
                let next = index + 1 < characters.count ? characters[index + 1] : " "
                out += next.isLetter || next == "#" ? "\\&" : "&"
            case "\n", "\r", "\t":
                out += " "
            default:
                out.append(character)
            }
        }
        return out
    }
}

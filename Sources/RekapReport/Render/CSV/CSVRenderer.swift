import Foundation
import RekapDomain

/// The report as one CSV file, written by ``CSVWriter`` (RFC 4180: CRLF line ends, fields quoted when
/// they hold a comma, a quote, CR or LF, quotes doubled; text that starts like a spreadsheet formula gets
/// a leading apostrophe, numeric columns are written as they are). See `docs/report-csv.md`.
///
/// Layout: one block per table, blocks separated by an empty line. Each block starts with its header
/// row, whose first field is `section`; every data row's first field is the table's id (`iku-kecamatan`,
/// `pbb-kelurahan` …), so `grep '^pbb-kelurahan,'` or a filter on the first column extracts one table.
/// A region column gives two fields: the code, and the name in `<column>_name`; a submission column
/// (completeness) the time stored, and the day signed in `<column>_signed`. Amounts and indicator
/// values are exact plain digits; percentages are rounded half-up to 2 decimals; a value that does not
/// exist is an empty field. A table without rows keeps its header. The first block, `report`, says
/// which city and year, when it was generated and whether the aggregates were stale. A total line
/// (programs, belanja, PBB by kecamatan) has the section `<id>-total`, so summing a section's rows
/// never counts it twice.
///
/// The header rows are the columns' keys, the same in every language; `language` only chooses the
/// text of a finding's message (`message`, in the reader's language: Bahasa Indonesia by default).
public enum CSVRenderer {
    public static func render(_ report: CityReport, language: Language = .default) -> String {
        var blocks: [String] = []
        blocks.append(block(header: ["section", "city", "city_name", "year", "generated_at", "aggregated_at", "stale", "staleness_note"],
                            rows: [[.text("report"), .text(report.city.code.text), .text(report.city.name), .number(String(report.year)),
                                    .text(ReportFormat.timestamp(report.generatedAt)),
                                    .text(report.aggregatedAt.map(ReportFormat.timestamp) ?? ""),
                                    .text(report.stalenessNote == nil ? "false" : "true"), .text(report.stalenessNote.map { $0(language) } ?? "")]]))
        for chapter in report.chapters(language) {
            for table in chapter.tables {
                let header = ["section"] + table.columns.flatMap { column in
                    column.isRegion ? [column.key, column.key + "_name"]
                        : column.isSubmission ? [column.key, column.key + "_signed"] : [column.key]
                }
                func fields(_ row: [ReportCell]) -> [CSVField] {
                    zip(table.columns, row).flatMap { column, cell -> [CSVField] in
                        if column.isRegion {
                            if case .region(let region) = cell { return [.text(region.code.text), .text(region.name)] }
                            return [cell.csvField(language), .text("")]
                        }
                        if column.isSubmission {
                            if case .submission(let status) = cell { return [cell.csvField(language), .text(status.signedOn?.description ?? "")] }
                            return [cell.csvField(language), .text("")]
                        }
                        return [cell.csvField(language)]
                    }
                }
                var rows = table.rows.map { [.text(table.id)] + fields($0) }
                if let footer = table.footer { rows.append([.text(table.id + "-total")] + fields(footer)) }
                blocks.append(block(header: header, rows: rows))
            }
        }
        return blocks.joined(separator: CSVWriter.LineEnd.crlf.rawValue)
    }

    static func block(header: [String], rows: [[CSVField]]) -> String {
        CSVWriter.document([header.map(CSVField.text)] + rows, lineEnd: .crlf)
    }

    /// One text field as ``CSVWriter`` writes it: quoted when it holds a comma, a double quote, CR or
    /// LF (quotes doubled), and neutralised when it starts like a formula.
    public static func field(_ text: String) -> String { CSVWriter.field(.text(text)) }
}

extension ReportCell {
    /// The cell as a CSV field: numeric cells as numbers, written as they are; the others as text.
    func csvField(_ language: Language) -> CSVField { isNumeric ? .number(plainText(language)) : .text(plainText(language)) }
}

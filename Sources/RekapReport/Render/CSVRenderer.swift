import Foundation
import RekapDomain

/// The report as one CSV file (RFC 4180: CRLF line ends, fields quoted when they hold a comma, a quote,
/// CR or LF, quotes doubled). See `docs/report-csv.md`.
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
public enum CSVRenderer {
    public static func render(_ report: CityReport) -> String {
        var blocks: [String] = []
        blocks.append(block(header: ["section", "city", "city_name", "year", "generated_at", "aggregated_at", "stale", "staleness_note"],
                            rows: [["report", report.city.code.text, report.city.name, String(report.year),
                                    ReportFormat.timestamp(report.generatedAt), report.aggregatedAt.map(ReportFormat.timestamp) ?? "",
                                    report.stalenessNote == nil ? "false" : "true", report.stalenessNote ?? ""]]))
        for chapter in report.chapters {
            for table in chapter.tables {
                let header = ["section"] + table.columns.flatMap { column in
                    column.isRegion ? [column.key, column.key + "_name"]
                        : column.isSubmission ? [column.key, column.key + "_signed"] : [column.key]
                }
                func fields(_ row: [ReportCell]) -> [String] {
                    zip(table.columns, row).flatMap { column, cell -> [String] in
                        if column.isRegion {
                            if case .region(let region) = cell { return [region.code.text, region.name] }
                            return [cell.plainText, ""]
                        }
                        if column.isSubmission {
                            if case .submission(let status) = cell { return [cell.plainText, status.signedOn?.description ?? ""] }
                            return [cell.plainText, ""]
                        }
                        return [cell.plainText]
                    }
                }
                var rows = table.rows.map { [table.id] + fields($0) }
                if let footer = table.footer { rows.append([table.id + "-total"] + fields(footer)) }
                blocks.append(block(header: header, rows: rows))
            }
        }
        return blocks.joined(separator: "\r\n")
    }

    static func block(header: [String], rows: [[String]]) -> String {
        ([header] + rows).map { $0.map(field).joined(separator: ",") + "\r\n" }.joined()
    }

    /// One RFC 4180 field: quoted when it holds a comma, a double quote, CR or LF (quotes doubled).
    public static func field(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

import Foundation
import RekapDomain
import XLSX

/// Writes ``ReportTable``s as sheets: the same tables the Markdown, HTML and CSV formats print, with
/// numbers as numbers (amounts grouped, percentages as percentages), a title block on top and the
/// header row frozen below it.
enum XLSXTableWriter {
    /// The lines above every sheet's table: the document's title, then what it covers.
    struct Heading {
        var title: String
        var lines: [String]
    }

    static let titleStyle = CellStyle(bold: true, fontSize: 14)
    static let headerStyle = CellStyle(bold: true, wrap: true, shaded: true, bordered: true)
    static let footerStyle = CellStyle(bold: true, bordered: true)

    /// Adds `table` (already in `language`) as the sheet `name`: heading lines, the table's title and
    /// note, the header row (frozen), the rows and the footer; text cells in `language`.
    static func add(_ table: ReportTable, named name: String, heading: Heading, language: Language, to workbook: WorkbookWriter) throws {
        let headers = table.columns.flatMap { column -> [String] in
            column.isRegion ? [Catalog.ReportTables.regionCode(column.heading, language), column.heading] : [column.heading]
        }
        let bodyRows = table.rows + (table.footer.map { [$0] } ?? [])
        let widths = headers.enumerated().map { index, header in
            let longest = bodyRows.prefix(500).map { row in expanded(row)[safe: index].map { widthOf($0, language) } ?? 0 }.max() ?? 0
            return Double(min(60, max(8, max(longest, header.count / 2 + 2))))
        }
        // A board's own title is the workbook's: said once.
        var top: [String] = [heading.title] + heading.lines + (table.title == heading.title ? [] : [table.title])
        if let note = table.note { top.append(note) }
        let titleLine = table.title == heading.title ? 0 : heading.lines.count + 1
        // One blank row between the lines on top and the header row.
        let headerRow = top.count + 2
        let sheet = try workbook.addSheet(name, columns: widths.enumerated().map { ColumnSettings(column: $0.offset + 1, width: $0.element) },
                                          frozenRows: headerRow)
        for (index, line) in top.enumerated() {
            let style = index == 0 ? titleStyle : index == titleLine ? CellStyle(bold: true) : CellStyle()
            try sheet.appendRow([.text(line, style: style)])
        }
        try sheet.appendRow(headers.map { .text($0, style: headerStyle) }, at: headerRow, height: 30)
        for row in table.rows {
            try sheet.appendRow(expanded(row).map { cell($0, style: CellStyle(bordered: true), language: language) })
        }
        if let footer = table.footer {
            try sheet.appendRow(expanded(footer).map { cell($0, style: footerStyle, language: language) })
        }
        if table.rows.isEmpty {
            try sheet.appendRow([.text(Catalog.Common.noData(language))])
        }
    }

    /// A region cell becomes two: its code and its name.
    private static func expanded(_ row: [ReportCell]) -> [ReportCell] {
        row.flatMap { cell -> [ReportCell] in
            if case .region(let region) = cell { return [.text(region.code.text), .text(region.name)] }
            return [cell]
        }
    }

    private static func widthOf(_ cell: ReportCell, _ language: Language) -> Int {
        switch cell {
        case .amount: 18
        case .percent, .ratio, .integer, .number: 11
        case .date: 12
        default: min(60, cell.humanText(language).count + 2)
        }
    }

    /// One value as a cell: numbers as numbers in the Indonesian-looking formats, text as text.
    static func cell(_ value: ReportCell, style: CellStyle, language: Language) -> WrittenCell {
        switch value {
        case .text(let text):
            return .text(text, style: style)
        case .region(let region):
            return .text(region.name, style: style)
        case .amount(let amount):
            return number(amount, style: style.with { $0.numberFormat = DecimalText.rounded(amount, scale: 0) == amount ? .grouped : .groupedDecimals })
        case .percent(let percent):
            // A percentage cell holds the fraction (98.51 % is 0.9851) and shows it with two decimals.
            // Rounded as every format prints it (half-up, 2 decimals of the percentage), then exact.
            guard let percent else { return .empty(style: style) }
            return number(DecimalText.rounded(percent, scale: 2) / 100, style: style.with { $0.numberFormat = .percent })
        case .number(let number):
            guard let number else { return .empty(style: style) }
            return self.number(number, style: style)
        case .ratio(let ratio):
            guard let ratio else { return .empty(style: style) }
            return number(DecimalText.rounded(ratio, scale: 2), style: style.with { $0.numberFormat = .groupedDecimals })
        case .integer(let integer):
            guard let integer else { return .empty(style: style) }
            return .number(XLSXNumber(integer), style: style.with { $0.numberFormat = .grouped })
        case .date(let date):
            guard let date else { return .empty(style: style) }
            return WrittenCell(.date(year: date.year, month: date.month, day: date.day), style: style.with { $0.numberFormat = .date })
        case .timestamp, .submission, .localized, .term:
            return .text(value.humanText(language), style: style)
        }
    }

    /// An exact number. A computed one with more digits than a spreadsheet holds (15 significant: a
    /// Σ of capaian has 20 decimals) is rounded half-up to 6 decimals, as the table formats round it; if
    /// that still does not fit it is written as its exact text, never rounded further.
    static func number(_ value: Decimal, style: CellStyle) -> WrittenCell {
        let number = XLSXNumber(value)
        if number.fitsSpreadsheetPrecision { return .number(number, style: style) }
        let rounded = XLSXNumber(DecimalText.rounded(value, scale: 6))
        return rounded.fitsSpreadsheetPrecision ? .number(rounded, style: style) : .text(number.text, style: style.with { $0.alignment = .right })
    }

    /// A unique sheet name of at most 31 characters from `name`.
    static func sheetName(_ name: String, taken: Set<String>) -> String {
        let cleaned = String(name.map { "[]:*?/\\'".contains($0) ? "-" : $0 }.prefix(31))
        var candidate = cleaned
        var counter = 2
        while taken.contains(candidate.lowercased()) {
            let suffix = " \(counter)"
            candidate = String(cleaned.prefix(31 - suffix.count)) + suffix
            counter += 1
        }
        return candidate
    }
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}

import Foundation
import RekapDomain
import XLSX

/// Leaderboards and the city report as .xlsx workbooks (`--format xlsx`, `format=xlsx`): one sheet
/// per table, from the same ``ReportTable``s the other formats print.
public enum XLSXRenderer {
    /// The media type of the answer.
    public static let mediaType = WorkbookWriter.mediaType

    /// The city report in `language` (Bahasa Indonesia unless asked otherwise): one sheet per table,
    /// in the report's order, each headed by the report's title, city, year and the time its
    /// aggregates were computed. Sheet names are the tables' ids, the same in every language.
    public static func render(_ report: CityReport, language: Language = .default) throws -> Data {
        let workbook = WorkbookWriter()
        let heading = XLSXTableWriter.Heading(
            title: Catalog.Report.title(city: report.city.name, year: report.year)(language),
            lines: ReportHeader.utcLines(report, language: language).map { "\($0.label): \($0.value)" }
                + (report.stalenessNote.map { ["\(Catalog.ReportTables.warning(language)): " + $0(language)] } ?? []))
        var taken: Set<String> = []
        for table in report.chapters(language).flatMap(\.tables) {
            let name = XLSXTableWriter.sheetName(table.id, taken: taken)
            taken.insert(name.lowercased())
            try XLSXTableWriter.add(table, named: name, heading: heading, language: language, to: workbook)
        }
        return try workbook.data()
    }

    /// The lines on top of a ranking workbook in `language`: the city, the year and the day the
    /// figures stand at (the latest data when no day was asked for).
    public static func rankingLines(city: RegionCode, year: Int, asOf: CalendarDate?, language: Language = .default) -> [String] {
        let text = Catalog.Rankings.self
        return ["\(text.city(language)): \(city.text)", "\(text.year(language)): \(year)",
                "\(text.asOf(language)): " + (asOf?.description ?? text.latestData(language))]
    }

    /// One `rekap rank` board as a one-sheet workbook in `language`, headed by its title and `lines`
    /// (the city and year, the as-of date: ``rankingLines(city:year:asOf:language:)``).
    public static func render(_ board: Leaderboard, lines: [String], language: Language = .default) throws -> Data {
        let workbook = WorkbookWriter()
        try XLSXTableWriter.add(.leaderboard(board, language), named: Catalog.Rankings.sheetName(language),
                                heading: .init(title: board.title(language), lines: lines), language: language, to: workbook)
        return try workbook.data()
    }

    /// The medal table as a one-sheet workbook in `language`.
    public static func render(_ board: MedalLeaderboard, lines: [String], language: Language = .default) throws -> Data {
        let workbook = WorkbookWriter()
        try XLSXTableWriter.add(.medals(board.rows, language), named: Catalog.Rankings.sheetName(language),
                                heading: .init(title: board.title(language), lines: lines), language: language, to: workbook)
        return try workbook.data()
    }
}

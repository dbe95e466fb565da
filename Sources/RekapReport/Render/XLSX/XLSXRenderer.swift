import Foundation
import RekapDomain
import XLSX

/// Leaderboards and the city report as .xlsx workbooks (`--format xlsx`, `format=xlsx`): one sheet
/// per table, from the same ``ReportTable``s the other formats print.
public enum XLSXRenderer {
    /// The media type of the answer.
    public static let mediaType = WorkbookWriter.mediaType

    /// The city report: one sheet per table, in the report's order, each headed by the report's
    /// title, city, year and the time its aggregates were computed.
    public static func render(_ report: CityReport) throws -> Data {
        let workbook = WorkbookWriter()
        let heading = XLSXTableWriter.Heading(
            title: "Laporan konsolidasi \(report.city.name) — \(report.year)",
            lines: ["Kota: \(report.city.name) (\(report.city.code.text))",
                    "Tahun: \(report.year)",
                    "Data per: \(report.aggregatedAt.map(ReportFormat.timestamp) ?? "belum dihitung") (dibuat \(ReportFormat.timestamp(report.generatedAt)))"]
                + (report.stalenessNote.map { ["Peringatan: " + $0] } ?? []))
        var taken: Set<String> = []
        for table in report.chapters.flatMap(\.tables) {
            let name = XLSXTableWriter.sheetName(table.id, taken: taken)
            taken.insert(name.lowercased())
            try XLSXTableWriter.add(table, named: name, heading: heading, to: workbook)
        }
        return try workbook.data()
    }

    /// The lines on top of a ranking workbook: the city, the year and the day the figures stand at
    /// (the latest data when no day was asked for).
    public static func rankingLines(city: RegionCode, year: Int, asOf: CalendarDate?) -> [String] {
        ["Kota: \(city.text)", "Tahun: \(year)", "Per tanggal: " + (asOf?.description ?? "data terakhir")]
    }

    /// One `rekap rank` board as a one-sheet workbook, headed by its title and `lines` (the city and
    /// year, the as-of date).
    public static func render(_ board: Leaderboard, lines: [String]) throws -> Data {
        let workbook = WorkbookWriter()
        try XLSXTableWriter.add(.leaderboard(board), named: "Peringkat", heading: .init(title: board.title, lines: lines), to: workbook)
        return try workbook.data()
    }

    /// The medal table as a one-sheet workbook.
    public static func render(_ board: MedalLeaderboard, lines: [String]) throws -> Data {
        let workbook = WorkbookWriter()
        try XLSXTableWriter.add(.medals(board.rows), named: "Peringkat", heading: .init(title: board.title, lines: lines), to: workbook)
        return try workbook.data()
    }
}

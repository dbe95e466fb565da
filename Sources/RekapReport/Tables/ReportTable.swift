import Foundation
import RekapDomain

/// One value of a report table, typed so each renderer can print it its own way
/// (CSV: exact plain text; HTML: amounts with thin-space digit groups).
public enum ReportCell: Sendable, Hashable {
    case text(String)
    /// A region: its name in the human formats, its code and name in two CSV fields.
    case region(ReportRegion)
    /// A rupiah amount, exact.
    case amount(Decimal)
    /// A percentage, printed half-up with 2 decimals; nil prints as "not computable".
    case percent(Decimal?)
    /// An indicator value as reported, exact.
    case number(Decimal?)
    /// A ratio (efisiensi), printed half-up with 2 decimals.
    case ratio(Decimal?)
    case integer(Int?)
    case date(CalendarDate?)
    case timestamp(Date?)
    /// A period's latest submission (revision, time stored, day signed), or none, and whether it is owed.
    case submission(CompletenessRow.PeriodStatus)
    /// A text in both languages (a finding's message): every format shows it in the reader's language.
    case localized(LocalizedText)
    /// A value with a stable key for programs and a name for people: a severity (`error` / "galat"),
    /// a belanja type (`operasi` / "Belanja Operasi"). CSV and JSON keep the key; the formats people
    /// read show the name in their language.
    case term(String, LocalizedText)

    /// Numbers are right-aligned in the human formats.
    public var isNumeric: Bool {
        switch self {
        case .text, .region, .date, .timestamp, .submission, .localized, .term: false
        case .amount, .percent, .number, .ratio, .integer: true
        }
    }

    /// The exact, plain text for CSV: no digit grouping; "" when there is no value; a region's code
    /// (its name goes in a second field); a submission's time; a term's key; a localized text in `language`.
    public func plainText(_ language: Language) -> String {
        switch self {
        case .text(let text): return text
        case .localized(let text): return text(language)
        case .term(let key, _): return key
        case .region(let region): return region.code.text
        case .amount(let value): return DecimalText.string(value)
        case .percent(let value): return value.map(DecimalText.percent) ?? ""
        case .number(let value): return value.map(DecimalText.string) ?? ""
        case .ratio(let value): return value.map { DecimalText.string($0, fractionDigits: 2) } ?? ""
        case .integer(let value): return value.map(String.init) ?? ""
        case .date(let value): return value?.description ?? ""
        case .timestamp(let value): return value.map(ReportFormat.timestamp) ?? ""
        case .submission(let status):
            guard let revision = status.revision else { return "" }
            return status.submittedAt.map(ReportFormat.timestamp) ?? "revision \(revision)"
        }
    }

    /// The text people read in Markdown and in a workbook's text cells, in `language`:
    /// `ReportFormat.missing` for no value, region names with codes, exact plain digits, ISO dates.
    /// (HTML shows numbers and dates the reader's way: `localizedText(_:timeZone:)`.)
    public func humanText(_ language: Language) -> String {
        let text = Catalog.ReportTables.self
        switch self {
        case .text(let text): return text
        case .term(_, let name): return name(language)
        case .region(let region): return "\(region.name) (\(region.code.text))"
        case .submission(let status):
            guard let revision = status.revision else { return status.owed ? text.missingSubmission(language) : ReportFormat.missing }
            let day = status.submittedAt.map { String(ReportFormat.timestamp($0).prefix(10)) } ?? text.dateUnknown(language)
            let signed = status.signedOn.map { ", \(text.signed(language)) \($0)" } ?? ""
            return "\(day) (rev. \(revision)\(signed))"
        default:
            let plain = plainText(language)
            return plain.isEmpty ? ReportFormat.missing : plain
        }
    }
}

/// A column: its CSV key (stable, snake_case) and its human heading.
public struct ReportColumn: Sendable, Hashable {
    public var key: String
    public var heading: String
    /// A region column holds `.region` cells: CSV gives it two fields, `key` (the code) and `key_name`.
    public var isRegion: Bool
    /// A submission column holds `.submission` cells: CSV gives it two fields, `key` (when the latest
    /// revision was stored) and `key_signed` (the day it was signed).
    public var isSubmission: Bool

    public init(_ key: String, _ heading: String, region: Bool = false, submission: Bool = false) {
        self.key = key
        self.heading = heading
        self.isRegion = region
        self.isSubmission = submission
    }
}

/// A horizontal bar chart of a leaderboard (HTML only).
public struct BarChart: Sendable, Hashable {
    /// One bar: up to three stacked segments (the medal table stacks firsts, seconds, thirds).
    public struct Bar: Sendable, Hashable {
        public var label: String
        public var segments: [Decimal]
        /// What is printed after the bar, e.g. "98.51%" or "3 / 1 / 0".
        public var valueText: String
        /// The accessible description (an SVG `<title>`).
        public var title: String
    }

    public var title: String
    public var bars: [Bar]
    /// A reference line (100 for percentages) that also sets the minimum scale; nil for counts.
    public var reference: Decimal?
    /// Class names of the segments, in order (CSS colours them).
    public var segmentClasses: [String]
    /// Bars left out (past ``maxBars``); the table below the chart lists every region.
    public var omitted: Int = 0

    /// The most bars a chart draws: a kabupaten's 300 desa would make a chart no one reads.
    public static let maxBars = 50

    /// A chart of at most ``maxBars`` bars, the first ones (best first, as ranked).
    public init(title: String, bars: [Bar], reference: Decimal?, segmentClasses: [String]) {
        self.title = title
        self.bars = Array(bars.prefix(Self.maxBars))
        self.reference = reference
        self.segmentClasses = segmentClasses
        self.omitted = max(0, bars.count - Self.maxBars)
    }
}

/// One table of the report: what every renderer shows, in the same order.
public struct ReportTable: Sendable, Hashable {
    /// Stable id: the CSV `section` value and the HTML anchor, e.g. "iku-kecamatan".
    public var id: String
    public var title: String
    /// A line saying what the table shows or how a figure is computed.
    public var note: String?
    public var columns: [ReportColumn]
    public var rows: [[ReportCell]]
    /// A total line, when the table has one.
    public var footer: [ReportCell]?
    /// A chart of the rows, for the HTML report.
    public var chart: BarChart?

    public init(id: String, title: String, note: String? = nil, columns: [ReportColumn], rows: [[ReportCell]],
                footer: [ReportCell]? = nil, chart: BarChart? = nil) {
        self.id = id
        self.title = title
        self.note = note
        self.columns = columns
        self.rows = rows
        self.footer = footer
        self.chart = chart
    }

}

/// A group of tables under one heading (a part of LKjIP chapter III).
public struct ReportChapter: Sendable, Hashable {
    public var id: String
    public var title: String
    public var tables: [ReportTable]
}

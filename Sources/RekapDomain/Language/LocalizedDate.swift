import Foundation

/// Dates and times the way each language writes them, in a city's own time zone:
/// "6 Desember 2026", "6 Desember 2026 15.20 WIB" (Indonesian); "6 December 2026", "6 December 2026 15:20 WIB".
public enum LocalizedDate {
    static let monthsID = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober", "November", "Desember"]
    static let monthsEN = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]

    /// The name of `month` (1…12).
    public static func monthName(_ month: Int, _ language: Language = .default) -> String {
        (language == .id ? monthsID : monthsEN)[month - 1]
    }

    /// A calendar day: "6 Desember 2026".
    public static func date(year: Int, month: Int, day: Int, _ language: Language = .default) -> String {
        "\(day) \(monthName(month, language)) \(year)"
    }

    /// A calendar day: "6 Desember 2026".
    public static func date(_ date: CalendarDate, _ language: Language = .default) -> String {
        self.date(year: date.year, month: date.month, day: date.day, language)
    }

    /// The day `instant` falls on in `zone`: "6 Desember 2026".
    public static func date(_ instant: Date, in zone: IndonesianTimeZone, _ language: Language = .default) -> String {
        let parts = components(instant, zone)
        return date(year: parts.year!, month: parts.month!, day: parts.day!, language)
    }

    /// A moment in `zone`, to the minute, with the zone's name: "6 Desember 2026 15.20 WIB"
    /// (Indonesian writes the time with a '.').
    public static func dateTime(_ instant: Date, in zone: IndonesianTimeZone, _ language: Language = .default) -> String {
        let parts = components(instant, zone)
        let separator = language == .id ? "." : ":"
        let time = String(format: "%02d%@%02d", parts.hour!, separator, parts.minute!)
        return "\(date(year: parts.year!, month: parts.month!, day: parts.day!, language)) \(time) \(zone.abbreviation)"
    }

    private static func components(_ instant: Date, _ zone: IndonesianTimeZone) -> DateComponents {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone.timeZone
        return calendar.dateComponents([.year, .month, .day, .hour, .minute], from: instant)
    }
}

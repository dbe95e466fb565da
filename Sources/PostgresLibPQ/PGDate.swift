import Foundation

// Date <-> PostgreSQL ISO text, by hand: DateFormatter is slow, locale-sensitive and has no
// microseconds. Sessions run with TimeZone=UTC and DateStyle=ISO (see PGConfiguration).

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
func daysFromCivil(_ year: Int, _ month: Int, _ day: Int) -> Int {
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let mp = (month + 9) % 12
    let doy = (153 * mp + 2) / 5 + day - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146097 + doe - 719468
}

func civilFromDays(_ days: Int) -> (year: Int, month: Int, day: Int) {
    let z = days + 719468
    let era = (z >= 0 ? z : z - 146096) / 146097
    let doe = z - era * 146097
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let d = doy - (153 * mp + 2) / 5 + 1
    let m = mp < 10 ? mp + 3 : mp - 9
    return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
}

/// Parses `YYYY-MM-DD[ HH:MM:SS[.ffffff]][(+|-)HH[:MM[:SS]]][ BC]` into microseconds since
/// the Unix epoch (UTC).
func parseISOTimestamp(_ b: UnsafeRawBufferPointer) -> Int64? {
    var i = 0
    let n = b.count
    func number(minDigits: Int, maxDigits: Int) -> Int? {
        var v = 0
        var k = 0
        while i < n, k < maxDigits, b[i] &- 48 < 10 {
            v = v * 10 + Int(b[i] &- 48)
            i += 1
            k += 1
        }
        return k >= minDigits ? v : nil
    }
    func eat(_ c: Character) -> Bool {
        if i < n, b[i] == c.asciiValue! {
            i += 1
            return true
        }
        return false
    }
    guard var year = number(minDigits: 4, maxDigits: 7), eat("-"),
        let month = number(minDigits: 2, maxDigits: 2), eat("-"),
        let day = number(minDigits: 2, maxDigits: 2), (1...12).contains(month), (1...31).contains(day)
    else { return nil }
    var micros: Int64 = 0
    var offsetSeconds = 0
    if eat(" ") || eat("T") {
        if i < n, b[i] == UInt8(ascii: "B") {
            i -= 1  // " BC" directly after the date
        } else {
            guard let h = number(minDigits: 2, maxDigits: 2), eat(":"),
                let m = number(minDigits: 2, maxDigits: 2), eat(":"),
                let s = number(minDigits: 2, maxDigits: 2), h <= 24, m < 60, s < 61
            else { return nil }
            micros = Int64(h * 3600 + m * 60 + s) * 1_000_000
            if eat(".") {
                var scale: Int64 = 100_000
                var digits = 0
                while i < n, b[i] &- 48 < 10 {
                    micros += Int64(b[i] &- 48) * scale
                    scale /= 10
                    digits += 1
                    i += 1
                }
                guard digits > 0, digits <= 6 else { return nil }
            }
            if i < n, b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") {
                let sign = b[i] == UInt8(ascii: "-") ? -1 : 1
                i += 1
                guard let oh = number(minDigits: 2, maxDigits: 2) else { return nil }
                var off = oh * 3600
                if eat(":") {
                    guard let om = number(minDigits: 2, maxDigits: 2) else { return nil }
                    off += om * 60
                    if eat(":") {
                        guard let os = number(minDigits: 2, maxDigits: 2) else { return nil }
                        off += os
                    }
                }
                offsetSeconds = sign * off
            }
        }
    }
    if eat(" ") {
        guard eat("B"), eat("C") else { return nil }
        year = 1 - year
    }
    guard i == n else { return nil }
    let days = Int64(daysFromCivil(year, month, day))
    return days * 86_400_000_000 + micros - Int64(offsetSeconds) * 1_000_000
}

func isoTimestampText(_ date: Date) -> String {
    let micros = Int64((date.timeIntervalSince1970 * 1_000_000).rounded())
    var days = micros / 86_400_000_000
    var rem = micros % 86_400_000_000
    if rem < 0 {
        rem += 86_400_000_000
        days -= 1
    }
    let (y, m, d) = civilFromDays(Int(days))
    func pad(_ v: Int, _ w: Int) -> String {
        let s = String(v)
        return s.count >= w ? s : String(repeating: "0", count: w - s.count) + s
    }
    let secs = Int(rem / 1_000_000)
    let frac = Int(rem % 1_000_000)
    let year = y > 0 ? y : 1 - y
    var s = "\(pad(year, 4))-\(pad(m, 2))-\(pad(d, 2)) \(pad(secs / 3600, 2)):\(pad(secs / 60 % 60, 2)):\(pad(secs % 60, 2))"
    if frac != 0 { s += ".\(pad(frac, 6))" }
    s += "+00"
    if y <= 0 { s += " BC" }
    return s
}

extension Date: PGEncodable, PGDecodable {
    /// Sent as `timestamptz` in UTC, microsecond precision.
    public static var pgTypeOID: PGOid { PGType.timestamptz }
    public func pgEncode() throws(PGError) -> String? { isoTimestampText(self) }
    /// Reads `timestamptz` (an instant), and `timestamp` / `date` as UTC wall-clock time
    /// (a `date` is midnight UTC). `infinity` is rejected as invalid.
    public init(pgCell cell: PGCell) throws(PGError) {
        try cell.expect([PGType.date, PGType.timestamp, PGType.timestamptz], for: Date.self)
        guard let micros = parseISOTimestamp(cell.bytes) else { throw cell.invalid(Date.self) }
        let seconds = micros.quotientAndRemainder(dividingBy: 1_000_000)
        self = Date(timeIntervalSince1970: TimeInterval(seconds.quotient) + TimeInterval(seconds.remainder) / 1_000_000)
    }
}

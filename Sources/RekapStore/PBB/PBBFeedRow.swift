import RekapDomain

/// What a valid data line of a PBB-P2 feed tells the loader beyond its bytes (which go to
/// PostgreSQL unchanged).
public struct PBBFeedRow: Sendable, Hashable {
    /// The tax year.
    public var tahun: Int
    /// The kabupaten/kota as `PP.KK`: from the kelurahan for a ketetapan, from the NOP's first two
    /// segments for a payment.
    public var city: String
    /// The kelurahan code (ketetapan only).
    public var kelurahan: String?
}

/// Checks data lines of one PBB-P2 feed, field by field, on their bytes.
///
/// Everything a line alone can get wrong is checked here (field count, NOP of 18 digits, a
/// plausible tahun, a well-formed level-4 kode wilayah in the NOP's city, a real ISO date, whole
/// non-negative rupiah below 10^18), and, given the registry's level-4 codes, whether the kelurahan exists.
/// Valid lines cost no allocation: kode wilayah (with the registry's answer) and cities are
/// remembered once seen.
public struct PBBFeedRowChecker {
    public let kind: PBBFeedKind
    /// Plausible tax years.
    public static let years = 1986...2100

    /// The registry's kelurahan and desa codes; nil when the caller asks the registry itself.
    public let knownKelurahan: Set<String>?
    private var kelurahanSeen: [String: Result<String, PBBFeedRowProblem>] = [:]
    private var citiesSeen: [UInt16: String] = [:]

    public init(kind: PBBFeedKind, knownKelurahan: Set<String>? = nil) {
        self.kind = kind
        self.knownKelurahan = knownKelurahan
    }

    /// Why the header is not the one expected, or nil when it is.
    public func checkHeader(_ record: CSVRecord) -> String? {
        if let problem = record.problem { return "\(problem.reason)" }
        let columns = kind.columns
        if record.count == columns.count, (0..<columns.count).allSatisfy({ record[$0].elementsEqual(columns[$0].utf8) }) {
            return nil
        }
        return "the header must be exactly \(kind.header) (found \(Self.shown(record.raw)))"
    }

    /// The row's facts, or why the line is bad.
    public mutating func check(_ record: CSVRecord) -> Result<PBBFeedRow, PBBFeedRowProblem> {
        if let problem = record.problem { return .failure(PBBFeedRowProblem("\(problem.reason)")) }
        let columns = kind.columns
        guard record.count == columns.count else {
            return .failure(PBBFeedRowProblem("\(record.count) field\(record.count == 1 ? "" : "s") where \(kind.header) has \(columns.count)"))
        }
        let nop = record[0]
        guard nop.count == 18, Self.allDigits(nop) else {
            return .failure(PBBFeedRowProblem("nop \(Self.shown(nop)) is not 18 digits"))
        }
        let tahunField = record[1]
        guard tahunField.count == 4, Self.allDigits(tahunField), Self.years.contains(Self.number(tahunField)) else {
            return .failure(PBBFeedRowProblem("tahun \(Self.shown(tahunField)) is not a year from \(Self.years.lowerBound) to \(Self.years.upperBound)"))
        }
        let tahun = Self.number(tahunField)
        switch kind {
        case .ketetapan:
            let kelurahan: String
            switch kelurahanCode(record[2]) {
            case .success(let code): kelurahan = code
            case .failure(let problem): return .failure(problem)
            }
            // The NOP names its kota/kabupaten in its first 4 digits (PP KK); the kelurahan's must be
            // the same, or one city's assessment would count (and be refused) in another's.
            let provinsi = Self.number(record[2], 0..<2), kota = Self.number(record[2], 3..<5)
            guard Self.number(nop, 0..<4) == provinsi * 100 + kota else {
                let nopCity = Self.twoDigits(Self.number(nop, 0..<2)) + "." + Self.twoDigits(Self.number(nop, 2..<4))
                return .failure(PBBFeedRowProblem(
                    "nop \(Self.shown(nop)) is a tax object of kota/kabupaten \(nopCity) (its first 4 digits), "
                        + "but kelurahan \(kelurahan) lies in \(city(provinsi, kota)); a NOP belongs to its kelurahan's city"))
            }
            if let problem = Self.wholeRupiah(record[3], name: "pokok") { return .failure(problem) }
            return .success(PBBFeedRow(tahun: tahun, city: city(provinsi, kota), kelurahan: kelurahan))
        case .pembayaran:
            if let problem = Self.date(record[2]) { return .failure(problem) }
            if let problem = Self.wholeRupiah(record[3], name: "pokok") { return .failure(problem) }
            if let problem = Self.wholeRupiah(record[4], name: "denda") { return .failure(problem) }
            return .success(PBBFeedRow(tahun: tahun, city: city(Self.number(nop, 0..<2), Self.number(nop, 2..<4)), kelurahan: nil))
        }
    }

    /// A level-4 kode wilayah, checked by `RegionCode` once per distinct text.
    private mutating func kelurahanCode(_ field: UnsafeRawBufferPointer) -> Result<String, PBBFeedRowProblem> {
        // A kode wilayah is 13 bytes, a small String: no allocation for the lookup.
        let text = String(decoding: field, as: UTF8.self)
        if let known = kelurahanSeen[text] { return known }
        let result: Result<String, PBBFeedRowProblem>
        do {
            let code = try RegionCode(parsing: text)
            if code.level != .desaKelurahan {
                result = .failure(PBBFeedRowProblem("kelurahan \(Self.shown(field)) is a \(code.level) code; a kelurahan or desa code has 4 segments, e.g. 14.72.02.1001"))
            } else if let knownKelurahan, !knownKelurahan.contains(code.text) {
                result = .failure(PBBFeedRowProblem("kelurahan \(code.text) is not a kelurahan or desa in the region registry"))
            } else {
                result = .success(code.text)
            }
        } catch {
            result = .failure(PBBFeedRowProblem("kelurahan \(Self.shown(field)): \(error.reason)"))
        }
        // Bounded: a hostile file could name millions of codes; stop remembering, keep checking.
        if kelurahanSeen.count < 100_000 { kelurahanSeen[text] = result }
        return result
    }

    private mutating func city(_ provinsi: Int, _ kota: Int) -> String {
        let key = UInt16(provinsi * 100 + kota)
        if let known = citiesSeen[key] { return known }
        let text = Self.twoDigits(provinsi) + "." + Self.twoDigits(kota)
        citiesSeen[key] = text
        return text
    }

    /// `YYYY-MM-DD` naming a day that exists.
    private static func date(_ field: UnsafeRawBufferPointer) -> PBBFeedRowProblem? {
        if field.count == 10, field[4] == UInt8(ascii: "-"), field[7] == UInt8(ascii: "-"),
            allDigits(UnsafeRawBufferPointer(rebasing: field[0..<4])), allDigits(UnsafeRawBufferPointer(rebasing: field[5..<7])),
            allDigits(UnsafeRawBufferPointer(rebasing: field[8..<10]))
        {
            let year = number(field, 0..<4), month = number(field, 5..<7), day = number(field, 8..<10)
            if years.contains(year), (1...12).contains(month), (1...CalendarDate.daysIn(month: month, year: year)).contains(day) {
                return nil
            }
            if !years.contains(year) {
                return PBBFeedRowProblem("tanggal \(shown(field)) is not from \(years.lowerBound) to \(years.upperBound)")
            }
        }
        // The rare bad date gets CalendarDate's own explanation.
        do {
            _ = try CalendarDate(parsing: String(decoding: field, as: UTF8.self))
            return PBBFeedRowProblem("tanggal \(shown(field)) is not a date")
        } catch {
            return PBBFeedRowProblem("tanggal \(shown(field)): \(error.reason)")
        }
    }

    /// Whole rupiah: digits only (no sign, separator or decimals), below 10^18.
    private static func wholeRupiah(_ field: UnsafeRawBufferPointer, name: String) -> PBBFeedRowProblem? {
        guard !field.isEmpty, allDigits(field) else {
            return PBBFeedRowProblem("\(name) \(shown(field)) is not whole rupiah written with digits only (no sign, separators or decimals)")
        }
        let significant = field.drop { $0 == UInt8(ascii: "0") }.count
        guard significant <= 18 else { return PBBFeedRowProblem("\(name) \(shown(field)) is 10^18 or more") }
        return nil
    }

    private static func allDigits(_ bytes: UnsafeRawBufferPointer) -> Bool {
        for byte in bytes where byte &- UInt8(ascii: "0") > 9 { return false }
        return true
    }

    private static func number(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>? = nil) -> Int {
        var value = 0
        for index in range ?? 0..<bytes.count { value = value * 10 + Int(bytes[index] &- UInt8(ascii: "0")) }
        return value
    }

    private static func twoDigits(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }

    /// A field as quoted in a message, cut short if long.
    static func shown(_ bytes: UnsafeRawBufferPointer) -> String {
        let text = String(decoding: bytes.prefix(40), as: UTF8.self)
        return "\"" + text + (bytes.count > 40 ? "…" : "") + "\""
    }
}

/// Why a feed line is bad, in plain words.
public struct PBBFeedRowProblem: Error, Sendable, Hashable, CustomStringConvertible {
    public let reason: String
    public init(_ reason: String) { self.reason = reason }
    public var description: String { reason }
}

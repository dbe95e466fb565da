import RekapDomain

/// Reproducible synthetic PBB-P2 feeds over real kelurahan codes, for demos, tests and benchmarks.
///
/// The same regions, year, object count and seed always give the same bytes (``SplitMix64``).
/// Rows are produced one at a time and handed to a closure, so any size streams.
///
/// What the data looks like:
/// - objects spread over the kelurahan with weights of 0.5 to 1.5;
/// - NOPs `PP KK CCC DDD BBB NNNN K` from the kode wilayah (CCC = kecamatan, DDD = desa number:
///   the 4th segment's last 3 digits, plus 300 per kind, so kelurahan 1001 and desa 2001 differ);
/// - pokok from tens of thousands to a few millions of rupiah;
/// - per kelurahan a paying rate of 50-99 % of objects (1 in 10 kelurahan: 100 %, all objects lunas);
///   lunas objects pay in one payment, some in 2-3 instalments (now and then two equal ones on
///   the same day: identical rows); of the other objects some pay part;
/// - payments from March to December; after the 31 August due date a denda of 2 % a month started;
/// - a few orphan payments: NOPs in block 999, never assessed.
public struct PBBFeedGenerator: Sendable {
    public let kelurahan: [RegionCode]
    public let year: Int
    public let objects: Int
    public let seed: UInt64

    /// The last day without denda (jatuh tempo).
    public static let dueMonth = 8
    public static let dueDay = 31

    public init(kelurahan: [RegionCode], year: Int, objects: Int, seed: UInt64) {
        self.kelurahan = kelurahan.filter { $0.level == .desaKelurahan }.sorted()
        self.year = year
        self.objects = max(0, objects)
        self.seed = seed
    }

    /// The 18-digit NOP of object number `index` (0-based) in `kelurahan`; block 999 is never used
    /// by ``generate(_:)`` for assessed objects.
    public static func nop(kelurahan: RegionCode, block: Int, number: Int) -> String {
        let s = kelurahan.segments
        let village = s[3]
        let desa = (Int(String(village.first!))! - 1) * 300 + Int(village.dropFirst())!
        return s[0] + s[1] + "0" + s[2] + pad(desa, 3) + pad(block, 3) + pad(number, 4) + "0"
    }

    /// Calls `emit` with every line, headers first: ketetapan lines and pembayaran lines interleaved
    /// (each kind's lines in its file's order), without line ends.
    public func generate(_ emit: (PBBFeedKind, String) throws -> Void) rethrows {
        try emit(.ketetapan, PBBFeedKind.ketetapan.header)
        try emit(.pembayaran, PBBFeedKind.pembayaran.header)
        guard !kelurahan.isEmpty else { return }
        var random = SplitMix64(seed: seed)

        // Objects per kelurahan: proportional to a weight of 50-150, the remainder one each from the start.
        let weights = kelurahan.map { _ in random.within(50...150) }
        let totalWeight = weights.reduce(0, +)
        var counts = weights.map { objects * $0 / totalWeight }
        var left = objects - counts.reduce(0, +)
        var index = 0
        while left > 0 {
            counts[index % counts.count] += 1
            left -= 1
            index += 1
        }

        let tahun = String(year)
        for (code, count) in zip(kelurahan, counts) {
            let payingPercent = random.chance(10) ? 100 : random.within(50...99)
            for object in 0..<count {
                let nop = Self.nop(kelurahan: code, block: object / 1000 + 1, number: object % 1000 + 1)
                let pokok = pokokAmount(&random)
                try emit(.ketetapan, "\(nop),\(tahun),\(code.text),\(pokok)")
                for payment in payments(pokok: pokok, lunas: random.chance(payingPercent), &random) {
                    try emit(.pembayaran, "\(nop),\(tahun),\(payment.date),\(payment.pokok),\(payment.denda)")
                }
            }
            // Now and then a payment for an object the agency never assessed.
            if random.chance(20) {
                let nop = Self.nop(kelurahan: code, block: 999, number: random.within(1...9999))
                let payment = payments(pokok: pokokAmount(&random), lunas: true, &random)[0]
                try emit(.pembayaran, "\(nop),\(tahun),\(payment.date),\(payment.pokok),\(payment.denda)")
            }
        }
    }

    private struct Payment {
        var date: String
        var pokok: Int
        var denda: Int
    }

    private func pokokAmount(_ random: inout SplitMix64) -> Int {
        switch random.below(100) {
        case 0..<55: random.within(20_000...199_999)
        case 55..<90: random.within(200_000...1_999_999)
        default: random.within(2_000_000...9_999_999)
        }
    }

    private func payments(pokok: Int, lunas: Bool, _ random: inout SplitMix64) -> [Payment] {
        var parts: [Int]
        if lunas {
            switch random.below(100) {
            case 0..<85: parts = [pokok]
            case 85..<88: parts = [pokok / 2, pokok - pokok / 2]  // same day below: maybe identical rows
            default:
                let first = pokok * random.within(20...60) / 100
                parts = [first, pokok - first]
                if random.chance(40) {
                    let second = parts[1] * random.within(30...70) / 100
                    parts = [first, second, pokok - first - second]
                }
            }
        } else if random.chance(35) {
            parts = [pokok * random.within(10...90) / 100]
        } else {
            parts = []
        }
        let sameDay = parts.count == 2 && parts[0] == parts[1]
        var day = 0
        return parts.enumerated().map { index, amount in
            if index == 0 || !sameDay { day = max(day, paymentDay(&random)) }
            let (month, dayOfMonth) = monthAndDay(day)
            let monthsLate = month > Self.dueMonth ? month - Self.dueMonth : 0
            return Payment(date: "\(year)-\(Self.pad(month, 2))-\(Self.pad(dayOfMonth, 2))", pokok: amount,
                           denda: amount * 2 * monthsLate / 100)
        }
    }

    /// A day of the year (0 = 1 January), March to December, most before the due date.
    private func paymentDay(_ random: inout SplitMix64) -> Int {
        let march1 = dayOfYear(month: 3, day: 1)
        let due = dayOfYear(month: Self.dueMonth, day: Self.dueDay)
        let last = dayOfYear(month: 12, day: 31)
        if random.chance(85) {
            // Two draws, the later kept: payments crowd toward the due date.
            return max(random.within(march1...due), random.within(march1...due))
        }
        return random.within((due + 1)...last)
    }

    private func dayOfYear(month: Int, day: Int) -> Int {
        (1..<month).reduce(0) { $0 + CalendarDate.daysIn(month: $1, year: year) } + day - 1
    }

    private func monthAndDay(_ dayOfYear: Int) -> (Int, Int) {
        var rest = dayOfYear
        for month in 1...12 {
            let days = CalendarDate.daysIn(month: month, year: year)
            if rest < days { return (month, rest + 1) }
            rest -= days
        }
        return (12, 31)
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }
}

import RekapDomain

/// One kota or kabupaten and one year: the unit that aggregates are computed, queued and recomputed by.
public struct CityYear: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The level-2 region (kota or kabupaten), e.g. `14.72`.
    public let city: RegionCode
    public let year: Int

    /// The years the schema accepts (`CHECK (year BETWEEN 1900 AND 2999)`).
    public static let years = 1900...2999

    /// Checks that `city` is a level-2 code and `year` is in ``years``.
    public init(city: RegionCode, year: Int) throws(InvalidCityYear) {
        guard city.level == .kabupatenKota else {
            throw InvalidCityYear(reason: "\(city) is a \(city.level) code, not a kota or kabupaten (like 14.72)")
        }
        guard Self.years.contains(year) else {
            throw InvalidCityYear(reason: "the year \(year) is outside \(Self.years.lowerBound)...\(Self.years.upperBound)")
        }
        self.city = city
        self.year = year
    }

    /// Parses a city code text, e.g. from a command-line option or a notification payload.
    public init(city text: String, year: Int) throws(InvalidCityYear) {
        let code: RegionCode
        do {
            code = try RegionCode(parsing: text)
        } catch {
            throw InvalidCityYear(reason: error.description)
        }
        try self.init(city: code, year: year)
    }

    public static func < (lhs: CityYear, rhs: CityYear) -> Bool {
        (lhs.city, lhs.year) < (rhs.city, rhs.year)
    }

    public var description: String { "\(city) \(year)" }
}

/// Why a city and year cannot be consolidated.
public struct InvalidCityYear: Error, Sendable, Hashable, CustomStringConvertible {
    public let reason: String
    public var description: String { reason }
}

import Foundation
import Hummingbird
import HummingbirdCore
import RekapDomain
import RekapStore

/// The query of the dashboard's pages: `year` (default: the newest year with aggregates) and the PBB-P2
/// `as_of` day (empty or absent: the last payment); for the event stream also `city`.
struct DashboardQuery: Sendable, Hashable {
    /// A query parameter that cannot be used, named with the reason.
    struct Invalid: Error, Sendable, Hashable, CustomStringConvertible {
        let description: String
    }

    var year: Int?
    var asOf: CalendarDate?

    init(_ parameters: FlatDictionary<Substring, Substring>) throws(Invalid) {
        year = try Self.year(parameters["year"])
        if let text = parameters["as_of"], !text.isEmpty {
            do throws(CalendarDate.Invalid) {
                asOf = try CalendarDate(parsing: String(text))
            } catch {
                throw Invalid(description: "as_of: \(error.description) (expected YYYY-MM-DD)")
            }
        }
    }

    static func year(_ text: Substring?) throws(Invalid) -> Int? {
        guard let text, !text.isEmpty else { return nil }
        guard let year = Int(text), CityYear.years.contains(year) else {
            throw Invalid(description: "year: \"\(text)\" is not a year from \(CityYear.years.lowerBound) to \(CityYear.years.upperBound)")
        }
        return year
    }

    /// `city` and `year` of the event stream, both required.
    static func eventTarget(_ parameters: FlatDictionary<Substring, Substring>) throws(Invalid) -> CityYear {
        guard let cityText = parameters["city"], let year = try year(parameters["year"]) else {
            throw Invalid(description: "the event stream needs ?city=CODE&year=YYYY")
        }
        do throws(InvalidCityYear) {
            return try CityYear(city: String(cityText), year: year)
        } catch {
            throw Invalid(description: "city: \(error.reason)")
        }
    }
}

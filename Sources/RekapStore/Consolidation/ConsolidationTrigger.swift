import PostgresLibPQ
import RekapDomain

/// The notifications that make city aggregates stale, and which cities and years each one names.
///
/// - `rekap_submission`, sent when a submission is stored:
///   `{"submission_id":42,"region":"14.72.02","city":"14.72","year":2023,"period":"FY","revision":1}`
///   (`city` may be left out: it is then the region's kota or kabupaten).
/// - `rekap_pbb_load`, sent when PBB-P2 feeds are loaded: `{"cities":["14.72"],"years":[2023]}`, every
///   city in every year listed.
public enum ConsolidationTrigger {
    public static let submissionChannel = "rekap_submission"
    public static let pbbLoadChannel = "rekap_pbb_load"
    /// Every channel `rekapd` listens on.
    public static let channels = [submissionChannel, pbbLoadChannel]

    /// More cities × years than this in one PBB notification is refused, so a bad payload cannot
    /// flood the queue.
    public static let maximumTargets = 1000

    /// The cities and years `notification` says are stale, and why (for the job's `reason`).
    public static func targets(of notification: PGNotification) throws(InvalidTrigger) -> (targets: [CityYear], reason: String) {
        try targets(channel: notification.channel, payload: notification.payload)
    }

    /// The cities and years a notification on `channel` with `payload` says are stale, and why.
    public static func targets(channel: String, payload text: String) throws(InvalidTrigger) -> (targets: [CityYear], reason: String) {
        let payload: JSONValue
        do {
            payload = try JSONParser().parse(text)
        } catch {
            throw InvalidTrigger(channel: channel, reason: "the payload is not JSON: \(error)")
        }
        switch channel {
        case submissionChannel:
            return try submissionTargets(payload)
        case pbbLoadChannel:
            return try pbbTargets(payload)
        default:
            throw InvalidTrigger(channel: channel, reason: "not a channel rekap consolidates on")
        }
    }

    private static func submissionTargets(_ payload: JSONValue) throws(InvalidTrigger) -> ([CityYear], String) {
        func fail(_ reason: String) -> InvalidTrigger { InvalidTrigger(channel: submissionChannel, reason: reason) }
        let year = try integer(payload["year"], "/year", channel: submissionChannel)
        let cityText: String
        if case .string(let city)? = payload["city"] {
            cityText = city
        } else if case .string(let region)? = payload["region"] {
            guard let code = try? RegionCode(parsing: region), let city = code.ancestor(at: .kabupatenKota) else {
                throw fail("/region \"\(region)\" is not a region code inside a kota or kabupaten")
            }
            cityText = city.text
        } else {
            throw fail("/city (or /region) is missing or not a string")
        }
        let target: CityYear
        do {
            target = try CityYear(city: cityText, year: year)
        } catch {
            throw fail(error.reason)
        }
        let id: String
        switch payload["submission_id"] {
        case .number(let n)?: id = n
        case .string(let s)?: id = s
        default: id = "?"
        }
        return ([target], "submission \(id)")
    }

    private static func pbbTargets(_ payload: JSONValue) throws(InvalidTrigger) -> ([CityYear], String) {
        func fail(_ reason: String) -> InvalidTrigger { InvalidTrigger(channel: pbbLoadChannel, reason: reason) }
        guard case .array(let cityValues)? = payload["cities"] else { throw fail("/cities is missing or not an array") }
        guard case .array(let yearValues)? = payload["years"] else { throw fail("/years is missing or not an array") }
        guard cityValues.count * yearValues.count <= maximumTargets else {
            throw fail("\(cityValues.count) cities × \(yearValues.count) years is more than \(maximumTargets) recomputes")
        }
        var years: [Int] = []
        for (i, value) in yearValues.enumerated() {
            years.append(try integer(value, "/years/\(i)", channel: pbbLoadChannel))
        }
        var targets: [CityYear] = []
        for (i, value) in cityValues.enumerated() {
            guard case .string(let city) = value else { throw fail("/cities/\(i) is not a string") }
            for year in years {
                do {
                    targets.append(try CityYear(city: city, year: year))
                } catch {
                    throw fail("/cities/\(i): \(error.reason)")
                }
            }
        }
        return (Array(Set(targets)).sorted(), "pbb load")
    }

    private static func integer(_ value: JSONValue?, _ pointer: String, channel: String) throws(InvalidTrigger) -> Int {
        guard case .number(let text)? = value, let n = Int(text) else {
            throw InvalidTrigger(channel: channel, reason: "\(pointer) is missing or not a whole number")
        }
        return n
    }
}

/// A notification on a trigger channel whose payload cannot be understood; it is logged and skipped.
public struct InvalidTrigger: Error, Sendable, Hashable, CustomStringConvertible {
    public let channel: String
    public let reason: String
    public var description: String { "a \(channel) notification was ignored: \(reason)" }
}

import PostgresLibPQ
import RekapDomain

/// The notifications that make city aggregates stale, and which cities and years each one names.
///
/// - `rekap_submission` (``SubmissionNotification``), sent when a submission is stored:
///   `{"submission_id":42,"region":"14.72.02","city":"14.72","year":2023,"period":"FY","revision":1}`:
///   the region's kota or kabupaten in that year.
/// - `rekap_pbb_load` (``PBBFeedLoader/channel``), sent when PBB-P2 feeds are loaded:
///   `{"cities":["14.72"],"years":[2023]}`: every city in every year listed.
/// - `rekap_plan` (``PlanNotification``), sent when a Renstra or PK is stored: its city in every year
///   the document covers (the city report shows plan targets beside the reported ones).
public enum ConsolidationTrigger {
    public static let submissionChannel = SubmissionNotification.channel
    public static let pbbLoadChannel = PBBFeedLoader.channel
    public static let planChannel = PlanNotification.channel
    /// Every channel `rekapd` listens on.
    public static let channels = [submissionChannel, pbbLoadChannel, planChannel]

    /// More cities × years than this in one PBB notification is refused, so a bad payload cannot
    /// flood the queue.
    public static let maximumTargets = 1000

    /// The cities and years `notification` says are stale, and why (for the job's `reason`).
    public static func targets(of notification: PGNotification) throws(InvalidTrigger) -> (targets: [CityYear], reason: String) {
        try targets(channel: notification.channel, payload: notification.payload)
    }

    /// The cities and years a notification on `channel` with `payload` says are stale, and why.
    public static func targets(channel: String, payload text: String) throws(InvalidTrigger) -> (targets: [CityYear], reason: String) {
        switch channel {
        case submissionChannel:
            return try submissionTargets(text)
        case planChannel:
            let named: (city: String, years: ClosedRange<Int>)
            do {
                named = try PlanNotification.decode(text)
            } catch {
                throw InvalidTrigger(channel: planChannel, reason: error.reason)
            }
            var targets: [CityYear] = []
            for year in named.years {
                do {
                    targets.append(try CityYear(city: named.city, year: year))
                } catch {
                    throw InvalidTrigger(channel: planChannel, reason: "city \(named.city): \(error.reason)")
                }
            }
            return (targets, "plan document")
        case pbbLoadChannel:
            let payload: JSONValue
            do {
                payload = try JSONParser().parse(text)
            } catch {
                throw InvalidTrigger(channel: channel, reason: "the payload is not JSON: \(error)")
            }
            return try pbbTargets(payload)
        default:
            throw InvalidTrigger(channel: channel, reason: "not a channel rekap consolidates on")
        }
    }

    private static func submissionTargets(_ text: String) throws(InvalidTrigger) -> ([CityYear], String) {
        let revision: SubmissionRevision
        do {
            revision = try SubmissionNotification.decode(text)
        } catch {
            throw InvalidTrigger(channel: submissionChannel, reason: error.reason)
        }
        do {
            return ([try CityYear(city: revision.city, year: revision.year)], "submission \(revision.id)")
        } catch {
            throw InvalidTrigger(channel: submissionChannel, reason: "region \(revision.region): \(error.reason)")
        }
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
            years.append(try integer(value, "/years/\(i)"))
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

    private static func integer(_ value: JSONValue?, _ pointer: String) throws(InvalidTrigger) -> Int {
        guard case .number(let text)? = value, let n = Int(text) else {
            throw InvalidTrigger(channel: pbbLoadChannel, reason: "\(pointer) is missing or not a whole number")
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

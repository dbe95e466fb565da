import RekapDomain

/// The `NOTIFY` sent when a revision is stored, in the same transaction, so listeners hear of it only
/// once it is committed (and never for a rejection or an unchanged resubmission).
///
/// Payload, compact JSON:
/// `{"submission_id":17,"region":"14.72.02","city":"14.72","year":2023,"period":"FY","revision":2}`
public enum SubmissionNotification {
    /// The channel to `LISTEN` on, e.g. `client.notifications(channels: [SubmissionNotification.channel])`.
    public static let channel = "rekap_submission"

    /// The payload for a stored revision.
    public static func payload(_ revision: SubmissionRevision) -> String {
        JSONWriter.string(.object([
            JSONMember(key: "submission_id", value: .number(String(revision.id))),
            JSONMember(key: "region", value: .string(revision.region.text)),
            JSONMember(key: "city", value: .string(revision.city.text)),
            JSONMember(key: "year", value: .number(String(revision.year))),
            JSONMember(key: "period", value: .string(revision.period.rawValue)),
            JSONMember(key: "revision", value: .number(String(revision.revision))),
        ]), indent: nil)
    }

    /// Reads a payload back; throws ``InvalidPayload`` naming what is wrong.
    public static func decode(_ payload: String) throws(InvalidPayload) -> SubmissionRevision {
        let document: JSONValue
        do {
            document = try JSONParser().parse(payload)
        } catch {
            throw InvalidPayload(reason: "not JSON: \(error)")
        }
        func integer(_ key: String) throws(InvalidPayload) -> Int {
            guard case .number(let text)? = document[key], let value = Int(text) else {
                throw InvalidPayload(reason: "\"\(key)\" is missing or not an integer")
            }
            return value
        }
        func string(_ key: String) throws(InvalidPayload) -> String {
            guard case .string(let text)? = document[key] else { throw InvalidPayload(reason: "\"\(key)\" is missing or not a string") }
            return text
        }
        let regionText = try string("region"), periodText = try string("period")
        guard let region = RegionCode(regionText) else { throw InvalidPayload(reason: "\"\(regionText)\" is not a region code") }
        guard let period = Period(rawValue: periodText) else { throw InvalidPayload(reason: "\"\(periodText)\" is not a period") }
        return SubmissionRevision(id: Int64(try integer("submission_id")), region: region, year: try integer("year"),
                                  period: period, revision: try integer("revision"))
    }

    /// A payload that is not one this version of rekap sends.
    public struct InvalidPayload: Error, Sendable, Hashable, CustomStringConvertible {
        public let reason: String
        public var description: String { "invalid \(SubmissionNotification.channel) payload: \(reason)" }
    }
}

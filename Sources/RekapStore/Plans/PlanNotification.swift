import RekapDomain

/// The `NOTIFY` sent when a plan document revision is stored, in the same transaction (so listeners
/// hear of it only once committed; never for a rejection or an unchanged resubmission).
///
/// Payload, compact JSON:
/// `{"plan_id":18,"region":"14.72.02","city":"14.72","kind":"pk_murni","from":2023,"to":2023,"revision":1}`.
/// `rekapd` recomputes the city for every year from `from` to `to` (``ConsolidationTrigger``).
public enum PlanNotification {
    /// The channel to `LISTEN` on.
    public static let channel = "rekap_plan"

    /// The payload for a stored revision.
    public static func payload(_ revision: PlanRevision) -> String {
        JSONWriter.string(.object([
            JSONMember(key: "plan_id", value: .number(String(revision.id))),
            JSONMember(key: "region", value: .string(revision.region.text)),
            JSONMember(key: "city", value: .string(revision.city.text)),
            JSONMember(key: "kind", value: .string(revision.kind.rawValue)),
            JSONMember(key: "from", value: .number(String(revision.from))),
            JSONMember(key: "to", value: .number(String(revision.to))),
            JSONMember(key: "revision", value: .number(String(revision.revision))),
        ]), indent: nil)
    }

    /// The city and the years a payload names; throws ``SubmissionNotification/InvalidPayload`` naming
    /// what is wrong.
    public static func decode(_ payload: String) throws(SubmissionNotification.InvalidPayload) -> (city: String, years: ClosedRange<Int>) {
        let document: JSONValue
        do {
            document = try JSONParser().parse(payload)
        } catch {
            throw .init(reason: "not JSON: \(error)")
        }
        func integer(_ key: String) throws(SubmissionNotification.InvalidPayload) -> Int {
            guard case .number(let text)? = document[key], let value = Int(text) else {
                throw .init(reason: "\"\(key)\" is missing or not an integer")
            }
            return value
        }
        guard case .string(let city)? = document["city"] else { throw .init(reason: "\"city\" is missing or not a string") }
        let from = try integer("from"), to = try integer("to")
        guard from <= to, to - from <= Renstra.maximumSpan else { throw .init(reason: "years \(from)–\(to) are not a plan's period") }
        return (city, from...to)
    }
}

import PostgresLibPQ
import RekapDomain

/// Every accepted revision of every region's report: checks a document against the contract and the
/// region registry, and stores it whole in one transaction, or not at all.
///
/// ```swift
/// let store = SubmissionStore(client: client)
/// switch try await store.submit(bytes: bytes) {
/// case .rejected(let problems): …                       // nothing stored
/// case .stored(let revision, let findings, let summary): … // revision.id, revision.revision
/// case .unchanged(let revision): …                      // byte-identical to revision.revision
/// }
/// ```
///
/// A stored revision is announced on ``SubmissionNotification/channel`` when its transaction commits.
public struct SubmissionStore: Sendable {
    public let client: PGClient
    /// Checks every document; its `knownRegion` is replaced by the registry's answer on each submit.
    public var checker: SubmissionChecker
    /// The API token's scope the submission is made under, or nil for the trusted CLI path. When set,
    /// the write runs as `rekap_api` inside this scope, so row-level security checks every row, and
    /// a region outside it is refused with ``SubmissionStoreError/notAllowed(region:scope:)``.
    public var scope: AccessScope?

    public init(client: PGClient, checker: SubmissionChecker = SubmissionChecker(), scope: AccessScope? = nil) {
        self.client = client
        self.checker = checker
        self.scope = scope
    }

    /// Checks `bytes` and, when accepted, stores them as the next revision of their region, year and period.
    ///
    /// Rejected when the document breaks the contract (contract §1), names a region the registry does
    /// not know, or names a kelurahan outside the submitting region. Unchanged when the same bytes are
    /// already stored for that region, year and period. Throws ``SubmissionStoreError/notAllowed(region:scope:)``
    /// when ``scope`` is set and does not cover the document's region, and otherwise only for database
    /// failures; then nothing is stored.
    public func submit(bytes: some Collection<UInt8>) async throws -> SubmitOutcome {
        try await submit(bytes: bytes, before: nil, after: nil)
    }

    /// What ``submit(bytes:)`` would answer about `bytes`, stored nothing: the same parse, registry
    /// look-up and checks (the web form's Periksa runs exactly what `POST /v1/submissions` runs).
    public func check(bytes: some Collection<UInt8>) async throws -> CheckResult {
        let bytes = Array(bytes)
        let document: JSONValue
        switch checker.parse(bytes) {
        case .success(let value): document = value
        case .failure(let problem): return .rejected([problem])
        }
        return try await checkerKnowingRegions(of: document).check(document)
    }

    /// ``submit(bytes:)``, with work of the caller's in the same transaction (inside ``scope``):
    /// `before` runs before the revision is written (it may throw to store nothing, e.g. a form's
    /// one-time send token already used), `after` once it is written (e.g. who sent it). Neither runs
    /// for a rejected document; `after` runs for a stored revision only.
    public func submit(
        bytes: some Collection<UInt8>,
        before: (@Sendable (PGConnection) throws -> Void)?,
        after: (@Sendable (PGConnection, SubmissionRevision) throws -> Void)?
    ) async throws -> SubmitOutcome {
        let bytes = Array(bytes)
        let document: JSONValue
        switch checker.parse(bytes) {
        case .success(let value): document = value
        case .failure(let problem): return .rejected([problem])
        }
        let checker = try await checkerKnowingRegions(of: document)
        switch checker.check(document) {
        case .rejected(let problems):
            return .rejected(problems)
        case .accepted(let submission, let findings, let summary, _):
            let writer = SubmissionWriter(submission: submission, findings: findings, summary: summary, document: bytes)
            let scope = self.scope
            let written: SubmissionWriter.Written
            do {
                written = try await client.withTransaction { conn in
                    if let scope { try conn.enterAccessScope(scope) }
                    try before?(conn)
                    let written = try writer.write(on: conn)
                    if case .stored(let revision) = written { try after?(conn, revision) }
                    return written
                }
            } catch let error as PGError where error.sqlState == .insufficientPrivilege {
                // Row-level security refused a row, as AccessScope says it must: the region is outside the
                // token's scope. A refusal the Swift rule does not expect (a missing grant, the two rules
                // disagreeing) is a fault, reported as the database's own error.
                if let scope, !scope.maySubmit(for: submission.region) {
                    throw SubmissionStoreError.notAllowed(region: submission.region, scope: scope)
                }
                throw error
            }
            switch written {
            case .stored(let revision): return .stored(revision, findings: findings, summary: summary)
            case .unchanged(let revision): return .unchanged(revision)
            }
        }
    }

    /// ``checker`` knowing the registry's regions under the document's own region.
    private func checkerKnowingRegions(of document: JSONValue) async throws -> SubmissionChecker {
        var checker = self.checker
        if case .string(let text)? = document["region"], let scope = RegionCode(text), scope.level >= .kecamatan {
            // Everything a valid document names lies within its region, so the registry's codes under
            // it are all the checker needs. Codes outside it are already out-of-scope problems; they
            // are not reported a second time as unknown.
            let known = try await knownCodes(within: scope)
            checker.knownRegion = { code in !code.isWithin(scope) || known.contains(code.text) }
        }
        return checker
    }

    /// The codes of `region` and every region under it in the registry, in one query.
    private func knownCodes(within region: RegionCode) async throws -> Set<String> {
        let rows = try await client.query(RegionRegistry.descendantsQuery(of: region, level: nil, columns: "code", includingSelf: true))
        return Set(try rows.map { try $0.decode(String.self, at: 0) })
    }
}

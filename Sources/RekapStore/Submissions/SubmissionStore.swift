import PostgresLibPQ
import RekapDomain

/// Every accepted revision of every region's report (and, through ``submitDocument(bytes:)``, of its
/// plan documents): checks a document against the contract and the region registry, and stores it whole
/// in one transaction with the findings across documents it changes, or not at all.
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
/// A stored revision is announced on ``SubmissionNotification/channel`` (a plan document on
/// ``PlanNotification/channel``) when its transaction commits.
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
        let bytes = Array(bytes)
        let document: JSONValue
        switch checker.parse(bytes) {
        case .success(let value): document = value
        case .failure(let problem): return .rejected([problem])
        }
        let checker = try await registryChecker(for: document)
        return try await store(checker.check(document), bytes: bytes).outcome
    }

    /// Checks a document of any format the contract defines (`DocumentChecker`: `format` decides
    /// whether it is a report, a Renstra or a PK) and, when accepted, stores it as the next revision of
    /// its key, then recomputes the findings across documents of its region and year(s) in the same
    /// transaction (contract §1.3).
    ///
    /// The same rules as ``submit(bytes:)``: rejected with every problem and nothing stored; unchanged
    /// when byte-identical to the latest revision; ``SubmissionStoreError/notAllowed(region:scope:)``
    /// when ``scope`` does not cover the document's region.
    public func submitDocument(bytes: some Collection<UInt8>) async throws -> DocumentSubmitOutcome {
        let bytes = Array(bytes)
        let document: JSONValue
        switch checker.parse(bytes) {
        case .success(let value): document = value
        case .failure(let problem): return .report(.rejected([problem]), crossFindings: [])
        }
        let checker = try await registryChecker(for: document)
        switch DocumentChecker(submissions: checker).check(document) {
        case .submission(let result):
            let stored = try await store(result, bytes: bytes)
            return .report(stored.outcome, crossFindings: stored.crossFindings)
        case .planRejected(let problems):
            return .plan(.rejected(problems))
        case .planAccepted(let plan, let findings, _):
            return .plan(try await store(plan, findings: findings, bytes: bytes))
        }
    }

    /// The checker with `knownRegion` answered by the registry for the document's region.
    private func registryChecker(for document: JSONValue) async throws -> SubmissionChecker {
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

    /// Stores a checked report and re-evaluates the cross findings its region and year(s) have.
    private func store(_ result: CheckResult, bytes: [UInt8]) async throws -> (outcome: SubmitOutcome, crossFindings: [StoredCrossFinding]) {
        switch result {
        case .rejected(let problems):
            return (.rejected(problems), [])
        case .accepted(let submission, let findings, let summary, _):
            let writer = SubmissionWriter(submission: submission, findings: findings, summary: summary, document: bytes)
            let written = try await inScope(region: submission.region) { conn -> (SubmissionWriter.Written, [StoredCrossFinding]) in
                let written = try writer.write(on: conn)
                guard case .stored(let revision) = written else { return (written, []) }
                let cross = try CrossFindingEvaluation().evaluate(region: submission.region,
                                                                  years: CrossFindingEvaluation.years(of: submission), on: conn)
                return (written, cross.filter { $0.subject.id == revision.id || $0.against.id == revision.id })
            }
            switch written.0 {
            case .stored(let revision): return (.stored(revision, findings: findings, summary: summary), written.1)
            case .unchanged(let revision): return (.unchanged(revision), [])
            }
        }
    }

    /// Stores an accepted plan document and re-evaluates the cross findings of each year it covers.
    private func store(_ plan: PlanDocument, findings: [Finding], bytes: [UInt8]) async throws -> PlanSubmitOutcome {
        let writer = PlanWriter(plan: plan, findings: findings, document: bytes)
        let written = try await inScope(region: plan.region) { conn -> (PlanWriter.Written, [StoredCrossFinding]) in
            let written = try writer.write(on: conn)
            guard case .stored(let revision) = written else { return (written, []) }
            let cross = try CrossFindingEvaluation().evaluate(region: plan.region, years: Array(revision.years), on: conn)
            return (written, cross.filter { $0.subject.id == revision.id || $0.against.id == revision.id })
        }
        switch written.0 {
        case .stored(let revision): return .stored(revision, document: plan, findings: findings, crossFindings: written.1)
        case .unchanged(let revision): return .unchanged(revision)
        }
    }

    /// Runs a write in one transaction, inside ``scope`` when set; a row-level security refusal of a
    /// region outside the scope becomes ``SubmissionStoreError/notAllowed(region:scope:)``.
    private func inScope<T: Sendable>(region: RegionCode, _ body: @escaping @Sendable (PGConnection) throws -> T) async throws -> T {
        let scope = self.scope
        do {
            return try await client.withTransaction { conn in
                if let scope { try conn.enterAccessScope(scope) }
                return try body(conn)
            }
        } catch let error as PGError where error.sqlState == .insufficientPrivilege {
            // Row-level security refused a row, as AccessScope says it must: the region is outside the
            // token's scope. A refusal the Swift rule does not expect (a missing grant, the two rules
            // disagreeing) is a fault, reported as the database's own error.
            if let scope, !scope.maySubmit(for: region) {
                throw SubmissionStoreError.notAllowed(region: region, scope: scope)
            }
            throw error
        }
    }

    /// The codes of `region` and every region under it in the registry, in one query.
    private func knownCodes(within region: RegionCode) async throws -> Set<String> {
        let rows = try await client.query(RegionRegistry.descendantsQuery(of: region, level: nil, columns: "code", includingSelf: true))
        return Set(try rows.map { try $0.decode(String.self, at: 0) })
    }
}

import Foundation

/// The outcome of checking any document rekap accepts.
public enum DocumentCheckResult: Sendable {
    /// A `rekap.submission/v1` report, checked by `SubmissionChecker`.
    case submission(CheckResult)
    /// A plan document rejected: nothing may be stored; every problem found.
    case planRejected([Problem])
    /// A plan document accepted, with its findings and the region codes it names (for the registry).
    case planAccepted(PlanDocument, findings: [Finding], regions: [RegionReference])

    /// The problems of a rejection, of either kind.
    public var problems: [Problem] {
        switch self {
        case .submission(let result): result.problems
        case .planRejected(let problems): problems
        case .planAccepted: []
        }
    }
}

/// The format dispatcher: reads `format` and checks the document as a report, a Renstra or a PK
/// (contract §1.2: the same CLI command and API route take all three).
public struct DocumentChecker: Sendable {
    /// The formats this library reads, by `format` value.
    public static let formats = [Submission.formatV1, Renstra.formatV1, PerjanjianKinerja.formatV1]

    public var submissions: SubmissionChecker
    public var planRules: PlanFindingRules

    public init(submissions: SubmissionChecker = SubmissionChecker(), planRules: PlanFindingRules = PlanFindingRules()) {
        self.submissions = submissions
        self.planRules = planRules
    }

    /// Checks the raw bytes of a document of any kind.
    public func check(_ bytes: some Collection<UInt8>) -> DocumentCheckResult {
        switch submissions.parse(bytes) {
        case .success(let document): check(document)
        case .failure(let problem): .submission(.rejected([problem]))
        }
    }

    /// Checks an already parsed document: `format` decides the kind.
    public func check(_ document: JSONValue) -> DocumentCheckResult {
        switch document["format"] {
        case .string(Renstra.formatV1)?:
            let outcome = RenstraDecoder.decode(document)
            let problems = outcome.problems + submissions.unknownRegions(in: outcome.regions)
            guard problems.isEmpty, let renstra = outcome.document else { return .planRejected(problems) }
            return .planAccepted(.renstra(renstra), findings: planRules.findings(for: renstra, unknownKeys: outcome.unknownKeys),
                                 regions: outcome.regions)
        case .string(PerjanjianKinerja.formatV1)?:
            let outcome = PKDecoder.decode(document)
            let problems = outcome.problems + submissions.unknownRegions(in: outcome.regions)
            guard problems.isEmpty, let pk = outcome.document else { return .planRejected(problems) }
            return .planAccepted(.pk(pk), findings: planRules.findings(for: pk, unknownKeys: outcome.unknownKeys), regions: outcome.regions)
        case .string(let format)? where !Self.formats.contains(format):
            return .planRejected([Problem(.unknownFormat, at: .root / "format",
                                          "unknown format \"\(format)\"; this rekap reads \(Self.formats.map { "\"\($0)\"" }.joined(separator: ", "))")])
        default:
            // A report, or no usable `format`: the submission checker says what is wrong.
            return .submission(submissions.check(document))
        }
    }
}

extension SubmissionChecker {
    /// An `unknown-region` problem for each named code the registry (`knownRegion`) does not know.
    func unknownRegions(in regions: [RegionReference]) -> [Problem] {
        guard let knownRegion else { return [] }
        return regions.filter { !knownRegion($0.code) }
            .map { Problem(.unknownRegion, at: $0.pointer, "\($0.code) is not a known region code") }
    }
}

import Foundation

/// The outcome of checking a submission.
public enum CheckResult: Sendable {
    /// Nothing may be stored; the problems found in the order the decoder met them, the first
    /// ``SubmissionLimits/listedProblems`` of them and then one ``Problem/Kind/moreProblems``
    /// problem counting the rest (see ``ProblemList``; `[Problem].total` counts them all).
    case rejected([Problem])
    /// Store it whole, with its findings; `regions` lists every region code it names (submitting region first).
    case accepted(Submission, findings: [Finding], summary: SubmissionSummary, regions: [RegionReference])

    public var problems: [Problem] {
        if case .rejected(let problems) = self { return problems }
        return []
    }

    public var isAccepted: Bool {
        if case .accepted = self { return true }
        return false
    }
}

/// The entry point: bytes of a submission → rejected with problems, or accepted with findings and figures.
///
/// Without a database, region codes are checked for shape and scope only. A caller holding the region
/// registry passes `knownRegion`; every named code it does not know becomes an `unknown-region`
/// problem at the place it was named. Example from the storage layer:
///
/// ```swift
/// let known = try store.regionCodes()          // Set<RegionCode>
/// switch SubmissionChecker(knownRegion: { known.contains($0) }).check(bytes) { … }
/// ```
public struct SubmissionChecker: Sendable {
    public var knownRegion: (@Sendable (RegionCode) -> Bool)?
    public var rules: FindingRules
    public var predikat: Scale
    public var peringkat: Scale
    public var parser: JSONParser

    public init(knownRegion: (@Sendable (RegionCode) -> Bool)? = nil, rules: FindingRules = FindingRules(),
                predikat: Scale = .predikatCapaian, peringkat: Scale = .permendagri86) {
        self.knownRegion = knownRegion
        self.rules = rules
        self.predikat = predikat
        self.peringkat = peringkat
        self.parser = JSONParser()
    }

    /// Checks the raw bytes of a submission document.
    public func check(_ bytes: some Collection<UInt8>) -> CheckResult {
        switch parse(bytes) {
        case .success(let document): check(document)
        case .failure(let problem): .rejected([problem])
        }
    }

    /// The first step of checking bytes: UTF-8 and JSON syntax, as one problem at the whole document
    /// (or at a duplicated key). A caller that must look at the document before checking it (the storage
    /// layer reads `region` to load the registry codes it needs) parses with this and then calls
    /// `check(_:)` on the value, so the bytes are parsed once.
    public func parse(_ bytes: some Collection<UInt8>) -> Result<JSONValue, Problem> {
        let bytes = Array(bytes)
        if bytes.isEmpty { return .failure(Problem(.empty, at: .root, "the file is empty; expected a JSON object")) }
        if let bad = UTF8Validation.firstInvalidOffset(in: bytes) {
            return .failure(Problem(.notUTF8, at: .root, "the file is not valid UTF-8: byte 0x\(String(bytes[bad], radix: 16, uppercase: true)) at offset \(bad) does not start a valid character (save it as UTF-8)"))
        }
        do {
            return .success(try parser.parse(bytes))
        } catch {
            if error.kind == .duplicateKey {
                return .failure(Problem(.duplicateKey, at: error.pointer, "\(error.reason) (\(location(error)))"))
            }
            if error.kind == .tooManyItems {
                return .failure(Problem(.tooMany, at: error.pointer, "\(error.reason) (\(location(error)))"))
            }
            let kind: Problem.Kind = error.kind == .empty ? .empty : .syntax
            let inside = error.pointer.tokens.isEmpty ? "" : ", inside \(error.pointer)"
            return .failure(Problem(kind, at: .root, "not valid JSON: \(error.reason) (\(location(error))\(inside))"))
        }
    }

    /// Checks an already parsed document.
    public func check(_ document: JSONValue) -> CheckResult {
        let outcome = SubmissionDecoder.decode(document)
        var problems = outcome.problems
        if let knownRegion {
            for reference in outcome.regions where !knownRegion(reference.code) {
                problems.append(Problem(.unknownRegion, at: reference.pointer, "\(reference.code) is not a known region code"))
            }
        }
        guard problems.isEmpty, let submission = outcome.submission else {
            return .rejected(problems.listed)
        }
        let findings = rules.findings(for: submission, unknownKeys: outcome.unknownKeys,
                                      omittedUnknownKeys: outcome.omittedUnknownKeys)
        let summary = SubmissionSummary(submission, predikat: predikat, peringkat: peringkat)
        return .accepted(submission, findings: findings, summary: summary, regions: outcome.regions)
    }

    private func location(_ error: JSONParseError) -> String {
        "line \(error.line), column \(error.column)"
    }
}

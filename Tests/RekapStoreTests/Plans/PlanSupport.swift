import Foundation
import PostgresLibPQ
import RekapDomain
import RekapStore
import RekapTestSupport

/// The seed's plan documents and helpers for the plan store's tests.
enum PlanFixtures {
    static let renstra = "plans/14.72.02-renstra-2022-2026.json"
    static let pkMurni = "plans/14.72.02-pk-murni-2023.json"
    static let pkPerubahan = "plans/14.72.02-pk-perubahan-2023.json"

    static func bytes(_ file: String) throws -> [UInt8] { try SubmissionFixtures.bytes(file) }

    /// `file` with one text replaced (it must occur exactly once).
    static func bytes(_ file: String, replacing old: String, with new: String) throws -> [UInt8] {
        let text = String(decoding: try bytes(file), as: UTF8.self)
        guard text.components(separatedBy: old).count == 2 else { throw SubmissionFixtures.FixtureError.notOnce(old) }
        return Array(text.replacingOccurrences(of: old, with: new).utf8)
    }

    /// The cross findings the seed's four documents (LKjIP 2023, Renstra 2022–2026, PK murni and
    /// perubahan 2023 of Dumai Timur) produce, as `rule subject/pointer ↔ against/pointer` with the
    /// documents named by kind: every inconsistency the issue lists (the murni PK total and the
    /// efficiency table are the documents' own findings).
    static let seedCrossFindings: Set<String> = [
        "plan.pk-target-vs-report FY/indicators/0/target ↔ pk_murni/indicators/0/target",
        "plan.pk-vs-renstra pk_murni/indicators/0/target ↔ renstra/indicators/1/targets/2023",
        "plan.renstra-end-vs-report FY/indicators/0/renstra_target ↔ renstra/indicators/1/targets/2026",
        "plan.pk-iku-not-in-report pk_perubahan/indicators/0 ↔ FY/indicators",
        "plan.pk-iku-not-in-report pk_perubahan/indicators/1 ↔ FY/indicators",
        "plan.pk-iku-not-in-report pk_perubahan/indicators/2 ↔ FY/indicators",
        "plan.iku-not-in-pk FY/indicators/0 ↔ pk_perubahan/indicators",
        "plan.iku-not-in-pk FY/indicators/1 ↔ pk_perubahan/indicators",
        "plan.iku-not-in-pk FY/indicators/2 ↔ pk_perubahan/indicators",
        "plan.pk-vs-budget pk_murni/programs/2/anggaran ↔ FY/budget/programs/2/pagu_murni",
        "plan.pk-vs-budget pk_perubahan/programs/1/anggaran ↔ FY/budget/programs/2/pagu",
        "plan.program-not-in-pk FY/budget/programs/0/pagu_murni ↔ pk_murni/programs",
        "plan.program-not-in-pk FY/budget/programs/0/pagu ↔ pk_perubahan/programs",
    ]

    /// A finding as `rule kind/pointer ↔ kind/pointer` (the kind a report's period or a plan kind).
    static func described(_ stored: StoredCrossFinding) -> String {
        func kind(_ place: DocumentPlace) -> String {
            switch place.document.kind {
            case .report(let period): period.rawValue
            case .renstra: "renstra"
            case .pk(let kind): "pk_\(kind.rawValue)"
            }
        }
        return "\(stored.finding.rule) \(kind(stored.finding.subject))\(stored.finding.subject.pointer) ↔ \(kind(stored.finding.against))\(stored.finding.against.pointer)"
    }

    static let dumai = RegionCode("14.72")!
    static let dumaiTimur = RegionCode("14.72.02")!
}

extension DocumentSubmitOutcome {
    var storedPlan: PlanRevision? {
        if case .plan(.stored(let revision, _, _, _)) = self { return revision }
        return nil
    }

    var storedReport: SubmissionRevision? {
        if case .report(.stored(let revision, _, _), _) = self { return revision }
        return nil
    }

    /// The cross findings a stored document came back with.
    var crossFindings: [StoredCrossFinding] {
        switch self {
        case .report(_, let cross): cross
        case .plan(.stored(_, _, _, let cross)): cross
        case .plan: []
        }
    }
}

/// Rows in every table plan documents and cross findings write.
struct PlanTableCounts: Equatable, CustomStringConvertible {
    static let tables = ["plan_document", "renstra_indicator", "renstra_target", "pk_indicator", "pk_program", "pk_line",
                         "plan_finding", "cross_finding", "submission"]
    let counts: [String: Int]

    static func read(_ conn: PGConnection) throws -> PlanTableCounts {
        let sql = "SELECT " + tables.map { "(SELECT count(*) FROM \($0)) AS \($0)" }.joined(separator: ", ")
        let row = try conn.query(PGQuery(unsafeSQL: sql))[0]
        return PlanTableCounts(counts: Dictionary(uniqueKeysWithValues: try tables.map { ($0, try row.decode(Int.self, column: $0)) }))
    }

    var description: String { Self.tables.map { "\($0)=\(counts[$0] ?? -1)" }.joined(separator: " ") }
}

extension PGClient {
    func planTableCounts() async throws -> PlanTableCounts {
        try await withConnection { conn in try PlanTableCounts.read(conn) }
    }
}

extension CheckResult {
    /// The accepted submission, or nil.
    var submission: Submission? {
        if case .accepted(let submission, _, _, _) = self { return submission }
        return nil
    }
}

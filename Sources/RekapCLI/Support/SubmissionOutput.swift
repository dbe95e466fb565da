import ArgumentParser
import Foundation
import RekapDomain
import RekapReport
import RekapStore

/// What `validate`, `submit` and `submissions list/show` print about a submission, in one place so the
/// commands agree: problem and finding tables, the computed figures, and the JSON members that name a
/// stored revision.
enum SubmissionOutput {
    /// `--format` of the submission commands.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table, json
    }

    /// Reads a submission file; an unreadable file is a usage error (exit 64), reported here.
    static func readDocument(_ file: String) throws -> Data {
        do {
            return try Data(contentsOf: URL(fileURLWithPath: file))
        } catch {
            let reason = FileManager.default.fileExists(atPath: file) ? "it cannot be read" : "no such file"
            Console.error("rekap: cannot read \(file): \(reason)")
            throw ExitStatus.usage
        }
    }

    // MARK: Tables

    /// Every problem of a rejection: kind, JSON pointer, reason.
    static func problemsTable(_ problems: [Problem]) -> String {
        TextTable.render([["kind", "pointer", "reason"]] + problems.map { [$0.kind.rawValue, display($0.pointer), $0.reason] })
    }

    /// The findings, or "no findings".
    static func findingsTable(_ findings: [Finding]) -> String {
        if findings.isEmpty { return "no findings\n" }
        return TextTable.render([["severity", "rule", "pointer", "message"]]
                                + findings.map { [$0.severity.rawValue, $0.rule, display($0.pointer), $0.message] })
    }

    /// Capaian per indicator and penyerapan per program, each table after a blank line; empty when the
    /// submission has neither.
    static func figuresTables(_ summary: SubmissionSummary) -> String {
        var output = ""
        if !summary.indicators.isEmpty {
            output += "\n" + TextTable.render([["indicator", "capaian", "predikat", "efisiensi"]] + summary.indicators.map {
                [$0.code, $0.capaian.percent.map(DecimalText.percent) ?? "-", $0.predikat ?? "-",
                 $0.efisiensi.value.map { DecimalText.percent($0) + " " + ($0 >= 1 ? "efisien" : "kurang efisien") } ?? "-"]
            })
        }
        if let total = summary.total {
            output += "\n" + TextTable.render([["program", "pagu", "realisasi", "penyerapan"]] + summary.programs.map {
                [$0.code ?? $0.name, DecimalText.string($0.pagu), DecimalText.string($0.realisasi), $0.penyerapan.map(DecimalText.percent) ?? "-"]
            } + [["total", DecimalText.string(total.pagu), DecimalText.string(total.realisasi), total.penyerapan.map(DecimalText.percent) ?? "-"]])
        }
        return output
    }

    /// A pointer as printed: "(document)" for the whole document.
    static func display(_ pointer: JSONPointer) -> String {
        pointer.tokens.isEmpty ? "(document)" : pointer.description
    }

    /// "14.72.02 2023 FY revision 2 (id 17)".
    static func title(_ revision: SubmissionRevision) -> String {
        "\(revision.region) \(revision.year) \(revision.period.rawValue) revision \(revision.revision) (id \(revision.id))"
    }
}

extension SubmissionOutput {
    /// The findings across documents, each naming both documents with id, revision and pointer;
    /// empty when there are none (so a report's output is unchanged without plan documents).
    static func crossFindingsText(_ findings: [StoredCrossFinding]) -> String {
        guard !findings.isEmpty else { return "" }
        return "\ncross-document findings:\n" + findings.map { stored in
            let finding = stored.finding
            return """
                \(finding.severity.rawValue) \(finding.rule)
                  in:      \(side(finding.subject, stored.subject))
                  against: \(side(finding.against, stored.against))
                  \(finding.message)

                """
        }.joined()
    }

    private static func side(_ place: DocumentPlace, _ name: StoredDocumentName) -> String {
        "\(place.document) (id \(name.id), revision \(name.revision)) \(display(place.pointer))"
    }

    /// "Renstra 2022–2026 14.72.02 revision 1 (id 18)", "PK murni 2023 14.72.02 revision 2 (id 19)".
    static func title(_ revision: PlanRevision) -> String {
        let years = revision.kind == .renstra ? "\(revision.from)–\(revision.to)" : String(revision.from)
        return "\(revision.kind.label) \(years) \(revision.region) revision \(revision.revision) (id \(revision.id))"
    }
}

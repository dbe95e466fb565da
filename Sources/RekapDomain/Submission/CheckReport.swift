import Foundation

/// `CheckResult` as a JSON document, for `rekap validate --format json` and for storing figures.
///
/// Exact figures are strings ("12763150960", "98.51"): JSON consumers would read numbers as doubles.
/// Percentages and ratios are rounded half-up to 2 decimals; `null` means "cannot be computed".
public enum CheckReport {
    public static func json(_ result: CheckResult) -> JSONValue {
        switch result {
        case .rejected(let problems):
            return .object([
                JSONMember(key: "status", value: .string("rejected")),
                JSONMember(key: "problems", value: self.problems(problems)),
            ])
        case .accepted(let submission, let findings, let summary, _):
            return .object([
                JSONMember(key: "status", value: .string("accepted")),
                JSONMember(key: "region", value: .string(submission.region.text)),
                JSONMember(key: "year", value: .number(String(submission.year))),
                JSONMember(key: "period", value: .string(submission.period.rawValue)),
                JSONMember(key: "findings", value: self.findings(findings)),
                JSONMember(key: "computed", value: computed(summary)),
            ])
        }
    }

    /// `[{"pointer", "kind", "reason"}]`: the `problems` member of a rejection.
    public static func problems(_ problems: [Problem]) -> JSONValue {
        .array(problems.map { problem in
            .object([
                JSONMember(key: "pointer", value: .string(problem.pointer.description)),
                JSONMember(key: "kind", value: .string(problem.kind.rawValue)),
                JSONMember(key: "reason", value: .string(problem.reason)),
            ])
        })
    }

    /// `[{"severity", "rule", "pointer", "message", "message_id"}]`: the `findings` member of an accepted
    /// submission. `message` is English, as it always was; `message_id` the same finding in Bahasa
    /// Indonesia (the English again for a finding stored before findings had both texts).
    public static func findings(_ findings: [Finding]) -> JSONValue {
        .array(findings.map { finding in
            .object([
                JSONMember(key: "severity", value: .string(finding.severity.rawValue)),
                JSONMember(key: "rule", value: .string(finding.rule)),
                JSONMember(key: "pointer", value: .string(finding.pointer.description)),
                JSONMember(key: "message", value: .string(finding.message)),
                JSONMember(key: "message_id", value: .string(finding.text.id)),
            ])
        })
    }

    /// The `computed` member: indicator capaian and the budget's penyerapan.
    public static func computed(_ summary: SubmissionSummary) -> JSONValue {
        func text(_ value: Decimal?) -> JSONValue { value.map { .string(DecimalText.string($0)) } ?? .null }
        func percent(_ value: Decimal?) -> JSONValue { value.map { .string(DecimalText.percent($0)) } ?? .null }
        func optional(_ value: String?) -> JSONValue { value.map(JSONValue.string) ?? .null }
        var members = [
            JSONMember(key: "indicators", value: .array(summary.indicators.map { indicator in
                .object([
                    JSONMember(key: "code", value: .string(indicator.code)),
                    JSONMember(key: "name", value: .string(indicator.name)),
                    JSONMember(key: "capaian", value: percent(indicator.capaian.percent)),
                    JSONMember(key: "predikat", value: optional(indicator.predikat)),
                    JSONMember(key: "peringkat", value: optional(indicator.peringkat)),
                    JSONMember(key: "efisiensi", value: percent(indicator.efisiensi.value)),
                    JSONMember(key: "efisiensi_label", value: optional(indicator.efisiensi.label)),
                ])
            })),
            JSONMember(key: "programs", value: .array(summary.programs.map { program in
                .object([
                    JSONMember(key: "code", value: optional(program.code)),
                    JSONMember(key: "name", value: .string(program.name)),
                    JSONMember(key: "pagu", value: text(program.pagu)),
                    JSONMember(key: "realisasi", value: text(program.realisasi)),
                    JSONMember(key: "sisa", value: text(program.sisa)),
                    JSONMember(key: "penyerapan", value: percent(program.penyerapan)),
                ])
            })),
        ]
        if let total = summary.total {
            members.append(JSONMember(key: "total", value: .object([
                JSONMember(key: "pagu", value: text(total.pagu)),
                JSONMember(key: "realisasi", value: text(total.realisasi)),
                JSONMember(key: "sisa", value: text(total.sisa)),
                JSONMember(key: "penyerapan", value: percent(total.penyerapan)),
            ])))
        } else {
            members.append(JSONMember(key: "total", value: .null))
        }
        return .object(members)
    }
}

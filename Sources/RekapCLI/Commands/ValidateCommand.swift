import ArgumentParser
import Foundation
import RekapDomain

/// `rekap validate FILE.json`: checks a submission without a database and prints its problems or findings.
///
/// Exit 0 when accepted (with or without findings), 65 when rejected, 64 when the file cannot be read.
/// Region codes are checked for shape and scope only; whether they exist needs the registry (`rekap submit`),
/// or a regions CSV given with `--regions`.
struct ValidateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Checks a submission without a database; prints findings."
    )

    enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
        case table, json
    }

    @Argument(help: "The submission document (rekap.submission/v1 JSON).")
    var file: String

    @Option(help: "Output format: table or json.")
    var format: OutputFormat = .table

    @Option(help: ArgumentHelp("A regions CSV (code,name,level,parent_code) to check that named regions exist.",
                               valueName: "FILE.csv"))
    var regions: String?

    func run() async throws {
        let bytes: Data
        do {
            bytes = try Data(contentsOf: URL(fileURLWithPath: file))
        } catch {
            let reason = FileManager.default.fileExists(atPath: file) ? "it cannot be read" : "no such file"
            Console.error("rekap: cannot read \(file): \(reason)")
            throw ExitStatus.usage
        }
        var checker = SubmissionChecker()
        if let regions {
            guard let text = try? String(contentsOfFile: regions, encoding: .utf8) else {
                Console.error("rekap: cannot read the regions file \(regions)")
                throw ExitStatus.usage
            }
            // Only the code column matters here; it never needs CSV quoting (digits and dots).
            let codes = Set(text.split(whereSeparator: \.isNewline).dropFirst().map { String($0.prefix { $0 != "," }) })
            checker.knownRegion = { codes.contains($0.text) }
        }
        let result = checker.check(bytes)
        switch format {
        case .json:
            print(JSONWriter.string(CheckReport.json(result)))
        case .table:
            print(Self.table(result), terminator: "")
        }
        switch result {
        case .rejected(let problems):
            Console.error("rekap: \(file) is rejected: \(problems.count) problem\(problems.count == 1 ? "" : "s")")
            throw ExitStatus.rejected
        case .accepted(_, let findings, _, _):
            Console.error("rekap: \(file) is accepted with \(findings.count) finding\(findings.count == 1 ? "" : "s")")
        }
    }

    static func table(_ result: CheckResult) -> String {
        switch result {
        case .rejected(let problems):
            return "REJECTED\n" + TextTable.render([["kind", "pointer", "reason"]] + problems.map { [$0.kind.rawValue, display($0.pointer), $0.reason] })
        case .accepted(let submission, let findings, let summary, _):
            var output = "ACCEPTED \(submission.region) \(submission.year) \(submission.period.rawValue)\n"
            if findings.isEmpty {
                output += "no findings\n"
            } else {
                output += TextTable.render([["severity", "rule", "pointer", "message"]]
                                  + findings.map { [$0.severity.rawValue, $0.rule, display($0.pointer), $0.message] })
            }
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
    }

    static func display(_ pointer: JSONPointer) -> String {
        pointer.tokens.isEmpty ? "(document)" : pointer.description
    }
}

import ArgumentParser
import Foundation
import RekapDomain
import RekapReport
import RekapStore

/// `rekap submissions show ID [--document]`: one stored revision (a report, a Renstra or a PK: ids are
/// shared) with its findings, its figures and the findings across documents naming it, or with
/// `--document` its original bytes exactly as submitted.
struct SubmissionsShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Shows a stored submission: metadata, findings and figures, or its original document."
    )

    @Argument(help: "The submission or plan document id (from `rekap submit` or `rekap submissions list`).")
    var id: Int64

    @Option(help: "Output format: table or json.")
    var format: SubmissionOutput.Format = .table

    @Flag(help: "Print the original document, byte for byte, instead.")
    var document = false

    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let id = self.id
        if document {
            let bytes = try await database.withClient(maxConnections: 1) { client -> [UInt8]? in
                if let bytes = try await SubmissionStore(client: client).document(id: id) { return bytes }
                return try await PlanStore(client: client).document(id: id)
            }
            guard let bytes else { return try Self.notFound(id) }
            FileHandle.standardOutput.write(Data(bytes))
            return
        }
        let shown = try await database.withClient(maxConnections: 1) { client -> Shown? in
            if let report = try await SubmissionStore(client: client).show(id: id) {
                return .report(report, cross: try await PlanStore(client: client).crossFindings(involving: id))
            }
            return try await PlanStore(client: client).show(id: id).map(Shown.plan)
        }
        guard let shown else { return try Self.notFound(id) }
        switch (format, shown) {
        case (.table, .report(let report, let cross)): print(Self.table(report) + SubmissionOutput.crossFindingsText(cross), terminator: "")
        case (.json, .report(let report, let cross)): print(JSONWriter.string(PlanJSON.storedReport(report, crossFindings: cross)))
        case (.table, .plan(let plan)): print(Self.table(plan), terminator: "")
        case (.json, .plan(let plan)): print(JSONWriter.string(PlanJSON.stored(plan)))
        }
    }

    /// What an id names: a report (with the cross findings naming it) or a plan document.
    enum Shown: Sendable {
        case report(StoredSubmission, cross: [StoredCrossFinding])
        case plan(StoredPlan)
    }

    static func table(_ shown: StoredPlan) -> String {
        var rows = [
            ["city", shown.revision.city.text],
            ["submitted", DbStatusCommand.timestamp(shown.submittedAt) + " UTC"],
            ["document", "\(shown.document.count) bytes, sha256 \(shown.documentSHA256)"],
        ]
        if case .pk(let pk) = shown.plan, let signed = pk.signed {
            let parties = [signed.first, signed.second].compactMap { $0 }.map { party in
                [party.name, party.jabatan.map { "(\($0))" }, party.nip.map { "NIP \($0)" }].compactMap { $0 }.joined(separator: " ")
            }
            rows.append(["signed", (parties + [signed.date?.description].compactMap { $0 }).joined(separator: "; ")])
        }
        return "PLAN \(SubmissionOutput.title(shown.revision))\n" + TextTable.render(rows) + "\n"
            + SubmissionOutput.findingsTable(shown.findings) + SubmissionOutput.crossFindingsText(shown.crossFindings)
    }


    static func notFound(_ id: Int64) throws {
        Console.error("rekap: there is no submission with id \(id)")
        throw ExitStatus.failure
    }

    static func table(_ shown: StoredSubmission) -> String {
        let submission = shown.submission
        var rows = [
            ["city", shown.revision.city.text],
            ["submitted", DbStatusCommand.timestamp(shown.submittedAt) + " UTC"],
            ["document", "\(shown.document.count) bytes, \(submission.format), sha256 \(shown.documentSHA256)"],
        ]
        if let signed = submission.signed {
            let parts = [signed.by, signed.role.map { "(\($0))" }, signed.nip.map { "NIP \($0)" }, signed.date?.description]
            rows.append(["signed", parts.compactMap { $0 }.joined(separator: " ")])
        }
        return "SUBMISSION \(SubmissionOutput.title(shown.revision))\n" + TextTable.render(rows) + "\n"
            + SubmissionOutput.findingsTable(shown.findings) + SubmissionOutput.figuresTables(shown.summary)
    }

    static func json(_ shown: StoredSubmission) -> JSONValue { SubmissionJSON.stored(shown) }
}

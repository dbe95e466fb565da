import ArgumentParser
import Foundation
import RekapDomain
import RekapReport
import RekapStore

/// `rekap submissions show ID [--document]`: one stored revision with its findings and figures, or with
/// `--document` its original bytes exactly as submitted.
struct SubmissionsShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Shows a stored submission: metadata, findings and figures, or its original document."
    )

    @Argument(help: "The submission id (from `rekap submit` or `rekap submissions list`).")
    var id: Int64

    @Option(help: "Output format: table or json.")
    var format: SubmissionOutput.Format = .table

    @Flag(help: "Print the original document, byte for byte, instead.")
    var document = false

    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let id = self.id
        if document {
            let bytes = try await database.withClient(maxConnections: 1) { client in
                try await SubmissionStore(client: client).document(id: id)
            }
            guard let bytes else { return try Self.notFound(id) }
            FileHandle.standardOutput.write(Data(bytes))
            return
        }
        let shown = try await database.withClient(maxConnections: 1) { client in
            try await SubmissionStore(client: client).show(id: id)
        }
        guard let shown else { return try Self.notFound(id) }
        switch format {
        case .table: print(Self.table(shown), terminator: "")
        case .json: print(JSONWriter.string(Self.json(shown)))
        }
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

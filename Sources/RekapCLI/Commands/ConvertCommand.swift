import ArgumentParser
import Foundation
import RekapDomain
import RekapWorkbook

/// `rekap convert FILE.xlsx`: prints the contract §1 (or §1.2) JSON document a workbook stands for;
/// submitting that JSON stores exactly what submitting the workbook stores.
///
/// Exit 0 with the document on stdout; 65 when the workbook is refused (not a workbook, another
/// layout, a missing sheet, cells that cannot be read), its problems naming sheet and cell; 64 when
/// the file cannot be read. The document is not checked against the contract here: `rekap validate`
/// does that.
struct ConvertCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert",
        abstract: "Prints the submission JSON (contract §1) an .xlsx workbook stands for."
    )

    @Argument(help: "An .xlsx workbook made from rekap template.")
    var file: String

    @Option(help: "How problems are printed: table or json.")
    var format: SubmissionOutput.Format = .table

    func run() async throws {
        let bytes = try SubmissionOutput.readDocument(file)
        switch WorkbookReader.read(bytes) {
        case .success(let conversion):
            print(conversion.json)
        case .failure(let rejection):
            try DocumentInput.refusedWorkbook(rejection.problems).refuse(file, format: format)
        }
    }
}

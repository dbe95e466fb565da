import ArgumentParser
import Foundation
import RekapDomain
import RekapReport

/// `rekap rank --format`: the contract's table, csv and json (``LeaderboardFormat``), or an .xlsx workbook.
enum RankOutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, csv, json, xlsx

    /// The text format, nil for xlsx.
    var text: LeaderboardFormat? { LeaderboardFormat(rawValue: rawValue) }
}

/// Writes a command's result: text to stdout, or bytes (a workbook) to `--output FILE` or stdout.
enum CommandOutput {
    static func write(_ data: Data, to path: String?, describing what: String) throws {
        guard let path else {
            FileHandle.standardOutput.write(data)
            return
        }
        do {
            try data.write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            Console.error("rekap: cannot write \(path): \(error.localizedDescription)")
            throw ExitStatus.failure
        }
        Console.error("rekap: wrote \(what) to \(path)")
    }
}

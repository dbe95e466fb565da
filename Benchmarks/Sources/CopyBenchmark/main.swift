// Loads a CSV file into a table through PGConnection.copyIn, streaming 256 KiB chunks
// (never the whole file in memory). Prints rows copied and seconds, for copy-vs-psql.sh.
//
// usage: CopyBenchmark <postgresql-url> <table> <csv-file>
import Foundation
import PostgresLibPQ

let args = CommandLine.arguments
guard args.count == 4 else {
    FileHandle.standardError.write(Data("usage: CopyBenchmark <url> <table> <csv-file>\n".utf8))
    exit(64)
}
do {
    let conn = try PGConnection(url: args[1])
    let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: args[3]))
    let start = ContinuousClock.now
    let rows = try conn.copyIn("COPY \(identifier: args[2]) FROM STDIN (FORMAT csv)") { writer in
        while let chunk = try handle.read(upToCount: 256 * 1024), !chunk.isEmpty {
            try writer.write(chunk)
        }
    }
    let elapsed = ContinuousClock.now - start
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    print("rows=\(rows) seconds=\(seconds)")
} catch {
    FileHandle.standardError.write(Data("CopyBenchmark: \(error)\n".utf8))
    exit(1)
}

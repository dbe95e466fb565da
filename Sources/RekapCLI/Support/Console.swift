import Foundation

/// Where `rekap` writes: results to stdout, messages to stderr (contract §3).
enum Console {
    /// Writes `rekap: message` to stderr.
    static func error(_ message: String) {
        FileHandle.standardError.write(Data(("rekap: " + message + "\n").utf8))
    }

    /// Writes a line to stdout.
    static func output(_ text: String) {
        print(text)
    }
}

#if canImport(Glibc)
import Glibc
private let systemWrite = Glibc.write
#elseif canImport(Darwin)
import Darwin
private let systemWrite = Darwin.write
#endif

/// Where `rekap` writes: results to stdout, messages to stderr (contract §3). Stderr is written
/// unbuffered so messages and `\r` progress lines interleave correctly.
enum Console {
    /// Writes `rekap: message` to stderr.
    static func error(_ message: String) {
        write("rekap: " + message + "\n")
    }

    /// Writes a line to stdout.
    static func output(_ text: String) {
        print(text)
    }

    /// Writes `text` to stderr as is (no prefix, no newline added): for `\r` progress lines.
    static func write(_ text: String) {
        var text = text
        text.withUTF8 { bytes in
            var offset = 0
            while offset < bytes.count {
                let n = systemWrite(2, bytes.baseAddress! + offset, bytes.count - offset)
                if n <= 0 { return }
                offset += n
            }
        }
    }

    /// True when stderr is a terminal, where a progress line can be rewritten in place.
    static var isTerminal: Bool { isatty(2) == 1 }
}

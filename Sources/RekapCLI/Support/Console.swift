#if canImport(Glibc)
import Glibc
private let systemWrite = Glibc.write
#elseif canImport(Darwin)
import Darwin
private let systemWrite = Darwin.write
#endif

/// Where `rekap` writes: results to stdout (`print`, or ``output(_:)``), messages to stderr,
/// unbuffered so they interleave correctly (contract §3).
enum Console {
    /// Writes `message` and a newline to stderr. Messages start with `rekap: `.
    static func error(_ message: String) {
        write(message + "\n")
    }

    /// Writes `text` to stderr as is (no newline added): for `\r` progress lines.
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

    /// Writes a line of results to stdout.
    static func output(_ text: String) {
        print(text)
    }

    /// True when stderr is a terminal, where a progress line can be rewritten in place.
    static var isTerminal: Bool { isatty(2) == 1 }
}

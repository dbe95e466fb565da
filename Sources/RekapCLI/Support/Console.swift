#if canImport(Glibc)
import Glibc
private let systemWrite = Glibc.write
#elseif canImport(Darwin)
import Darwin
private let systemWrite = Darwin.write
#endif

/// Messages to stderr (results go to stdout), unbuffered so they interleave correctly.
enum Console {
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

    /// True when stderr is a terminal, where a progress line can be rewritten in place.
    static var isTerminal: Bool { isatty(2) == 1 }
}

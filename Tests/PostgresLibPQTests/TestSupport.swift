import Foundation
import Logging
import PostgresLibPQ
import Synchronization
import Testing

/// Resident set size of this process in bytes, from /proc/self/statm.
func residentMemory() -> Int {
    guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
    let fields = text.split(separator: " ")
    guard fields.count > 1, let pages = Int(fields[1]) else { return 0 }
    return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
}

/// Collects log messages, to check that server notices reach swift-log.
final class CapturingLogHandler: LogHandler, @unchecked Sendable {
    private let messages = Mutex<[(Logger.Level, String)]>([])
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        messages.withLock { $0.append((event.level, event.message.description)) }
    }

    var captured: [(Logger.Level, String)] { messages.withLock { $0 } }
}

import Foundation
import Logging

/// Logging for `rekap`: warnings and errors on stderr, so library progress logs never mix with the
/// results a command prints. `REKAP_LOG_LEVEL` (trace … critical) asks for more.
enum LogSetup {
    static func bootstrap() {
        let level = ProcessInfo.processInfo.environment["REKAP_LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .warning
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
    }
}

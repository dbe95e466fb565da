import Foundation

/// An executable of this package (`rekap`, `rekapd`), built next to the test bundle (`.build/<config>/`).
public func builtExecutable(_ name: String) throws -> URL {
    var directory = Bundle.main.executableURL?.resolvingSymlinksInPath().deletingLastPathComponent()
        ?? URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    // On macOS the test binary sits inside rekapPackageTests.xctest/Contents/MacOS.
    for _ in 0..<4 {
        let candidate = directory.appendingPathComponent(name)
        if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        directory.deleteLastPathComponent()
    }
    throw ExecutableNotBuilt(name: name)
}

public struct ExecutableNotBuilt: Error, CustomStringConvertible {
    public let name: String
    public var description: String { "the \(name) executable was not found next to the test bundle; run `swift build` first" }
}

/// This process's environment without `DATABASE_URL` (a developer's setting must never leak into a
/// test), plus `extra`.
public func testEnvironment(_ extra: [String: String] = [:]) -> [String: String] {
    var environment = ProcessInfo.processInfo.environment
    environment.removeValue(forKey: "DATABASE_URL")
    environment.merge(extra) { _, new in new }
    return environment
}

/// A process started from a built executable, its stdout and stderr going to files (so a full pipe
/// never blocks it). Killed with SIGKILL if still running when released.
public final class ChildProcess: @unchecked Sendable {
    public let process = Process()
    public let stdoutURL: URL
    public let stderrURL: URL

    public init(_ executable: String, _ arguments: [String], environment: [String: String] = [:]) throws {
        let directory = FileManager.default.temporaryDirectory
        // An absolute path (a system tool such as /usr/bin/env) is run as it is; a name is a built product.
        let stem = "\(URL(fileURLWithPath: executable).lastPathComponent)-\(UUID().uuidString)"
        stdoutURL = directory.appendingPathComponent(stem + ".out")
        stderrURL = directory.appendingPathComponent(stem + ".err")
        for file in [stdoutURL, stderrURL] {
            guard FileManager.default.createFile(atPath: file.path, contents: nil) else { throw CocoaError(.fileWriteUnknown) }
        }
        process.executableURL = executable.hasPrefix("/") ? URL(fileURLWithPath: executable) : try builtExecutable(executable)
        process.arguments = arguments
        process.environment = testEnvironment(environment)
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = try FileHandle(forWritingTo: stdoutURL)
        process.standardError = try FileHandle(forWritingTo: stderrURL)
        try process.run()
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        try? FileManager.default.removeItem(at: stdoutURL)
        try? FileManager.default.removeItem(at: stderrURL)
    }

    public var pid: Int32 { process.processIdentifier }
    public var stdout: String { (try? String(contentsOf: stdoutURL, encoding: .utf8)) ?? "" }
    public var stderr: String { (try? String(contentsOf: stderrURL, encoding: .utf8)) ?? "" }

    public func send(_ signal: Int32) { kill(process.processIdentifier, signal) }

    /// SIGTERM, then how it ended, within `timeout`: a daemon's graceful stop.
    public func terminate(within timeout: Duration = .seconds(60)) async throws -> Termination {
        send(SIGTERM)
        return try await exit(within: timeout)
    }

    /// How it ended, once it has, within `timeout`.
    public func exit(within timeout: Duration = patience) async throws -> Termination {
        try await waitUntil(within: timeout, "\(process.executableURL?.lastPathComponent ?? "process") \(pid) to exit") {
            !process.isRunning
        }
        return process.terminationReason == .exit ? .exited(process.terminationStatus) : .signalled(process.terminationStatus)
    }

    public enum Termination: Sendable, Equatable, CustomStringConvertible {
        case exited(Int32)
        case signalled(Int32)
        public var description: String {
            switch self {
            case .exited(let status): "exit \(status)"
            case .signalled(let signal): "signal \(signal)"
            }
        }
    }

    /// Peak resident set size so far (`VmHWM` in /proc/PID/status), in kibibytes.
    public var peakResidentKiB: Int? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return nil }
        for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            return Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "")
        }
        return nil
    }
}

/// Runs a built executable to completion, as a user would.
public func run(_ executable: String, _ arguments: [String], environment: [String: String] = [:], within timeout: Duration = .seconds(60))
    async throws -> (termination: ChildProcess.Termination, stdout: String, stderr: String)
{
    let child = try ChildProcess(executable, arguments, environment: environment)
    let termination = try await child.exit(within: timeout)
    return (termination, child.stdout, child.stderr)
}

import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Starts helper programs with `posix_spawn` and waits for them with `waitpid`.
///
/// Foundation's `Process.waitUntilExit` was seen to hang here when two tests started clusters at
/// once (the exit of `pg_ctl` went unnoticed), so this stays on the plain system calls.
enum ProcessRunner {
    /// Runs `executable` with `arguments` to completion, returning what it printed; throws with
    /// that output on a non-zero exit.
    ///
    /// Output goes to a temporary file, not a pipe: `pg_ctl start` leaves a server running that
    /// inherits the descriptors, and a pipe would then never reach end-of-file.
    @discardableResult
    static func output(of executable: String, _ arguments: [String]) throws(EmbeddedPostgresError) -> String {
        let command = ([executable] + arguments).joined(separator: " ")
        let outputPath = FileManager.default.temporaryDirectory
            .appendingPathComponent("rekap-process-\(UUID().uuidString).log").path
        let outputDescriptor = open(outputPath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard outputDescriptor >= 0 else { throw .systemCall("open \(outputPath)", errno: errno) }
        defer { unlink(outputPath) }
        let pid: pid_t
        do {
            pid = try spawn(executable, arguments, standardInput: nil, standardOutput: outputDescriptor)
        } catch {
            close(outputDescriptor)
            throw error
        }
        close(outputDescriptor)
        let status = wait(for: pid)
        let text = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        guard status == 0 else { throw .commandFailed(command: command, status: status, output: text) }
        return text
    }

    /// Spawns `executable`; stdin is `standardInput` (or /dev/null), stdout and stderr go to
    /// `standardOutput` (or /dev/null). With `newSession`, the child gets a process group of its own, so
    /// a Ctrl-C meant for us does not reach it.
    static func spawn(
        _ executable: String, _ arguments: [String], standardInput: Int32?, standardOutput: Int32?,
        newSession: Bool = false
    ) throws(EmbeddedPostgresError) -> pid_t {
        var fileActions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&fileActions)
        defer { posix_spawn_file_actions_destroy(&fileActions) }
        if let standardInput {
            posix_spawn_file_actions_adddup2(&fileActions, standardInput, 0)
        } else {
            posix_spawn_file_actions_addopen(&fileActions, 0, "/dev/null", O_RDONLY, 0)
        }
        for target: Int32 in [1, 2] {
            if let standardOutput {
                posix_spawn_file_actions_adddup2(&fileActions, standardOutput, target)
            } else {
                posix_spawn_file_actions_addopen(&fileActions, target, "/dev/null", O_WRONLY, 0)
            }
        }
        // Descriptors are inherited unless marked close-on-exec, and much of this process's are
        // not (test runners' pipes, Foundation's files). A server or watchdog holding one open
        // would keep a reader of that pipe waiting until it exits, so the child gets none of them.
        let keep: Set<Int32> = [standardInput, standardOutput].compactMap { $0 }.reduce(into: []) { $0.insert($1) }
        for descriptor in openDescriptors() where descriptor > 2 && !keep.contains(descriptor) {
            posix_spawn_file_actions_addclose(&fileActions, descriptor)
        }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        if newSession {
            posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP))
            posix_spawnattr_setpgroup(&attributes, 0)
        }
        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid = pid_t()
        let result = posix_spawn(&pid, executable, &fileActions, &attributes, argv, environ)
        guard result == 0 else { throw .systemCall("posix_spawn \(executable)", errno: result) }
        return pid
    }

    /// The descriptors open in this process, from /proc/self/fd (Linux).
    private static func openDescriptors() -> [Int32] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
        // The listing itself uses a descriptor that is closed again by now; closing a closed
        // descriptor would fail the spawn, so keep only those still open.
        return names.compactMap { Int32($0) }.filter { fcntl($0, F_GETFD) != -1 }
    }

    /// Waits for `pid` and returns its exit status (128 + signal number when killed).
    static func wait(for pid: pid_t) -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            guard errno == EINTR else { return -1 }
        }
        let terminatingSignal = status & 0x7f
        return terminatingSignal == 0 ? (status >> 8) & 0xff : 128 + terminatingSignal
    }
}

import Foundation
#if canImport(Glibc)
import Glibc
#endif
import RekapTestSupport
import Testing

/// What a run of `rekap` produced.
struct RekapRun: Sendable, CustomStringConvertible {
    let status: Int32
    let stdout: String
    let stderr: String

    var description: String { "exit \(status)\n--- stdout\n\(stdout)\n--- stderr\n\(stderr)" }
}

/// Runs the built `rekap` binary with `arguments`, as a user would, and waits for it.
///
/// The environment is this process's, minus `DATABASE_URL` (so a developer's setting never leaks
/// into a test), plus `environment`. `stdin` is written to its standard input, then closed.
func runRekap(
    _ arguments: [String], environment: [String: String] = [:], stdin: String? = nil
) async throws -> RekapRun {
    let process = Process()
    process.executableURL = try rekapExecutable()
    process.arguments = arguments
    var env = ProcessInfo.processInfo.environment
    env.removeValue(forKey: "DATABASE_URL")
    env.merge(environment) { _, new in new }
    process.environment = env
    let input = try ClosingPipe(), output = try ClosingPipe(), errors = try ClosingPipe()
    process.standardInput = input.read
    process.standardOutput = output.write
    process.standardError = errors.write

    let exited = AsyncStream<Int32>.makeStream()
    process.terminationHandler = { process in
        exited.continuation.yield(process.terminationStatus)
        exited.continuation.finish()
    }
    try process.run()
    // The child has its copies; without closing ours, reading would never see the end.
    try input.read.close()
    try output.write.close()
    try errors.write.close()
    // Read both pipes while the process runs, so a full pipe can never block it.
    // On threads of their own: blocking reads must not hold the cooperative pool (see onOwnThread).
    async let out = onOwnThread { output.read.readDataToEndOfFile() }
    async let err = onOwnThread { errors.read.readDataToEndOfFile() }
    if let stdin { input.write.write(Data(stdin.utf8)) }
    try input.write.close()
    var status: Int32 = -1
    for await s in exited.stream { status = s }
    return RekapRun(
        status: status, stdout: String(decoding: await out, as: UTF8.self), stderr: String(decoding: await err, as: UTF8.self))
}

/// A one-way channel whose descriptors are close-on-exec from the start, so that no other process
/// this test process starts meanwhile (the embedded server's watchdog lives as long as the tests)
/// inherits a write end and keeps the reader from ever seeing the end of the output. Foundation's
/// `Pipe` sets no such flag, and Glibc does not export `pipe2`; a socket pair made with
/// `SOCK_CLOEXEC` is atomic and works the same for a child's stdin, stdout and stderr.
struct ClosingPipe {
    let read: FileHandle
    let write: FileHandle

    init() throws {
        var fds: [Int32] = [-1, -1]
        #if os(Linux)
        let type = Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue)
        guard socketpair(AF_UNIX, type, 0, &fds) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        #else
        guard pipe(&fds) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        _ = fcntl(fds[0], F_SETFD, FD_CLOEXEC)
        _ = fcntl(fds[1], F_SETFD, FD_CLOEXEC)
        #endif
        read = FileHandle(fileDescriptor: fds[0], closeOnDealloc: true)
        write = FileHandle(fileDescriptor: fds[1], closeOnDealloc: true)
    }
}

/// The `rekap` executable built next to this test bundle (`.build/<config>/rekap`).
func rekapExecutable() throws -> URL {
    var directory = Bundle.main.executableURL?.resolvingSymlinksInPath().deletingLastPathComponent()
        ?? URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    // On macOS the test binary sits inside rekapPackageTests.xctest/Contents/MacOS.
    for _ in 0..<4 {
        let candidate = directory.appendingPathComponent("rekap")
        if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        directory.deleteLastPathComponent()
    }
    throw RekapNotBuilt()
}

struct RekapNotBuilt: Error, CustomStringConvertible {
    var description: String { "the rekap executable was not found next to the test bundle; run `swift build` first" }
}

/// A TCP port on 127.0.0.1 with nothing listening: bound, then closed again.
func closedLocalPort() throws -> Int {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { throw POSIXError(.EMFILE) }
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = 0
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
    }
    guard bound else { throw POSIXError(.EADDRNOTAVAIL) }
    return Int(UInt16(bigEndian: address.sin_port))
}

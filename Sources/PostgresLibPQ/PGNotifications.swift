import CLibPQ
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Logging
import Synchronization

/// A message from `NOTIFY` / `pg_notify`.
public struct PGNotification: Sendable, Hashable {
    /// The channel name, exactly as the sender spelled it (case preserved).
    public let channel: String
    public let payload: String
    /// The process id of the notifying backend.
    public let backendPID: Int32
}

/// Notifications received by a dedicated listening connection, as an `AsyncSequence`.
///
/// Made by ``PGClient/notifications(channels:)``, which returns once `LISTEN` is in place,
/// so a NOTIFY sent afterwards is never missed. The connection lives on its own thread,
/// which sleeps in `poll(2)` on the libpq socket and a wake-up pipe: no timer, no spinning.
/// Iteration ends (and the thread stops, closing its connection) on ``stop()``, when the
/// iterating task is cancelled, when the sequence is released, or when the client closes.
/// A lost connection ends iteration with a ``PGError/Kind/connection`` error.
public struct PGNotificationSequence: AsyncSequence, Sendable {
    public typealias Element = PGNotification
    let stream: AsyncThrowingStream<PGNotification, any Error>
    let token: PGListenerToken

    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(base: stream.makeAsyncIterator(), token: token)
    }

    /// Stops listening; iteration then finishes.
    public func stop() { token.listener.stop() }

    public struct AsyncIterator: AsyncIteratorProtocol {
        var base: AsyncThrowingStream<PGNotification, any Error>.AsyncIterator
        let token: PGListenerToken
        public mutating func next() async throws -> PGNotification? { try await base.next() }
    }
}

/// Stops the listener when the last copy of the sequence or its iterator goes away.
final class PGListenerToken: Sendable {
    let listener: PGListener
    init(_ listener: PGListener) { self.listener = listener }
    deinit { listener.stop() }
}

/// The listening thread and its connection.
final class PGListener: Sendable {
    // The pipe is closed by the thread on exit (under the lock), so `stop` must not write to a
    // closed (and maybe reused) descriptor: it writes under the lock, after checking `finished`.
    private let wakeRead: Int32
    private let wakeWrite: Int32

    private struct State {
        var finished = false
        var stopRequested = false
        var finishWaiters: [CheckedContinuation<Void, Never>] = []
        var onFinish: (@Sendable () -> Void)?
    }

    private let state = Mutex(State())

    private init(wakeRead: Int32, wakeWrite: Int32) {
        self.wakeRead = wakeRead
        self.wakeWrite = wakeWrite
    }

    /// Called once when the thread has exited (immediately if it already has).
    var onFinish: (@Sendable () -> Void)? {
        get { state.withLock { $0.onFinish } }
        set {
            let callNow = state.withLock { state -> Bool in
                if state.finished { return true }
                state.onFinish = newValue
                return false
            }
            if callNow { newValue?() }
        }
    }

    static func start(
        configuration: PGConfiguration, channels: [String], logger: Logger
    ) async throws -> (PGNotificationSequence, PGListener) {
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else {
            throw PGError.usage("could not create a wake-up pipe (errno \(errno))")
        }
        for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        let listener = PGListener(wakeRead: fds[0], wakeWrite: fds[1])
        let (stream, continuation) = AsyncThrowingStream<PGNotification, any Error>.makeStream()
        continuation.onTermination = { [weak listener] _ in listener?.stop() }
        try await withCheckedThrowingContinuation { (ready: CheckedContinuation<Void, any Error>) in
            let thread = Thread {
                listener.threadMain(configuration, channels, logger, continuation, ready)
            }
            thread.name = "PostgresLibPQ listener"
            thread.start()
        }
        return (PGNotificationSequence(stream: stream, token: PGListenerToken(listener)), listener)
    }

    /// Wakes the thread so it closes its connection and exits. Idempotent.
    func stop() {
        state.withLock { state in
            guard !state.finished, !state.stopRequested else { return }
            state.stopRequested = true
            var byte: UInt8 = 1
            _ = write(wakeWrite, &byte, 1)
        }
    }

    /// Returns when the thread has exited.
    func waitUntilFinished() async {
        await withCheckedContinuation { (c: CheckedContinuation<Void, Never>) in
            let done = state.withLock { state -> Bool in
                if state.finished { return true }
                state.finishWaiters.append(c)
                return false
            }
            if done { c.resume() }
        }
    }

    private func threadMain(
        _ configuration: PGConfiguration, _ channels: [String], _ logger: Logger,
        _ continuation: AsyncThrowingStream<PGNotification, any Error>.Continuation,
        _ ready: CheckedContinuation<Void, any Error>
    ) {
        let connection: PGConnection
        do {
            connection = try PGConnection(configuration: configuration, logger: logger)
            for channel in channels {
                try connection.execute("LISTEN \(identifier: channel)")
            }
        } catch {
            ready.resume(throwing: error)
            continuation.finish(throwing: error)
            finish()
            return
        }
        ready.resume()
        listen(connection, continuation)
        connection.close()
        continuation.finish()
        finish()
    }

    private func listen(_ connection: PGConnection, _ continuation: AsyncThrowingStream<PGNotification, any Error>.Continuation) {
        guard let h = connection.handle else { return }
        while true {
            // Notifications may already sit in libpq's queue (read along with an earlier
            // reply), where poll cannot see them: drain before sleeping.
            while let n = PQnotifies(h) {
                let note = PGNotification(
                    channel: String(cString: n.pointee.relname), payload: String(cString: n.pointee.extra),
                    backendPID: n.pointee.be_pid)
                PQfreemem(n)
                continuation.yield(note)
            }
            var fds = [
                pollfd(fd: PQsocket(h), events: Int16(POLLIN), revents: 0),
                pollfd(fd: wakeRead, events: Int16(POLLIN), revents: 0),
            ]
            let r = poll(&fds, 2, -1)  // sleep until data or a wake-up
            if r < 0 {
                if errno == EINTR { continue }
                continuation.finish(throwing: PGError(kind: .connection, message: "poll failed (errno \(errno))"))
                return
            }
            if fds[1].revents != 0 { return }  // stop requested
            if fds[0].revents != 0 {
                if PQconsumeInput(h) == 0 {
                    continuation.finish(throwing: PGError.connection(h, "the listening connection was lost"))
                    return
                }
            }
        }
    }

    private func finish() {
        let (waiters, callback) = state.withLock { state -> ([CheckedContinuation<Void, Never>], (@Sendable () -> Void)?) in
            state.finished = true
            close(wakeRead)
            close(wakeWrite)
            defer {
                state.finishWaiters = []
                state.onFinish = nil
            }
            return (state.finishWaiters, state.onFinish)
        }
        for w in waiters { w.resume() }
        callback?()
    }
}

extension PGConnection {
    /// Sends a notification (`pg_notify`); the channel name is taken exactly as given.
    public func notify(channel: String, payload: String = "") throws(PGError) {
        _ = try query("SELECT pg_notify(\(channel), \(payload))")
    }
}

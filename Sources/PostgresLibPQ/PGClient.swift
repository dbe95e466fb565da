import Logging
import ServiceLifecycle
import Synchronization

/// A bounded pool of connections, safe to share across tasks; the entry point for async code.
///
/// Each pooled connection lives on its own thread (``PGSerializedConnection``), so blocking
/// libpq calls never run on Swift's cooperative pool. Connections are opened lazily up to
/// ``Options/maxConnections``; further callers wait in FIFO order, up to
/// ``Options/waitTimeout`` (then ``PGError/Kind/poolTimeout``).
///
/// On check-in, a transaction left open is rolled back and a broken connection is replaced.
///
/// ```swift
/// let client = try PGClient(url: "postgresql://postgres@127.0.0.1:5432/rekap")
/// let names = try await client.withConnection { conn in
///     try conn.query("SELECT name FROM regions WHERE id < \(10)").map { try $0.decode(String.self, at: 0) }
/// }
/// ```
///
/// As a `ServiceLifecycle.Service`, ``run()`` waits for graceful shutdown, then closes every
/// connection and stops their threads. Outside a service group, call ``close()``.
public final class PGClient: Sendable, Service {
    public struct Options: Sendable {
        /// The most connections open at once.
        public var maxConnections: Int
        /// How long a caller waits for a free connection.
        public var waitTimeout: Duration

        public init(maxConnections: Int = 4, waitTimeout: Duration = .seconds(30)) {
            self.maxConnections = max(1, maxConnections)
            self.waitTimeout = waitTimeout
        }
    }

    public let configuration: PGConfiguration
    public let options: Options
    let logger: Logger

    private enum Grant {
        case connection(PGSerializedConnection)
        case create  // a slot is reserved for the caller: open a new connection
    }

    private struct Waiter {
        let id: UInt64
        let continuation: CheckedContinuation<Grant, any Error>
    }

    private struct State {
        var idle: [PGSerializedConnection] = []
        var open = 0  // connections open or being opened, idle or in use
        var waiters: [Waiter] = []
        var nextWaiterID: UInt64 = 0
        var closed = false
        var closeWaiters: [CheckedContinuation<Void, Never>] = []
        var listeners: [ObjectIdentifier: PGListener] = [:]
    }

    private let state = Mutex(State())

    public init(configuration: PGConfiguration, options: Options = Options(), logger: Logger = Logger(label: "PostgresLibPQ")) {
        self.configuration = configuration
        self.options = options
        self.logger = logger
    }

    /// A client for a `postgresql://` URL (see ``PGConfiguration/init(url:)``). Does not connect yet.
    public convenience init(url: String, options: Options = Options(), logger: Logger = Logger(label: "PostgresLibPQ")) throws(PGError) {
        self.init(configuration: try PGConfiguration(url: url), options: options, logger: logger)
    }

    // MARK: Using connections

    /// Runs `body` with a pooled connection, on that connection's thread.
    ///
    /// Cancelling the task cancels the running statement. Don't keep the connection or
    /// results that borrow it; results (``PGResult``) may be returned.
    @discardableResult
    public func withConnection<T: Sendable>(_ body: @Sendable (PGConnection) throws -> T) async throws -> T {
        let connection = try await acquire()
        let (result, reusable) = await connection.withConnectionThenReset(body)
        await release(connection, reusable: reusable)
        return try result.get()
    }

    /// Runs `body` in a transaction on a pooled connection; see
    /// ``PGConnection/transaction(isolation:readOnly:maxAttempts:_:)``.
    @discardableResult
    public func withTransaction<T: Sendable>(
        isolation: PGIsolationLevel? = nil, readOnly: Bool = false, maxAttempts: Int = 1,
        _ body: @Sendable (PGConnection) throws -> T
    ) async throws -> T {
        try await withConnection { conn in
            try conn.transaction(isolation: isolation, readOnly: readOnly, maxAttempts: maxAttempts, body)
        }
    }

    /// Runs one statement and returns its rows.
    public func query(_ query: PGQuery) async throws -> PGResult {
        try await withConnection { conn in try conn.query(query) }
    }

    /// Runs one statement and returns the number of affected rows.
    @discardableResult
    public func execute(_ query: PGQuery) async throws -> Int {
        try await withConnection { conn in try conn.execute(query) }
    }

    /// `COPY ... FROM STDIN` on a pooled connection; see ``PGConnection/copyIn(_:format:_:)``.
    @discardableResult
    public func copyIn(_ statement: PGQuery, format: PGCopyFormat = .text, _ body: @Sendable (PGCopyWriter) throws -> Void) async throws -> Int {
        try await withConnection { conn in try conn.copyIn(statement, format: format, body) }
    }

    /// Opens a dedicated connection that LISTENs on `channels` and returns once listening.
    /// See ``PGNotificationSequence``.
    public func notifications(channels: [String]) async throws -> PGNotificationSequence {
        let (sequence, listener) = try await PGListener.start(configuration: configuration, channels: channels, logger: logger)
        let accepted = state.withLock { s in
            if s.closed { return false }
            s.listeners[ObjectIdentifier(listener)] = listener
            return true
        }
        if !accepted {
            listener.stop()
            throw PGError(kind: .poolClosed, message: "the client is closed")
        }
        listener.onFinish = { [weak self] in
            _ = self?.state.withLock { $0.listeners.removeValue(forKey: ObjectIdentifier(listener)) }
        }
        return sequence
    }

    // MARK: Pool

    private func acquire() async throws -> PGSerializedConnection {
        if Task.isCancelled { throw PGError.cancelled }
        let waiterID = state.withLock { s in
            s.nextWaiterID += 1
            return s.nextWaiterID
        }
        let timeout = options.waitTimeout
        let timer = Mutex<Task<Void, Never>?>(nil)
        let grant: Grant = try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Grant, any Error>) in
                let immediate: Result<Grant, PGError>? = state.withLock { s in
                    if s.closed { return .failure(PGError(kind: .poolClosed, message: "the client is closed")) }
                    if let c = s.idle.popLast() { return .success(.connection(c)) }
                    if s.open < options.maxConnections {
                        s.open += 1
                        return .success(.create)
                    }
                    s.waiters.append(Waiter(id: waiterID, continuation: continuation))
                    return nil
                }
                if let immediate {
                    continuation.resume(with: immediate)
                    return
                }
                timer.withLock {
                    $0 = Task { [weak self] in
                        try? await Task.sleep(for: timeout)
                        if Task.isCancelled { return }
                        self?.failWaiter(waiterID, PGError(kind: .poolTimeout, message: "no connection available within \(timeout)"))
                    }
                }
            }
        } onCancel: {
            failWaiter(waiterID, .cancelled)
        }
        timer.withLock { $0?.cancel() }
        switch grant {
        case .connection(let c):
            return c
        case .create:
            do {
                return try await PGSerializedConnection.connect(configuration: configuration, logger: logger)
            } catch {
                slotFreed()
                throw error
            }
        }
    }

    private func failWaiter(_ id: UInt64, _ error: PGError) {
        let waiter = state.withLock { s -> Waiter? in
            guard let i = s.waiters.firstIndex(where: { $0.id == id }) else { return nil }
            return s.waiters.remove(at: i)
        }
        waiter?.continuation.resume(throwing: error)
    }

    /// A connection slot is free (its connection failed or was discarded): give it to the
    /// first waiter, or account for it.
    private func slotFreed() {
        enum Next { case waiter(Waiter), closedDone([CheckedContinuation<Void, Never>]), nothing }
        let next = state.withLock { s -> Next in
            if !s.closed, !s.waiters.isEmpty { return .waiter(s.waiters.removeFirst()) }  // slot passes on
            s.open -= 1
            if s.closed, s.open == 0 {
                defer { s.closeWaiters = [] }
                return .closedDone(s.closeWaiters)
            }
            return .nothing
        }
        switch next {
        case .waiter(let w): w.continuation.resume(returning: .create)
        case .closedDone(let cs): for c in cs { c.resume() }
        case .nothing: break
        }
    }

    /// Checks `connection` back in; `reusable` is what its ``PGSerializedConnection/resetForReuse()`` said.
    private func release(_ connection: PGSerializedConnection, reusable: Bool) async {
        guard reusable else {
            logger.debug("discarding a broken connection")
            await connection.close()
            slotFreed()
            return
        }
        enum Next { case waiter(Waiter), idle, close }
        let next = state.withLock { s -> Next in
            if s.closed { return .close }
            if !s.waiters.isEmpty { return .waiter(s.waiters.removeFirst()) }
            s.idle.append(connection)
            return .idle
        }
        switch next {
        case .waiter(let w): w.continuation.resume(returning: .connection(connection))
        case .idle: break
        case .close:
            await connection.close()
            slotFreed()
        }
    }

    // MARK: Lifecycle

    /// Waits for graceful shutdown (or cancellation), then ``close()``s the pool.
    public func run() async throws {
        try? await gracefulShutdown()
        await close()
    }

    /// Closes the pool: fails waiters, stops listeners, closes idle connections now and
    /// in-use ones when they are checked in; returns when all are closed and their threads
    /// have been told to stop. Later calls throw ``PGError/Kind/poolClosed``.
    public func close() async {
        let (idle, waiters, listeners) = state.withLock { s in
            s.closed = true
            defer {
                s.idle = []
                s.waiters = []
                s.listeners = [:]
            }
            return (s.idle, s.waiters, Array(s.listeners.values))
        }
        for w in waiters { w.continuation.resume(throwing: PGError(kind: .poolClosed, message: "the client is closed")) }
        for l in listeners { l.stop() }
        for c in idle {
            await c.close()
            slotFreed()
        }
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let done = state.withLock { s in
                if s.open == 0 { return true }
                s.closeWaiters.append(continuation)
                return false
            }
            if done { continuation.resume() }
        }
        for l in listeners { await l.waitUntilFinished() }
    }

    /// Connections currently open (idle or in use); for tests and metrics.
    public var openConnectionCount: Int { state.withLock { $0.open } }

    /// Open connections not lent out right now; for metrics (in use = open - idle).
    public var idleConnectionCount: Int { state.withLock { $0.idle.count } }

    /// Callers waiting for a connection; for tests and metrics.
    public var waiterCount: Int { state.withLock { $0.waiters.count } }
}

import CLibPQ
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Logging
import Synchronization

/// One blocking libpq connection.
///
/// `PGConnection` is synchronous and not `Sendable`: libpq forbids using a `PGconn` from two
/// threads at once, and the type system enforces that. In async code, use ``PGClient``,
/// which keeps each connection on its own dedicated thread and never blocks Swift's
/// cooperative pool.
///
/// ```swift
/// let conn = try PGConnection(url: "postgresql://postgres@127.0.0.1:5432/postgres")
/// let n = try conn.query("SELECT \(41) + 1").first?.decode(Int.self, at: 0)
/// ```
///
/// Server NOTICE and WARNING messages go to the logger, not stderr.
///
/// If the current task is cancelled, statements fail with ``PGError/Kind/cancelled``
/// before they start (cleanup statements such as ROLLBACK still run).
///
/// ## Topics
///
/// ### Connecting
/// - ``init(configuration:logger:)``
/// - ``init(url:logger:)``
/// - ``close()``
///
/// ### Statements
/// - ``query(_:)``
/// - ``execute(_:)``
/// - ``queryValue(_:_:)``
/// - ``executeScript(_:)``
///
/// ### Prepared statements
/// - ``cachedQuery(_:)``
/// - ``prepare(_:name:)``
/// - ``query(_:_:)``
/// - ``query(_:values:)``
/// - ``execute(_:_:)``
/// - ``deallocate(_:)``
///
/// ### Transactions
/// - ``transaction(isolation:readOnly:maxAttempts:_:)``
/// - ``transactionStatus``
///
/// ### Bulk copy
/// - ``copyIn(_:format:_:)``
/// - ``copyOut(_:_:)``
///
/// ### Notifications
/// - ``notify(channel:payload:)``
///
/// ### Cancelling
/// - ``makeCanceller()``
public final class PGConnection {
    private(set) var handle: OpaquePointer?
    public let configuration: PGConfiguration
    public let logger: Logger
    // Kept alive as long as the PGconn: libpq holds an unretained pointer to it.
    private let noticeBox: NoticeBox
    private var preparedCounter = 0
    var savepointCounter = 0
    /// Statements ``cachedQuery(_:)`` prepared on this connection.
    var statementCache = PGStatementCache()

    /// Connects (blocking) with `PQconnectdbParams`.
    ///
    /// - Throws: ``PGError`` of kind ``PGError/Kind/connection`` if the server is unreachable
    ///   or refuses the connection.
    public init(configuration: PGConfiguration, logger: Logger = Logger(label: "PostgresLibPQ")) throws(PGError) {
        self.configuration = configuration
        self.logger = logger
        self.noticeBox = NoticeBox(logger: logger)
        let params = configuration.libpqParameters
        let conn: OpaquePointer? = withCStrings(params.map(\.0)) { keys in
            withCStrings(params.map(\.1)) { values in
                var k = keys.map { UnsafePointer($0) } + [nil]
                var v = values.map { UnsafePointer($0) } + [nil]
                return PQconnectdbParams(&k, &v, 0)
            }
        }
        guard let conn else { throw PGError(kind: .connection, message: "out of memory creating a connection") }
        guard PQstatus(conn) == CONNECTION_OK else {
            let error = PGError.connection(conn, "could not connect")
            PQfinish(conn)  // a failed PGconn must be finished too
            throw error
        }
        handle = conn
        PQsetNoticeReceiver(conn, noticeReceiver, Unmanaged.passUnretained(noticeBox).toOpaque())
    }

    /// Connects from a `postgresql://` URL; see ``PGConfiguration/init(url:)``.
    public convenience init(url: String, logger: Logger = Logger(label: "PostgresLibPQ")) throws(PGError) {
        try self.init(configuration: PGConfiguration(url: url), logger: logger)
    }

    deinit { close() }

    /// Closes the connection (`PQfinish`, exactly once). Later calls throw usage errors.
    public func close() {
        if let handle {
            PQfinish(handle)
            self.handle = nil
        }
    }

    public var isClosed: Bool { handle == nil }

    /// Whether libpq considers the connection usable (`PQstatus == CONNECTION_OK`).
    public var isHealthy: Bool { handle.map { PQstatus($0) == CONNECTION_OK } ?? false }

    /// The server version as an integer, e.g. 150018 for 15.18.
    public var serverVersion: Int { handle.map { Int(PQserverVersion($0)) } ?? 0 }

    /// The server version text, e.g. `"15.18 (Debian 15.18-0+deb12u1)"`.
    public var serverVersionString: String? { parameterStatus("server_version") }

    /// A server parameter reported at startup or on change (`server_version`, `TimeZone`...).
    public func parameterStatus(_ name: String) -> String? {
        guard let handle, let p = PQparameterStatus(handle, name) else { return nil }
        return String(cString: p)
    }

    /// The backend process id (`pg_backend_pid()`).
    public var backendPID: Int32 { handle.map { PQbackendPID($0) } ?? 0 }

    /// Where the session stands with respect to transactions.
    public var transactionStatus: PGTransactionStatus {
        guard let handle else { return .unknown }
        switch PQtransactionStatus(handle) {
        case PQTRANS_IDLE: return .idle
        case PQTRANS_ACTIVE: return .active
        case PQTRANS_INTRANS: return .inTransaction
        case PQTRANS_INERROR: return .inError
        default: return .unknown
        }
    }

    /// A handle that cancels the running statement from any thread (`PQcancel`).
    public func makeCanceller() -> PGCanceller? {
        guard let handle, let cancel = PQgetCancel(handle) else { return nil }
        return PGCanceller(cancel)
    }

    func requireHandle() throws(PGError) -> OpaquePointer {
        guard let handle else { throw .usage("the connection is closed") }
        return handle
    }

    // MARK: Statements

    /// Runs one statement with `PQexecParams` and returns its rows.
    public func query(_ query: PGQuery) throws(PGError) -> PGResult {
        try run(query, checkCancellation: true)
    }

    /// Runs one statement and returns the number of affected rows.
    @discardableResult
    public func execute(_ query: PGQuery) throws(PGError) -> Int {
        try run(query, checkCancellation: true).affectedRows
    }

    /// ``execute(_:)`` even when the calling task is cancelled: for the cleanup that must still reach
    /// the server after a cancelled statement (releasing a session-level lock, taking back what was
    /// counted for the work just cancelled), as `ROLLBACK` does. A cancel request that arrives while it
    /// runs can still cancel it; the caller then closes the connection if the cleanup was essential.
    @discardableResult
    public func executeEvenIfCancelled(_ query: PGQuery) throws(PGError) -> Int {
        try run(query, checkCancellation: false).affectedRows
    }

    /// Runs the first column of the first row, or nil when there is no row.
    public func queryValue<T: PGDecodable>(_ type: T.Type = T.self, _ query: PGQuery) throws(PGError) -> T? {
        let result = try run(query, checkCancellation: true)
        guard let row = result.first else { return nil }
        return try row.decode(T.self, at: 0)
    }

    /// Runs trusted SQL text that may hold several statements (migrations), with `PQexec`.
    /// It cannot take parameters.
    public func executeScript(_ sql: String) throws(PGError) {
        let h = try requireHandle()
        try checkCancellation()
        _ = try checkResult(PQexec(h, sql), sql: sql)
    }

    func run(_ query: PGQuery, checkCancellation check: Bool) throws(PGError) -> PGResult {
        let h = try requireHandle()
        if check { try checkCancellation() }
        if let e = query.encodingError { throw e }
        let sql = query.sql
        let bindings = query.bindings
        let res: OpaquePointer?
        if bindings.isEmpty {
            res = PQexecParams(h, sql, 0, nil, nil, nil, nil, 0)
        } else {
            let types = bindings.map { Oid($0.oid) }
            res = try withParameterCStrings(bindings.map(\.text)) { values in
                let v = values.map { UnsafePointer($0) }
                return PQexecParams(h, sql, Int32(bindings.count), types, v, nil, nil, 0)
            }
        }
        do throws(PGError) {
            return try checkResult(res, sql: sql)
        } catch {
            throw error.redacting(bindings.map(\.text))
        }
    }

    func checkCancellation() throws(PGError) {
        if Task.isCancelled { throw PGError.cancelled }
    }

    /// Turns a `PGresult` into a ``PGResult`` or a thrown error (clearing it), and makes sure
    /// no further results are pending.
    func checkResult(_ res: OpaquePointer?, sql: String?) throws(PGError) -> PGResult {
        guard let res else { throw PGError.connection(handle, "no result from server", sql: sql) }
        switch PQresultStatus(res) {
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY:
            return PGResult(handle: res)
        case PGRES_COPY_IN, PGRES_COPY_OUT, PGRES_COPY_BOTH:
            PQclear(res)
            abortCopy()
            throw .usage("COPY must run through copyIn/copyOut")
        default:
            var error = PGError.fromResult(res, connection: handle, sql: sql)
            PQclear(res)
            if error.sqlState == .queryCanceled && Task.isCancelled { error.kind = .cancelled }
            throw error
        }
    }

    /// Leaves COPY state started by a statement run through the wrong API.
    func abortCopy() {
        guard let h = handle else { return }
        if PQputCopyEnd(h, "COPY is not supported through query()") == 1 {
            // COPY IN: the server now fails it.
        }
        var buffer: UnsafeMutablePointer<CChar>?
        while PQgetCopyData(h, &buffer, 0) > 0 {  // COPY OUT: drain
            PQfreemem(buffer)
            buffer = nil
        }
        drainResults()
    }

    /// Reads and clears results until `PQgetResult` returns NULL; returns the first error.
    @discardableResult
    func drainResults(sql: String? = nil) -> PGError? {
        guard let h = handle else { return nil }
        var first: PGError?
        while let r = PQgetResult(h) {
            let st = PQresultStatus(r)
            if st == PGRES_FATAL_ERROR || st == PGRES_BAD_RESPONSE, first == nil {
                first = PGError.fromResult(r, connection: h, sql: sql)
            }
            PQclear(r)
            if st == PGRES_COPY_IN { _ = PQputCopyEnd(h, "aborted") }
            if st == PGRES_COPY_OUT {
                var buffer: UnsafeMutablePointer<CChar>?
                while PQgetCopyData(h, &buffer, 0) > 0 {
                    PQfreemem(buffer)
                    buffer = nil
                }
            }
        }
        return first
    }

    // MARK: Prepared statements

    /// Prepares a statement (`PQprepare`) for repeated execution with `query(_:_:)` / `execute(_:_:)`.
    ///
    /// Write placeholders as `$1`, `$2`...; their types are inferred by the server.
    public func prepare(_ sql: String, name: String? = nil) throws(PGError) -> PGPreparedStatement {
        let h = try requireHandle()
        try checkCancellation()
        let statementName: String
        if let name {
            statementName = name
        } else {
            preparedCounter += 1
            statementName = "pglibpq_\(preparedCounter)"
        }
        _ = try checkResult(PQprepare(h, statementName, sql, 0, nil), sql: sql)
        let described = try checkResult(PQdescribePrepared(h, statementName), sql: sql)
        return PGPreparedStatement(
            name: statementName, sql: sql, parameterCount: Int(PQnparams(described.handle)))
    }

    /// Runs a prepared statement with positional values (nil is NULL).
    public func query(_ statement: PGPreparedStatement, _ values: (any PGEncodable)?...) throws(PGError) -> PGResult {
        try query(statement, values: values)
    }

    /// Runs a prepared statement with an array of positional values (nil is NULL).
    public func query(_ statement: PGPreparedStatement, values: [(any PGEncodable)?]) throws(PGError) -> PGResult {
        let h = try requireHandle()
        try checkCancellation()
        guard values.count == statement.parameterCount else {
            throw .usage("statement expects \(statement.parameterCount) values, got \(values.count)")
        }
        var texts = [String?]()
        texts.reserveCapacity(values.count)
        for value in values {
            texts.append(try value?.pgEncode() ?? nil)
        }
        let res = try withParameterCStrings(texts) { ptrs in
            let v = ptrs.map { UnsafePointer($0) }
            return PQexecPrepared(h, statement.name, Int32(values.count), v, nil, nil, 0)
        }
        do throws(PGError) {
            return try checkResult(res, sql: statement.sql)
        } catch {
            throw error.redacting(texts)
        }
    }

    /// Runs a prepared statement and returns the number of affected rows.
    @discardableResult
    public func execute(_ statement: PGPreparedStatement, _ values: (any PGEncodable)?...) throws(PGError) -> Int {
        try query(statement, values: values).affectedRows
    }

    /// Frees a prepared statement on the server.
    public func deallocate(_ statement: PGPreparedStatement) throws(PGError) {
        _ = try run(PGQuery(unsafeSQL: "DEALLOCATE \(PGQuery.quoteIdentifier(statement.name))"), checkCancellation: false)
    }
}

@available(*, unavailable)
extension PGConnection: Sendable {}

/// A statement prepared on one connection (`PQprepare`). Only valid on that connection.
public struct PGPreparedStatement: Sendable, Hashable {
    public let name: String
    public let sql: String
    public let parameterCount: Int
}

/// `PQtransactionStatus`.
public enum PGTransactionStatus: Sendable, Hashable {
    case idle, active, inTransaction, inError, unknown
}

/// Cancels the statement running on a connection, from any thread (`PQcancel`).
public final class PGCanceller: Sendable {
    // PGcancel is documented thread-safe (so the handle may be shared); the lock only serialises
    // our own calls.
    private nonisolated(unsafe) let handle: OpaquePointer
    private let lock = Mutex(())

    init(_ handle: OpaquePointer) { self.handle = handle }
    deinit { PQfreeCancel(handle) }

    /// Asks the server to cancel the current statement; returns whether the request was sent.
    @discardableResult
    public func cancel() -> Bool {
        lock.withLock { _ in
            var buffer = [CChar](repeating: 0, count: 256)
            return PQcancel(handle, &buffer, 256) == 1
        }
    }
}

// MARK: - Helpers

/// ``withCStrings(_:_:)`` for statement parameters: refuses, before copying anything, a text
/// holding a NUL byte, which a C string would end at (the server would get part of the value).
func withParameterCStrings<R>(
    _ texts: [String?], _ body: ([UnsafeMutablePointer<CChar>?]) -> R
) throws(PGError) -> R {
    for (index, text) in texts.enumerated() where text?.utf8.contains(0) == true {
        throw PGError.nulInText(parameter: index + 1)
    }
    return withCStrings(texts, body)
}

/// NUL-terminated copies of `strings` (nil stays nil), alive for the duration of `body`.
func withCStrings<R, E: Error>(
    _ strings: [String?], _ body: ([UnsafeMutablePointer<CChar>?]) throws(E) -> R
) throws(E) -> R {
    let pointers = strings.map { s in s.map { strdup($0)! } }
    defer { for p in pointers { free(p) } }
    return try body(pointers)
}

final class NoticeBox {
    let logger: Logger
    init(logger: Logger) { self.logger = logger }
}

/// Forwards server notices (NOTICE, WARNING...) to swift-log instead of stderr.
private let noticeReceiver: PQnoticeReceiver = { arg, result in
    guard let arg, let result else { return }
    let box = Unmanaged<NoticeBox>.fromOpaque(arg).takeUnretainedValue()
    func field(_ c: UInt8) -> String? {
        PQresultErrorField(result, Int32(c)).map { String(cString: $0) }
    }
    let severity = field(UInt8(ascii: "V")) ?? "NOTICE"
    let message = field(UInt8(ascii: "M")) ?? ""
    let level: Logger.Level
    switch severity {
    case "WARNING": level = .warning
    case "NOTICE": level = .notice
    case "INFO", "LOG": level = .info
    default: level = .debug
    }
    var metadata: Logger.Metadata = ["pg.severity": "\(severity)"]
    if let code = field(UInt8(ascii: "C")) { metadata["pg.sqlstate"] = "\(code)" }
    box.logger.log(level: level, "\(message)", metadata: metadata)
}

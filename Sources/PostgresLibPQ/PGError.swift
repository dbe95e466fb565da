import CLibPQ
import Foundation

/// The one error type thrown by this module.
///
/// Every failure is a `PGError`: a server error (with its ``SQLState`` and diagnostic
/// fields), a connection failure, a decoding failure (naming the column and the types), a
/// misuse of the API, a cancellation, or a pool timeout. Tell them apart with ``kind``.
///
/// Match errors in `catch` clauses like GRDB's `ResultCode`:
///
/// ```swift
/// catch PGError.uniqueViolation { ... }                 // a SQLState constant, through ~=
/// catch let e as PGError where e.isRetryableTransactionFailure { ... }
/// catch let e as PGError where e.kind == .connection { exit(69) }   // unreachable
/// ```
///
/// ``description`` never contains bound parameter values (they may be personal data or
/// secrets); nor does ``debugDescription``, which adds the SQL text and diagnostics. Values
/// the server echoes in its message or detail are replaced by `[redacted]`.
public struct PGError: Error, Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    /// What went wrong, broadly.
    public enum Kind: String, Sendable, Hashable {
        /// The server could not be reached, refused us, or the connection broke.
        /// A CLI maps this to "unreachable" (exit 69).
        case connection
        /// The server reported an error for a statement; see ``PGError/sqlState``.
        case server
        /// A value could not be decoded into the requested Swift type.
        case decoding
        /// A value could not be encoded as a parameter (e.g. `Decimal.nan`).
        case encoding
        /// A text parameter holds a NUL byte (U+0000): PostgreSQL text cannot store it, and libpq
        /// would silently cut the value short there. Refused before anything is sent; the message
        /// names the parameter, never its value.
        case nulInText
        /// The API was misused (bad URL, wrong state, unknown column...).
        case usage
        /// The task was cancelled before or while the statement ran.
        case cancelled
        /// A pool waiter did not get a connection in time.
        case poolTimeout
        /// The pool is shut down.
        case poolClosed
    }

    /// Why a decoding failed; set when ``kind`` is ``Kind/decoding``.
    public enum DecodingFailure: String, Sendable, Hashable {
        /// The column's PostgreSQL type does not convert to the requested Swift type.
        case typeMismatch
        /// NULL was read into a non-optional type.
        case unexpectedNull
        /// The text of the value is not valid for the type (or out of range).
        case invalidValue
        /// No column has that name.
        case columnNotFound
        /// The column or row index is out of range.
        case indexOutOfRange
    }

    public var kind: Kind
    /// The SQLSTATE reported by the server, if any (cancellations carry ``SQLState/queryCanceled``).
    public var sqlState: SQLState?
    /// The server's severity (`ERROR`, `FATAL`, `PANIC`), if any.
    public var severity: String?
    /// The primary human-readable message.
    public var message: String
    public var detail: String?
    public var hint: String?
    /// Position (1-based character offset) of the error in the statement, if reported.
    public var position: Int?
    public var schema: String?
    public var table: String?
    /// The column concerned: the server's diagnostic column, or the decoded column's name.
    public var column: String?
    /// For decoding errors, the 0-based column index.
    public var columnIndex: Int?
    public var dataType: String?
    public var constraint: String?
    /// For decoding errors, what failed.
    public var decodingFailure: DecodingFailure?
    /// The SQL text of the statement (never its parameter values), shown only by ``debugDescription``.
    public var sql: String?

    public init(kind: Kind, message: String, sqlState: SQLState? = nil) {
        self.kind = kind
        self.message = message
        self.sqlState = sqlState
    }

    /// A serialization failure (40001) or deadlock (40P01): rerunning the whole
    /// transaction may succeed.
    public var isRetryableTransactionFailure: Bool {
        sqlState == .serializationFailure || sqlState == .deadlockDetected
    }

    /// Whether the database could not be reached or the connection was lost.
    public var isConnectionFailure: Bool { kind == .connection }

    /// Whether the database is unavailable, whatever the error's route: no connection, a lost
    /// one, class 08, or a server shutting down or not yet accepting work (57P01–57P03, e.g. a
    /// `pg_terminate_backend` during a load). A CLI maps this to "unreachable" (exit 69).
    public var isDatabaseUnavailable: Bool {
        kind == .connection || sqlState?.isConnectionException == true || sqlState?.isServerUnavailable == true
    }

    /// Whether a wait ran out: a statement cancelled or timed out (57014, not a cancelled Swift
    /// task), a lock not available (55P03), or a pool waiter without a connection in time. A CLI
    /// maps this to "timed out" (exit 75).
    public var isTimeout: Bool {
        kind == .poolTimeout || (kind != .cancelled && sqlState?.isGaveUpWaiting == true)
    }

    public var description: String {
        var s = "PGError.\(kind.rawValue)"
        if let sqlState { s += " \(sqlState.rawValue)" }
        s += ": \(message)"
        if let column, kind == .decoding { s += " (column \"\(column)\")" }
        return s
    }

    public var debugDescription: String {
        var s = description
        for (label, value) in [
            ("severity", severity), ("detail", detail), ("hint", hint), ("schema", schema),
            ("table", table), ("column", column), ("constraint", constraint), ("dataType", dataType),
            ("sql", sql),
        ] {
            if let value { s += "\n  \(label): \(value)" }
        }
        if let position { s += "\n  position: \(position)" }
        return s
    }

    // MARK: Matching

    /// Matches a `PGError` whose SQLSTATE is `pattern`: `catch PGError.uniqueViolation`.
    public static func ~= (pattern: SQLState, error: PGError) -> Bool { error.sqlState == pattern }
}

extension PGError {
    // `catch PGError.uniqueViolation` reads better than `catch SQLState.uniqueViolation`;
    // these forward to SQLState so the codes live in one place.
    public static var uniqueViolation: SQLState { .uniqueViolation }
    public static var foreignKeyViolation: SQLState { .foreignKeyViolation }
    public static var checkViolation: SQLState { .checkViolation }
    public static var notNullViolation: SQLState { .notNullViolation }
    public static var serializationFailure: SQLState { .serializationFailure }
    public static var deadlockDetected: SQLState { .deadlockDetected }
    public static var queryCanceled: SQLState { .queryCanceled }
    public static var undefinedTable: SQLState { .undefinedTable }
    public static var syntaxError: SQLState { .syntaxError }
    public static var invalidTextRepresentation: SQLState { .invalidTextRepresentation }
    public static var divisionByZero: SQLState { .divisionByZero }
    public static var lockNotAvailable: SQLState { .lockNotAvailable }
    public static var adminShutdown: SQLState { .adminShutdown }
}

extension PGError {
    /// Builds a server error from a failed `PGresult` (which the caller still owns and clears).
    static func fromResult(_ result: OpaquePointer, connection: OpaquePointer?, sql: String?) -> PGError {
        func field(_ code: UInt8) -> String? {
            guard let p = PQresultErrorField(result, Int32(code)) else { return nil }
            return String(cString: p)
        }
        let state = field(UInt8(ascii: "C")).map(SQLState.init(rawValue:))
        var message = field(UInt8(ascii: "M"))
        if message == nil, let p = PQresultErrorMessage(result) {
            message = String(cString: p).trimmingTrailingNewlines()
        }
        let broken = connection.map { PQstatus($0) == CONNECTION_BAD } ?? false
        var kind: Kind = .server
        if broken || state?.isConnectionException == true { kind = .connection }
        var error = PGError(kind: kind, message: message ?? "unknown error", sqlState: state)
        error.severity = field(UInt8(ascii: "V")) ?? field(UInt8(ascii: "S"))
        error.detail = field(UInt8(ascii: "D"))
        error.hint = field(UInt8(ascii: "H"))
        error.position = field(UInt8(ascii: "P")).flatMap { Int($0) }
        error.schema = field(UInt8(ascii: "s"))
        error.table = field(UInt8(ascii: "t"))
        error.column = field(UInt8(ascii: "c"))
        error.dataType = field(UInt8(ascii: "d"))
        error.constraint = field(UInt8(ascii: "n"))
        error.sql = sql
        return error
    }

    /// A connection-level error from `PQerrorMessage`.
    static func connection(_ conn: OpaquePointer?, _ fallback: String, sql: String? = nil) -> PGError {
        var text = fallback
        if let conn, let p = PQerrorMessage(conn) {
            let m = String(cString: p).trimmingTrailingNewlines()
            if !m.isEmpty { text = m }
        }
        var error = PGError(kind: .connection, message: text)
        error.sql = sql
        return error
    }

    /// Removes bound parameter values the server echoed back ("invalid input syntax for
    /// type integer: \"secret\"", "Key (email)=(a@b.c) already exists"), so that no
    /// description or log line of an error carries parameter values.
    func redacting(_ values: [String?]) -> PGError {
        let texts = values.compactMap { $0 }.filter { !$0.isEmpty }.sorted { $0.count > $1.count }
        guard !texts.isEmpty else { return self }
        func redact(_ s: String?) -> String? {
            guard var s else { return nil }
            for t in texts {
                s = s.replacingAll("\"\(t)\"", with: "\"[redacted]\"")
                s = s.replacingAll("=(\(t))", with: "=([redacted])")
                if t.count >= 4 { s = s.replacingAll(t, with: "[redacted]") }
            }
            return s
        }
        var e = self
        e.message = redact(message) ?? message
        e.detail = redact(detail)
        e.hint = redact(hint)
        return e
    }

    static func usage(_ message: String) -> PGError { PGError(kind: .usage, message: message) }

    static func decoding(_ failure: DecodingFailure, _ message: String) -> PGError {
        var e = PGError(kind: .decoding, message: message)
        e.decodingFailure = failure
        return e
    }

    /// A text parameter (1-based `$n`) holding a NUL byte.
    static func nulInText(parameter: Int) -> PGError {
        PGError(kind: .nulInText, message: "parameter $\(parameter) holds a NUL byte (U+0000), which PostgreSQL text cannot store; "
                    + "the statement was not sent")
    }

    static var cancelled: PGError {
        PGError(kind: .cancelled, message: "the task was cancelled", sqlState: .queryCanceled)
    }
}

extension String {
    func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        var result = ""
        var rest = Substring(self)
        while let range = rest.range(of: target) {
            result += rest[..<range.lowerBound]
            result += replacement
            rest = rest[range.upperBound...]
        }
        return result + rest
    }

    func trimmingTrailingNewlines() -> String {
        var s = Substring(self)
        while let last = s.last, last.isNewline || last == " " { s = s.dropLast() }
        return String(s)
    }
}

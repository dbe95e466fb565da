/// A five-character PostgreSQL error code (SQLSTATE), such as `23505` for a unique violation.
///
/// The raw code is always kept, so codes without a named constant still round-trip; the
/// common ones have names. Use it in `catch` clauses:
///
/// ```swift
/// do { try conn.execute("INSERT INTO t VALUES (\(id))") }
/// catch SQLState.uniqueViolation { ... }              // through ~=
/// catch let e as PGError where e.sqlState == .foreignKeyViolation { ... }
/// ```
///
/// See <https://www.postgresql.org/docs/15/errcodes-appendix.html>.
public struct SQLState: RawRepresentable, Hashable, Sendable, ExpressibleByStringLiteral,
    CustomStringConvertible
{
    /// The five-character code, e.g. `"40001"`.
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }

    /// The two-character class, e.g. `"23"` (integrity constraint violation) for `"23505"`.
    public var errorClass: String { String(rawValue.prefix(2)) }

    public var description: String { rawValue }

    // MARK: Class 08: connection exception
    public static let connectionException: SQLState = "08000"
    public static let connectionDoesNotExist: SQLState = "08003"
    public static let connectionFailure: SQLState = "08006"
    public static let sqlclientUnableToEstablishSQLConnection: SQLState = "08001"
    public static let sqlserverRejectedEstablishmentOfSQLConnection: SQLState = "08004"
    public static let protocolViolation: SQLState = "08P01"

    // MARK: Class 22: data exception
    public static let dataException: SQLState = "22000"
    public static let numericValueOutOfRange: SQLState = "22003"
    public static let invalidDatetimeFormat: SQLState = "22007"
    public static let datetimeFieldOverflow: SQLState = "22008"
    public static let divisionByZero: SQLState = "22012"
    public static let stringDataRightTruncation: SQLState = "22001"
    public static let invalidTextRepresentation: SQLState = "22P02"
    public static let badCopyFileFormat: SQLState = "22P04"
    public static let characterNotInRepertoire: SQLState = "22021"
    public static let untranslatableCharacter: SQLState = "22P05"

    // MARK: Class 23: integrity constraint violation
    public static let integrityConstraintViolation: SQLState = "23000"
    public static let restrictViolation: SQLState = "23001"
    public static let notNullViolation: SQLState = "23502"
    public static let foreignKeyViolation: SQLState = "23503"
    public static let uniqueViolation: SQLState = "23505"
    public static let checkViolation: SQLState = "23514"
    public static let exclusionViolation: SQLState = "23P01"

    // MARK: Class 25 / 40: transactions
    public static let activeSQLTransaction: SQLState = "25001"
    public static let readOnlySQLTransaction: SQLState = "25006"
    public static let inFailedSQLTransaction: SQLState = "25P02"

    // MARK: Class 0A and 26: statements
    /// Also "cached plan must not change result type": a prepared statement's table changed shape.
    public static let featureNotSupported: SQLState = "0A000"
    /// No prepared statement of that name (deallocated).
    public static let invalidSQLStatementName: SQLState = "26000"

    public static let transactionRollback: SQLState = "40000"
    public static let serializationFailure: SQLState = "40001"
    public static let deadlockDetected: SQLState = "40P01"

    // MARK: Class 42: syntax error or access rule violation
    public static let syntaxError: SQLState = "42601"
    public static let insufficientPrivilege: SQLState = "42501"
    public static let undefinedColumn: SQLState = "42703"
    public static let undefinedFunction: SQLState = "42883"
    public static let undefinedTable: SQLState = "42P01"
    public static let undefinedObject: SQLState = "42704"
    public static let duplicateTable: SQLState = "42P07"
    public static let duplicateObject: SQLState = "42710"
    public static let datatypeMismatch: SQLState = "42804"
    public static let ambiguousColumn: SQLState = "42702"

    // MARK: Classes 53, 55, 57, 28, 3D
    public static let insufficientResources: SQLState = "53000"
    public static let tooManyConnections: SQLState = "53300"
    public static let objectInUse: SQLState = "55006"
    public static let lockNotAvailable: SQLState = "55P03"
    public static let queryCanceled: SQLState = "57014"
    public static let adminShutdown: SQLState = "57P01"
    public static let crashShutdown: SQLState = "57P02"
    public static let cannotConnectNow: SQLState = "57P03"
    public static let invalidPassword: SQLState = "28P01"
    public static let invalidAuthorizationSpecification: SQLState = "28000"
    public static let invalidCatalogName: SQLState = "3D000"

    /// Whether the code is in class 08 (connection exception).
    public var isConnectionException: Bool { errorClass == "08" }

    /// The server is going away or not taking connections: 57P01 admin shutdown (also
    /// `pg_terminate_backend`), 57P02 crash shutdown, 57P03 cannot connect now (starting up,
    /// shutting down, in recovery). For a client the same fault as an unreachable server.
    public var isServerUnavailable: Bool {
        self == .adminShutdown || self == .crashShutdown || self == .cannotConnectNow
    }

    /// A wait the server gave up: 57014 query canceled (also `statement_timeout`) and 55P03 lock
    /// not available (`lock_timeout`, `NOWAIT`). Trying again later may succeed.
    public var isGaveUpWaiting: Bool { self == .queryCanceled || self == .lockNotAvailable }

    /// Matches an error whose SQLSTATE is this one, so `catch SQLState.uniqueViolation` works.
    public static func ~= (pattern: SQLState, error: any Error) -> Bool {
        (error as? PGError)?.sqlState == pattern
    }
}

import Foundation
import PostgresLibPQ
import RekapTestSupport
import Testing

@Suite(.freshDatabase)
struct ErrorTests {
    func setUp() throws -> PGConnection {
        let conn = try TestDatabase.connect()
        try conn.executeScript(
            """
            CREATE TEMP TABLE parent (id int PRIMARY KEY);
            CREATE TEMP TABLE child (
                id int PRIMARY KEY,
                parent_id int REFERENCES parent(id),
                qty int NOT NULL CONSTRAINT qty_positive CHECK (qty > 0)
            );
            INSERT INTO parent VALUES (1);
            """)
        return conn
    }

    func sqlState(_ body: () throws -> Void) -> SQLState? {
        do {
            try body()
            return nil
        } catch let e as PGError {
            return e.sqlState
        } catch {
            return nil
        }
    }

    @Test func commonSQLStates() throws {
        let conn = try setUp()
        #expect(sqlState { try conn.execute("INSERT INTO parent VALUES (\(1))") } == .uniqueViolation)
        #expect(sqlState { try conn.execute("INSERT INTO child VALUES (1, \(99), 1)") } == .foreignKeyViolation)
        #expect(sqlState { try conn.execute("INSERT INTO child VALUES (1, 1, \(-1))") } == .checkViolation)
        #expect(sqlState { try conn.execute("INSERT INTO child VALUES (1, 1, NULL)") } == .notNullViolation)
        #expect(sqlState { try conn.execute("SELEC 1") } == .syntaxError)
        #expect(sqlState { try conn.execute("SELECT * FROM missing_table") } == .undefinedTable)
        #expect(sqlState { try conn.execute("SELECT 1 / \(0)") } == .divisionByZero)
        #expect(sqlState { try conn.execute("SELECT 'abc'::int") } == .invalidTextRepresentation)
        #expect(SQLState.lockNotAvailable.rawValue == "55P03")
        #expect(SQLState.adminShutdown.rawValue == "57P01")
        #expect(SQLState(rawValue: "XX999").rawValue == "XX999")  // unknown codes are kept
    }

    @Test func diagnosticFields() throws {
        let conn = try setUp()
        do {
            try conn.execute("INSERT INTO child VALUES (1, 1, \(-5))")
            Issue.record("no error")
        } catch {
            #expect(error.kind == .server)
            #expect(error.severity == "ERROR")
            #expect(error.table == "child")
            #expect(error.constraint == "qty_positive")
            #expect(error.detail?.isEmpty == false)
            #expect(error.message.contains("qty_positive"))
        }
        do {
            try conn.execute("INSERT INTO child (id, parent_id) VALUES (2, 1)")
        } catch {
            #expect(error.column == "qty")
        }
        // The connection is still usable after errors.
        #expect(try conn.queryValue(Int.self, "SELECT 1") == 1)
    }

    @Test func patternMatchingInCatch() throws {
        let conn = try setUp()
        var matched = [String]()
        do {
            try conn.execute("INSERT INTO parent VALUES (\(1))")
        } catch PGError.uniqueViolation {
            matched.append("PGError.uniqueViolation")
        } catch {
            Issue.record("not matched: \(error)")
        }
        do {
            try conn.execute("INSERT INTO parent VALUES (\(1))")
        } catch SQLState.uniqueViolation {
            matched.append("SQLState.uniqueViolation")
        } catch {
            Issue.record("not matched: \(error)")
        }
        // Untyped contexts (any Error) match too.
        let untyped: () throws -> Void = { try conn.execute("SELECT 1 / 0") }
        do {
            try untyped()
        } catch PGError.divisionByZero {
            matched.append("divisionByZero")
        } catch {
            Issue.record("not matched: \(error)")
        }
        do {
            try untyped()
        } catch let e as PGError where e.sqlState == .divisionByZero {
            matched.append("where")
        }
        switch SQLState.serializationFailure {
        case .serializationFailure: matched.append("switch")
        default: break
        }
        #expect(matched == ["PGError.uniqueViolation", "SQLState.uniqueViolation", "divisionByZero", "where", "switch"])
    }

    @Test func descriptionsNeverShowParameterValues() throws {
        let conn = try setUp()
        let secret = "hunter2-secret-value"
        do {
            try conn.execute("SELECT \(secret)::int")
            Issue.record("no error")
        } catch {
            #expect(error.sqlState == .invalidTextRepresentation)
            // The server quotes the bad value in its message ("invalid input syntax for type
            // integer: ..."); it is redacted.
            #expect(!error.description.contains(secret))
            #expect(!error.debugDescription.contains(secret))
            #expect(error.message.contains("[redacted]"))
            #expect(error.sql == "SELECT $1::int")
        }
        let unique = "another-secret-42"
        do {
            try conn.execute("INSERT INTO parent VALUES (1) ON CONFLICT DO NOTHING")
            try conn.execute("SELECT \(unique), 1/0")
        } catch {
            #expect(!error.description.contains(unique))
            #expect(!error.debugDescription.contains(unique))
            #expect(!String(describing: error).contains(unique))
            #expect(!"\(error)".contains(unique))
        }
        // A query's own description is its SQL text only.
        let q: PGQuery = "SELECT \(secret)"
        #expect(!q.description.contains(secret))
        #expect(!String(reflecting: q).contains(secret))
        var dumped = ""
        dump(q, to: &dumped)
        #expect(!dumped.contains(secret))
        // Unique violations echo the key in the detail: redacted too.
        let email = "person@example.org"
        try conn.execute("CREATE TEMP TABLE u (email text UNIQUE)")
        try conn.execute("INSERT INTO u VALUES (\(email))")
        do {
            try conn.execute("INSERT INTO u VALUES (\(email))")
        } catch {
            #expect(error.sqlState == .uniqueViolation)
            #expect(!error.debugDescription.contains(email))
            #expect(error.detail?.contains("[redacted]") == true)
        }
        let prepared = try conn.prepare("INSERT INTO u VALUES ($1)")
        do {
            try conn.execute(prepared, email)
        } catch {
            #expect(!error.debugDescription.contains(email))
        }
    }
}

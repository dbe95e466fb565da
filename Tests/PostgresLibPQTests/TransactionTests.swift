import Foundation
import PostgresLibPQ
import RekapTestSupport
import Testing

struct Boom: Error {}

@Suite(.freshDatabase)
struct TransactionTests {
    func setUp(_ table: String) throws -> PGConnection {
        let conn = try TestDatabase.connect()
        try conn.execute("CREATE TABLE \(identifier: table) (id int PRIMARY KEY, v int)")
        return conn
    }

    func count(_ conn: PGConnection, _ table: String) throws -> Int {
        try conn.queryValue(Int.self, "SELECT count(*) FROM \(identifier: table)") ?? -1
    }

    @Test func commitsOnReturnAndRollsBackOnThrow() throws {
        let conn = try setUp("t_commit")
        let value = try conn.transaction { c in
            try c.execute("INSERT INTO t_commit VALUES (1, 1)")
            return 42
        }
        #expect(value == 42)
        #expect(try count(conn, "t_commit") == 1)
        #expect(throws: Boom.self) {
            try conn.transaction { c in
                try c.execute("INSERT INTO t_commit VALUES (2, 2)")
                throw Boom()
            }
        }
        #expect(try count(conn, "t_commit") == 1)
        #expect(conn.transactionStatus == .idle)
    }

    @Test func nestedTransactionsUseSavepoints() throws {
        let conn = try setUp("t_nested")
        try conn.transaction { c in
            try c.execute("INSERT INTO t_nested VALUES (1, 1)")
            do {
                try c.transaction { c in
                    try c.execute("INSERT INTO t_nested VALUES (2, 2)")
                    try c.execute("INSERT INTO t_nested VALUES (\(1), 1)")  // unique violation
                }
                Issue.record("inner did not throw")
            } catch PGError.uniqueViolation {
                // the inner block is undone; the outer transaction goes on
            }
            try c.transaction { c in try c.execute("INSERT INTO t_nested VALUES (3, 3)") }
        }
        #expect(try conn.query("SELECT id FROM t_nested ORDER BY id").map { try $0.decode(Int.self, at: 0) } == [1, 3])
    }

    @Test func swallowedErrorsDoNotCommitSilently() throws {
        let conn = try setUp("t_swallow")
        #expect {
            try conn.transaction { c in
                try c.execute("INSERT INTO t_swallow VALUES (1, 1)")
                _ = try? c.execute("SELECT 1/0")
            }
        } throws: { ($0 as? PGError)?.sqlState == .inFailedSQLTransaction }
        #expect(try count(conn, "t_swallow") == 0)
        #expect(conn.transactionStatus == .idle)
    }

    @Test func isolationLevelsAndReadOnly() throws {
        let conn = try setUp("t_iso")
        for level in [PGIsolationLevel.readCommitted, .repeatableRead, .serializable] {
            let shown = try conn.transaction(isolation: level) { c in
                try c.queryValue(String.self, "SHOW transaction_isolation")
            }
            #expect(shown?.uppercased() == level.rawValue)
        }
        #expect {
            try conn.transaction(readOnly: true) { c in try c.execute("INSERT INTO t_iso VALUES (1, 1)") }
        } throws: { ($0 as? PGError)?.sqlState == .readOnlySQLTransaction }
        #expect(try conn.transaction(readOnly: true) { c in try c.queryValue(Int.self, "SELECT 1") } == 1)
    }

    @Test func serializationFailuresAreRecognisable() throws {
        let a = try setUp("t_serial")
        let b = try TestDatabase.connect()
        try a.execute("INSERT INTO t_serial VALUES (1, 0), (2, 0)")
        // Classic write skew: each reads the total and writes a different row.
        do {
            try a.transaction(isolation: .serializable) { a in
                _ = try a.queryValue(Int.self, "SELECT sum(v) FROM t_serial")
                try b.transaction(isolation: .serializable) { b in
                    _ = try b.queryValue(Int.self, "SELECT sum(v) FROM t_serial")
                    try b.execute("UPDATE t_serial SET v = v + 1 WHERE id = 2")
                }
                try a.execute("UPDATE t_serial SET v = v + 1 WHERE id = 1")
            }
            Issue.record("no serialization failure")
        } catch let error as PGError {
            #expect(error.sqlState == .serializationFailure)
            #expect(error.isRetryableTransactionFailure)
        }
        #expect(a.transactionStatus == .idle)
        #expect(try a.queryValue(Int.self, "SELECT sum(v) FROM t_serial") == 1)
    }

    @Test func retryableFailuresAreRetried() throws {
        let a = try setUp("t_retry")
        let b = try TestDatabase.connect()
        try a.execute("INSERT INTO t_retry VALUES (1, 0), (2, 0)")
        var attempts = 0
        try a.transaction(isolation: .serializable, maxAttempts: 3) { a in
            attempts += 1
            _ = try a.queryValue(Int.self, "SELECT sum(v) FROM t_retry")
            if attempts == 1 {  // a concurrent writer forces a serialization failure once
                try b.transaction(isolation: .serializable) { b in
                    _ = try b.queryValue(Int.self, "SELECT sum(v) FROM t_retry")
                    try b.execute("UPDATE t_retry SET v = v + 1 WHERE id = 2")
                }
            }
            try a.execute("UPDATE t_retry SET v = v + 1 WHERE id = 1")
        }
        #expect(attempts == 2)
        #expect(try a.queryValue(Int.self, "SELECT sum(v) FROM t_retry") == 2)
    }

    @Test func deadlocksAreRecognisable() async throws {
        let config = try TestDatabase.configuration
        let setup = try setUp("t_deadlock")
        try setup.execute("INSERT INTO t_deadlock VALUES (1, 0), (2, 0)")
        let a = try await PGSerializedConnection.connect(configuration: config)
        let b = try await PGSerializedConnection.connect(configuration: config)
        let pidA = try await a.withConnection { $0.backendPID }

        // A locks row 1, B locks row 2; A then waits for row 2 while B asks for row 1.
        try await a.withConnection { c in
            try c.execute("BEGIN")
            try c.execute("SET LOCAL deadlock_timeout = '50ms'")
            try c.execute("UPDATE t_deadlock SET v = 1 WHERE id = 1")
        }
        try await b.withConnection { c in
            try c.execute("BEGIN")
            try c.execute("SET LOCAL deadlock_timeout = '50ms'")
            try c.execute("UPDATE t_deadlock SET v = 1 WHERE id = 2")
        }
        async let first: Result<Int, PGError> = a.withConnection { c in
            Result { () throws(PGError) in try c.execute("UPDATE t_deadlock SET v = 2 WHERE id = 2") }
        }
        // Wait (not time) until A is blocked on B's lock.
        while try setup.queryValue(String.self, "SELECT wait_event_type FROM pg_stat_activity WHERE pid = \(pidA)") != "Lock" {
            try await Task.sleep(for: .milliseconds(10))
        }
        let second: Result<Int, PGError> = try await b.withConnection { c in
            Result { () throws(PGError) in try c.execute("UPDATE t_deadlock SET v = 2 WHERE id = 1") }
        }
        let results = [try await first, second]
        let failures = results.compactMap { r -> PGError? in
            if case .failure(let e) = r { return e }
            return nil
        }
        #expect(failures.count == 1)
        #expect(failures.first?.sqlState == .deadlockDetected)
        #expect(failures.first?.isRetryableTransactionFailure == true)
        for c in [a, b] {
            try await c.withConnection { c in try c.execute("ROLLBACK") }
            await c.close()
        }
    }
}

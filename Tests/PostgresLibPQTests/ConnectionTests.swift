import Foundation
import Glibc
import Logging
import PostgresLibPQ
import RekapTestSupport
import Testing

@Suite(.freshDatabase)
struct ConnectionTests {
    @Test func connectsFromURLAndReportsServerVersion() throws {
        let config = try TestDatabase.configuration
        var url = "postgresql://\(config.user ?? "postgres")@\(config.host):\(config.port)/\(config.database!)"
        url += "?application_name=rekap-test&connect_timeout=5"
        let conn = try PGConnection(url: url)
        #expect(conn.serverVersion >= 150000)
        #expect(conn.serverVersionString?.hasPrefix("15") == true)
        #expect(try conn.queryValue(String.self, "SELECT current_setting('application_name')") == "rekap-test")
        #expect(try conn.queryValue(String.self, "SELECT current_database()") == config.database)
        #expect(try conn.queryValue(String.self, "SHOW TimeZone") == "UTC")
        conn.close()
        conn.close()  // PQfinish exactly once: a second close is a no-op
        #expect(throws: PGError.self) { try conn.execute("SELECT 1") }
    }

    @Test func connectsFromKeyValueSettings() throws {
        var config = try TestDatabase.configuration
        config.applicationName = "it's \"quoted\" = yes"  // would break a hand-built conninfo
        let conn = try PGConnection(configuration: config)
        #expect(try conn.queryValue(String.self, "SELECT current_setting('application_name')") == "it's \"quoted\" = yes")
        #expect(conn.backendPID > 0)
    }

    @Test func parsesURLs() throws {
        let c = try PGConfiguration(url: "postgres://u%40x:p%3Aw@db.example:6543/my%20db?application_name=a&connect_timeout=3&sslmode=disable")
        #expect(c.user == "u@x")
        #expect(c.password == "p:w")
        #expect(c.host == "db.example")
        #expect(c.port == 6543)
        #expect(c.database == "my db")
        #expect(c.applicationName == "a")
        #expect(c.connectTimeout == 3)
        #expect(c.extraParameters["sslmode"] == "disable")
        #expect(!"\(c)".contains("p:w") && !String(reflecting: c).contains("p:w"))
        var dumped = ""
        dump(c, to: &dumped)
        #expect(!dumped.contains("p:w"))
        #expect(throws: PGError.self) { try PGConfiguration(url: "mysql://x@y/z") }
        #expect(throws: PGError.self) { try PGConfiguration(url: "postgresql://x@y/z?connect_timeout=soon") }
    }

    @Test func unreachableServerIsAConnectionError() throws {
        // Port 1 on localhost: nothing listens, so the connect fails at once.
        let config = PGConfiguration(host: "127.0.0.1", port: 1, database: "x", user: "postgres", connectTimeout: 2)
        do {
            _ = try PGConnection(configuration: config)
            Issue.record("connected to nothing")
        } catch {
            #expect(error.kind == .connection)
            #expect(error.isConnectionFailure)
        }
    }

    @Test func connectTimeoutApplies() throws {
        // A socket that listens but never answers: TCP connects, the startup reply never
        // comes, and only connect_timeout ends the wait.
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #expect(fd >= 0)
        defer { close(fd) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        addr.sin_port = 0
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &addr) { p in
            p.withMemoryRebound(to: sockaddr.self, capacity: 1) { sa in
                bind(fd, sa, len) == 0 && listen(fd, 4) == 0 && getsockname(fd, sa, &len) == 0
            }
        }
        #expect(bound)
        let port = Int(UInt16(bigEndian: addr.sin_port))
        let config = PGConfiguration(host: "127.0.0.1", port: port, database: "x", user: "postgres", connectTimeout: 2)
        #expect {
            _ = try PGConnection(configuration: config)
        } throws: { error in
            let e = error as? PGError
            return e?.kind == .connection && e?.message.contains("timeout") == true
        }
    }

    @Test func missingDatabaseIsAConnectionError() throws {
        let config = try TestDatabase.configuration.withDatabase("no_such_database_for_rekap")
        #expect {
            _ = try PGConnection(configuration: config)
        } throws: { error in
            (error as? PGError)?.kind == .connection
        }
    }

    @Test func noticesGoToTheLogger() throws {
        let handler = CapturingLogHandler()
        let logger = Logger(label: "test") { _ in handler }
        let conn = try PGConnection(configuration: try TestDatabase.configuration, logger: logger)
        try conn.execute("DO $$ BEGIN RAISE NOTICE 'hello from plpgsql'; RAISE WARNING 'careful'; END $$")
        let captured = handler.captured
        #expect(captured.contains { $0.0 == .notice && $0.1 == "hello from plpgsql" })
        #expect(captured.contains { $0.0 == .warning && $0.1 == "careful" })
    }
}

import Foundation
import Synchronization

/// The PostgreSQL server the test suite runs against.
///
/// `REKAP_TEST_DATABASE_URL`, when set, names an existing server. Otherwise the first caller
/// starts one ``EmbeddedPostgres`` cluster that the whole test process shares; it is stopped and
/// removed when the process exits. Tests never skip for lack of a server: if none can be started,
/// this throws and the test fails with the reason.
public enum TestPostgres {
    private static let shared = Mutex<Result<EmbeddedPostgres, EmbeddedPostgresError>?>(nil)

    /// A URL of the server's maintenance database (`postgres`).
    public static func serverURL() throws -> String {
        if let configured = ProcessInfo.processInfo.environment["REKAP_TEST_DATABASE_URL"], !configured.isEmpty {
            return configured
        }
        let cluster = try shared.withLock { started -> Result<EmbeddedPostgres, EmbeddedPostgresError> in
            if let started { return started }
            let result = Result { () throws(EmbeddedPostgresError) in try EmbeddedPostgres.start() }
            started = result
            return result
        }.get()
        return cluster.url()
    }
}

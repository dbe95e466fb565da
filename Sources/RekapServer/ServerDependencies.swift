import Logging
import PostgresLibPQ

/// What the routes and middleware share: the connection pool and the settings.
public struct ServerDependencies: Sendable {
    /// The pool every request borrows its connection from (also rekapd's consolidation worker's).
    public let client: PGClient
    public let settings: ServerSettings

    public init(client: PGClient, settings: ServerSettings) {
        self.client = client
        self.settings = settings
    }
}

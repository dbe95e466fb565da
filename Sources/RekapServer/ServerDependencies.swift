import Logging
import PostgresLibPQ
import RekapStore

/// What the routes and middleware share: the connection pool, the settings, the metrics.
public struct ServerDependencies: Sendable {
    /// The pool every request borrows its connection from (also rekapd's consolidation worker's).
    public let client: PGClient
    public let settings: ServerSettings
    public let metrics: ServerMetrics
    /// Recorded on the consolidation jobs the API runs itself (`rekapd --worker-id`).
    public let workerID: String
    /// Told when the API queued a consolidation job without running it, so the daemon's worker
    /// looks at the queue now rather than at its next poll.
    public let consolidationQueued: @Sendable (CityYear) async -> Void
    public let logger: Logger
    /// Rendered ranking answers, served while nothing they were read from has changed.
    let answers = AnswerCache()
    /// `fresh=true` recomputes per token.
    let freshRecomputes: FreshRecomputeLimiter
    /// PBB-P2 uploads in progress per token.
    let uploads: UploadSlots

    public init(
        client: PGClient, settings: ServerSettings, metrics: ServerMetrics = ServerMetrics(), workerID: String,
        logger: Logger, consolidationQueued: @escaping @Sendable (CityYear) async -> Void = { _ in }
    ) {
        self.client = client
        self.settings = settings
        self.metrics = metrics
        self.workerID = workerID
        self.logger = logger
        self.consolidationQueued = consolidationQueued
        self.freshRecomputes = FreshRecomputeLimiter(interval: settings.freshRecomputeInterval)
        self.uploads = UploadSlots(perToken: settings.uploadsPerToken)
    }
}

import RekapStore

/// Where the API listens and the limits it keeps.
public struct ServerSettings: Sendable, Hashable {
    /// The address to bind, e.g. `127.0.0.1` or `0.0.0.0`.
    public var host: String
    /// The TCP port; 0 picks a free one (it is logged once bound).
    public var port: Int
    /// The largest submission document accepted by `POST /v1/submissions` (413 above it).
    public var maxSubmissionBytes: Int
    /// `GET /healthz` answers 503 when the oldest pending consolidation job, or the oldest stale
    /// aggregates, are older than this.
    public var maxConsolidationLag: Duration
    /// How often the recomputes the API runs itself are tried (`rekapd --max-attempts`).
    public var retryPolicy = RetryPolicy()

    // MARK: Connections (issue: idle connections exhaust the server)

    /// The most client connections open at once; further ones wait in the kernel's accept queue until
    /// one closes, so rekapd never runs out of file descriptors however many sockets a client opens.
    public var maxConnections: Int
    /// A connection that sends nothing for this long (no request, or a request or body that stalls)
    /// is closed. Answers being written (a long load, an event stream) do not count as idle.
    public var idleTimeout: Duration
    /// A new connection must have sent a whole request head within this long, or it is closed.
    public var requestHeadTimeout: Duration

    // MARK: PBB-P2 uploads (issue: a stalled upload stops the API)

    /// The largest PBB-P2 feed body `POST /v1/pbb/{kind}` spools (413 above it).
    public var maxFeedBytes: Int
    /// Uploads one token may have in progress at once (429 beyond).
    public var uploadsPerToken: Int
    /// Where uploads are spooled before they are loaded; nil: the system's temporary folder.
    public var spoolDirectory: String?

    // MARK: Recomputes on demand

    /// One `fresh=true` recompute per token in this interval (429 with `Retry-After` beyond).
    public var freshRecomputeInterval: Duration

    // MARK: Dashboard sessions

    /// How long a dashboard session lasts after login.
    public var sessionLifetime: Duration
    /// How often an open event stream checks that its session (or bearer token) is still valid.
    public var sessionRecheckInterval: Duration
    /// bcrypt's cost for passwords set on the set-password page (tests lower it; `rekapd --password-cost`).
    public var passwordCost: UInt8 = AccountPasswords.defaultCost
    /// When failed logins lock an account, and for how long.
    public var loginLockout = LoginLockout()

    public init(
        host: String, port: Int, maxSubmissionBytes: Int = 4 * 1024 * 1024,
        maxConsolidationLag: Duration = .seconds(600), maxConnections: Int = 1024, idleTimeout: Duration = .seconds(60),
        requestHeadTimeout: Duration = .seconds(15), maxFeedBytes: Int = 1 << 30, uploadsPerToken: Int = 2,
        spoolDirectory: String? = nil, freshRecomputeInterval: Duration = .seconds(60),
        sessionLifetime: Duration = .seconds(12 * 3600), sessionRecheckInterval: Duration = .seconds(60)
    ) {
        self.host = host
        self.port = port
        self.maxSubmissionBytes = maxSubmissionBytes
        self.maxConsolidationLag = maxConsolidationLag
        self.maxConnections = maxConnections
        self.idleTimeout = idleTimeout
        self.requestHeadTimeout = requestHeadTimeout
        self.maxFeedBytes = maxFeedBytes
        self.uploadsPerToken = uploadsPerToken
        self.spoolDirectory = spoolDirectory
        self.freshRecomputeInterval = freshRecomputeInterval
        self.sessionLifetime = sessionLifetime
        self.sessionRecheckInterval = sessionRecheckInterval
    }

    /// Reads `HOST:PORT` (`[::1]:8080` for an IPv6 host).
    public init(listen text: String) throws(ServerSettingsError) {
        let host: Substring
        let portText: Substring
        if text.hasPrefix("["), let close = text.firstIndex(of: "]") {
            host = text[text.index(after: text.startIndex)..<close]
            let rest = text[text.index(after: close)...]
            guard rest.hasPrefix(":") else { throw ServerSettingsError(text: text, reason: "expected HOST:PORT") }
            portText = rest.dropFirst()
        } else if let colon = text.lastIndex(of: ":") {
            host = text[..<colon]
            portText = text[text.index(after: colon)...]
        } else {
            throw ServerSettingsError(text: text, reason: "expected HOST:PORT, e.g. 127.0.0.1:8080")
        }
        guard !host.isEmpty else { throw ServerSettingsError(text: text, reason: "the host is missing") }
        guard let port = Int(portText), (0...65535).contains(port) else {
            throw ServerSettingsError(text: text, reason: "the port must be a number from 0 to 65535")
        }
        self.init(host: String(host), port: port)
    }
}

/// A listen address that is not `HOST:PORT`.
public struct ServerSettingsError: Error, Sendable, Hashable, CustomStringConvertible {
    public let text: String
    public let reason: String
    public var description: String { "\"\(text)\" is not a listen address: \(reason)" }
}

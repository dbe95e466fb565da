import RekapStore

/// Where the API listens and the limits it keeps.
public struct ServerSettings: Sendable, Hashable {
    /// The address to bind, e.g. `127.0.0.1` or `0.0.0.0`.
    public var host: String
    /// The TCP port; 0 picks a free one (it is logged once bound).
    public var port: Int
    /// The largest submission document accepted by `POST /v1/submissions` (413 above it).
    public var maxSubmissionBytes: Int
    /// How much of a PBB-P2 feed's body may wait in memory for the loader (the rest waits in the socket).
    public var feedBufferBytes: Int
    /// `GET /healthz` answers 503 when the oldest pending consolidation job, or the oldest stale
    /// aggregates, are older than this.
    public var maxConsolidationLag: Duration
    /// How often the recomputes the API runs itself are tried (`rekapd --max-attempts`).
    public var retryPolicy = RetryPolicy()

    public init(
        host: String, port: Int, maxSubmissionBytes: Int = 4 * 1024 * 1024, feedBufferBytes: Int = 1 << 20,
        maxConsolidationLag: Duration = .seconds(600)
    ) {
        self.host = host
        self.port = port
        self.maxSubmissionBytes = maxSubmissionBytes
        self.feedBufferBytes = feedBufferBytes
        self.maxConsolidationLag = maxConsolidationLag
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

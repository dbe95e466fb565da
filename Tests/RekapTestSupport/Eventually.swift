/// How long a test waits for something before it fails. Generous: it only matters when something is
/// wrong, and the whole suite shares two cores (a starved poller must not fail a correct test).
public let patience = Duration.seconds(120)

/// Polls `probe` until it returns a value, for at most `timeout`: how the tests wait for something
/// another process or connection does, without sleeping a fixed time and hoping.
public func eventually<T>(
    isolation: isolated (any Actor)? = #isolation,
    within timeout: Duration = patience, _ what: String, every interval: Duration = .milliseconds(20),
    _ probe: () async throws -> T?
) async throws -> T {
    let deadline = ContinuousClock.now + timeout
    while true {
        if let value = try await probe() { return value }
        if ContinuousClock.now >= deadline { throw TimedOut(what: what, timeout: timeout) }
        try await Task.sleep(for: interval)
    }
}

/// Polls until `condition` holds; see ``eventually(within:_:every:_:)``.
public func waitUntil(
    isolation: isolated (any Actor)? = #isolation,
    within timeout: Duration = patience, _ what: String, _ condition: () async throws -> Bool
) async throws {
    _ = try await eventually(isolation: isolation, within: timeout, what) { try await condition() ? true : nil }
}

public struct TimedOut: Error, CustomStringConvertible {
    public let what: String
    public let timeout: Duration
    public var description: String { "timed out after \(timeout) waiting for \(what)" }
}

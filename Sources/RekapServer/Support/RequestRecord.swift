import Foundation

/// What the inner layers learn about a request that the outer ones log: the token id, once the
/// authentication middleware has checked it. A reference, because each middleware passes the
/// context on by value and the access log, outermost, never sees the copy the inner ones changed.
public final class RequestRecord: @unchecked Sendable {
    private let lock = NSLock()
    private var _tokenID: Int64?

    public init() {}

    /// The id of the token that authenticated the request (never the token itself).
    public var tokenID: Int64? {
        get { lock.withLock { _tokenID } }
        set { lock.withLock { _tokenID = newValue } }
    }
}

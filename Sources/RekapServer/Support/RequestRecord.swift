import Foundation
import Synchronization

/// What the inner layers learn about a request that the outer ones log: the token id, once the
/// authentication middleware has checked it. A reference, because each middleware passes the
/// context on by value and the access log, outermost, never sees the copy the inner ones changed.
public final class RequestRecord: Sendable {
    private let token = Mutex<Int64?>(nil)

    public init() {}

    /// The id of the token that authenticated the request (never the token itself).
    public var tokenID: Int64? {
        get { token.withLock { $0 } }
        set { token.withLock { $0 = newValue } }
    }
}

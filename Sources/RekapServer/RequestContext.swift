import Hummingbird
import RekapDomain

/// The context every request carries through the middleware to its route.
public struct RekapRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The caller, once ``AuthenticationMiddleware`` has checked its bearer token; nil on public routes.
    public var identity: AccessScope?
    /// The id of the token that authenticated the request (never the token itself), for the access log.
    public var tokenID: Int64?

    public init(source: Source) {
        self.coreContext = .init(source: source)
        self.identity = nil
        self.tokenID = nil
    }
}

import Hummingbird
import RekapDomain
import RekapStore

/// The context every request carries through the middleware to its route.
public struct RekapRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The caller, once ``AuthenticationMiddleware`` has checked its bearer token; nil on public routes.
    public var identity: AccessScope?
    /// The ``RekapStore/AggregateStamp`` of the caller's city, read with its token (before anything
    /// the route reads); nil on public routes.
    public var cityStamp: AggregateStamp?
    /// Shared with the outer middleware (access log): the token id.
    public let record: RequestRecord
    /// The person whose browser session authenticated the request (``WebSessionMiddleware``); nil for
    /// a token. Its ``identity`` is the same scope a token of the account's role and region has.
    public var account: SignedInAccount?

    public init(source: Source) {
        self.coreContext = .init(source: source)
        self.identity = nil
        self.cityStamp = nil
        self.record = RequestRecord()
        self.account = nil
    }

    /// The id of the token that authenticated the request (never the token itself), for the access log.
    public var tokenID: Int64? {
        get { record.tokenID }
        nonmutating set { record.tokenID = newValue }
    }

    /// The caller's scope; only routes behind ``AuthenticationMiddleware`` call this.
    public func requireIdentity() throws -> AccessScope {
        guard let identity else { throw APIError.internalError("the route is not behind the authentication middleware") }
        return identity
    }
}

import RekapDomain

/// Whom a live browser session belongs to (`web_session.token_id` or `.account_id`, exactly one).
public enum SessionOwner: Sendable, Hashable {
    /// A session started with a token (0009; kept for sessions that still exist).
    case token(id: Int64)
    /// A person's session (0012).
    case account(SignedInAccount)
}

/// The answer to "may this session secret be used now?" (``WebSessionStore/check(secret:at:on:)``).
public enum SessionCheck: Sendable, Equatable {
    /// A live session: what it may do (the same scope a token of its owner's role and region has) and whose it is.
    case valid(AccessScope, SessionOwner)
    /// Not usable: malformed, unknown, expired, or revoked (logout, a revoked token, a disabled account).
    case refused(TokenCheck)
}

import RekapDomain

/// The answer to "may this secret be used now?" (``TokenStore/check(secret:at:on:)``).
public enum TokenCheck: Sendable, Equatable {
    /// A live token: what it may do, and its id (for logs and audit; never the secret).
    case valid(AccessScope, tokenID: Int64)
    /// Not of the shape `rekap_<43 base64url characters>`; no query was made.
    case malformed
    /// Well formed, but no token has this secret.
    case unknown
    /// Its expiry has passed.
    case expired
    /// It was revoked.
    case revoked
}

import HummingbirdBcrypt

/// Password hashing for person accounts: bcrypt from hummingbird-auth (salted, slow by design; only
/// the hash is stored). The cost is a setting: ``defaultCost`` for real use; tests lower it
/// (``minimumCost``) so a suite of logins stays quick.
public struct AccountPasswords: Sendable {
    /// bcrypt's work factor: 2^cost rounds. 12 takes a few hundred milliseconds on a server core.
    public let cost: UInt8
    /// What production uses.
    public static let defaultCost: UInt8 = 12
    /// bcrypt's smallest cost (tests only).
    public static let minimumCost: UInt8 = 4
    /// The shortest password accepted when one is set.
    public static let minimumLength = 10
    /// The longest: bcrypt reads 72 bytes; longer passwords are refused rather than cut silently.
    public static let maximumBytes = 72

    public init(cost: UInt8 = AccountPasswords.defaultCost) {
        self.cost = max(Self.minimumCost, min(cost, 31))
    }

    /// The bcrypt hash of `password` with a new random salt.
    public func hash(_ password: String) -> String {
        Bcrypt.hash(password, cost: cost)
    }

    /// Whether `password` matches `hash`. With no hash (an unknown login, a password never set) a
    /// hash of this cost is checked anyway, so the answer takes as long and says nothing more.
    public func verify(_ password: String, hash: String?) -> Bool {
        guard let hash else {
            _ = Bcrypt.verify(password, hash: dummyHash)
            return false
        }
        return Bcrypt.verify(password, hash: hash)
    }

    /// Why `password` cannot be a password (in both languages), or nil when it can.
    public static func weakness(_ password: String) -> PasswordWeakness? {
        if password.count < minimumLength { return .tooShort }
        if password.utf8.count > maximumBytes { return .tooLong }
        return nil
    }

    /// A well-formed hash of this cost (bcrypt's published example salt and digest) that stands in
    /// for a missing one: checking against it costs the same rounds.
    private var dummyHash: String {
        "$2b$" + (cost < 10 ? "0" : "") + String(cost) + "$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy"
    }
}

/// Why a new password is refused.
public enum PasswordWeakness: Sendable, Hashable {
    case tooShort, tooLong
}

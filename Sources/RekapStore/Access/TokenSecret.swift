import Foundation

/// The text form of an API token secret: `rekap_` and 43 base64url characters (32 random bytes,
/// no padding). The prefix makes leaked tokens easy to recognise (secret scanners, logs). Dashboard
/// session secrets and login form (CSRF) tokens have the same shape with their own prefixes.
public enum TokenSecret {
    /// What an API token secret starts with.
    public static let prefix = "rekap_"
    static let randomByteCount = 32
    /// 32 bytes in base64url without padding.
    static let encodedLength = 43

    /// A new secret from the system's cryptographic random number generator: `prefix` and 43
    /// base64url characters.
    public static func generate(prefix: String = Self.prefix) -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<randomByteCount).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        let base64url = Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
        return prefix + base64url
    }

    /// Whether `text` has the shape of a secret with `prefix` (checked before any query).
    public static func isWellFormed(_ text: String, prefix: String = Self.prefix) -> Bool {
        let utf8 = text.utf8
        guard utf8.count == prefix.utf8.count + encodedLength, utf8.starts(with: prefix.utf8) else { return false }
        return utf8.dropFirst(prefix.utf8.count).allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"): true
            default: false
            }
        }
    }
}

import Crypto

/// Digests as rekap stores and prints them: lowercase hex, as PostgreSQL's `encode(…, 'hex')` does.
enum HexText {
    /// `bytes` as lowercase hex, two digits a byte.
    static func lowercase<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// The SHA-256 of `bytes` as lowercase hex.
    static func sha256<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> String {
        lowercase(SHA256.hash(data: Array(bytes)))
    }
}

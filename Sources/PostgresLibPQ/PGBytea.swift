import Foundation

// bytea in text format: `\x` followed by two hex digits a byte.

private let hexDigits = Array("0123456789abcdef".utf8)

func byteaHexText(_ bytes: some Collection<UInt8>) -> String {
    var out = [UInt8]()
    out.reserveCapacity(2 + bytes.count * 2)
    out.append(UInt8(ascii: "\\"))
    out.append(UInt8(ascii: "x"))
    for b in bytes {
        out.append(hexDigits[Int(b >> 4)])
        out.append(hexDigits[Int(b & 0xF)])
    }
    return String(decoding: out, as: UTF8.self)
}

func decodeByteaHex(_ cell: PGCell) throws(PGError) -> [UInt8] {
    try cell.expect([PGType.bytea], for: [UInt8].self)
    let b = cell.bytes
    guard b.count >= 2, b[0] == UInt8(ascii: "\\"), b[1] == UInt8(ascii: "x"), b.count % 2 == 0 else {
        throw cell.invalid([UInt8].self)
    }
    func nibble(_ c: UInt8) -> UInt8? {
        switch c {
        case 48...57: c - 48
        case 97...102: c - 87
        case 65...70: c - 55
        default: nil
        }
    }
    var out = [UInt8]()
    out.reserveCapacity((b.count - 2) / 2)
    var i = 2
    while i < b.count {
        guard let hi = nibble(b[i]), let lo = nibble(b[i + 1]) else { throw cell.invalid([UInt8].self) }
        out.append(hi << 4 | lo)
        i += 2
    }
    return out
}

extension Array: PGEncodable where Element == UInt8 {
    public static var pgTypeOID: PGOid { PGType.bytea }
    public func pgEncode() throws(PGError) -> String? { byteaHexText(self) }
}

extension Array: PGDecodable where Element == UInt8 {
    public init(pgCell cell: PGCell) throws(PGError) { self = try decodeByteaHex(cell) }
}

extension Data: PGEncodable, PGDecodable {
    public static var pgTypeOID: PGOid { PGType.bytea }
    public func pgEncode() throws(PGError) -> String? { byteaHexText(self) }
    public init(pgCell cell: PGCell) throws(PGError) { self = Data(try decodeByteaHex(cell)) }
}

import Foundation

/// A `multipart/form-data` body (RFC 7578), as a browser posts a form with a file: its parts by
/// name. Hummingbird has no parser of its own; this one reads a body already bounded in size
/// (the caller collects at most its limit) and takes at most ``maxParts`` parts, so neither a huge
/// nor a many-parted body costs more than the limit.
struct MultipartFormData: Sendable {
    /// One part: its field name, the file name a browser gives a file field, and its bytes.
    struct Part: Sendable {
        let name: String
        let filename: String?
        let data: Data
    }

    /// Why a body is not multipart form data (said on the page; nothing is read from it).
    struct Refusal: Error, Sendable {
        let reason: String
    }

    /// The most parts read: a form with a file has a handful.
    static let maxParts = 16

    let parts: [Part]

    /// The text of the (first) part named `name`.
    subscript(field name: String) -> String? {
        parts.first { $0.name == name }.map { String(decoding: $0.data, as: UTF8.self) }
    }

    /// The (first) part named `name`.
    func part(_ name: String) -> Part? { parts.first { $0.name == name } }

    /// The boundary of a `multipart/form-data; boundary=...` content type, or nil for another type.
    static func boundary(contentType: String?) -> String? {
        guard let contentType else { return nil }
        let pieces = contentType.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        guard pieces.first?.lowercased() == "multipart/form-data" else { return nil }
        for piece in pieces.dropFirst() {
            let pair = piece.split(separator: "=", maxSplits: 1).map(String.init)
            guard pair.count == 2, pair[0].lowercased() == "boundary" else { continue }
            let value = pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            // RFC 2046: 1 to 70 characters.
            return (1...70).contains(value.utf8.count) ? value : nil
        }
        return nil
    }

    /// The parts of `body`, delimited by `boundary`.
    init(_ body: Data, boundary: String) throws(Refusal) {
        let bytes = [UInt8](body)
        let delimiter = Array("--\(boundary)".utf8)
        let separator = Array("\r\n\r\n".utf8)
        guard var start = Self.find(delimiter, in: bytes, from: 0) else { throw Refusal(reason: "tidak ada bagian formulir") }
        var parts: [Part] = []
        while true {
            start += delimiter.count
            // "--" after a delimiter closes the body.
            if bytes.count >= start + 2, bytes[start] == UInt8(ascii: "-"), bytes[start + 1] == UInt8(ascii: "-") { break }
            guard let headerStart = Self.find(Array("\r\n".utf8), in: bytes, from: start).map({ $0 + 2 }),
                  let headerEnd = Self.find(separator, in: bytes, from: headerStart),
                  let next = Self.find(Array("\r\n".utf8) + delimiter, in: bytes, from: headerEnd + separator.count)
            else { throw Refusal(reason: "bagian formulir terpotong") }
            guard parts.count < Self.maxParts else { throw Refusal(reason: "terlalu banyak bagian formulir") }
            let headers = String(decoding: bytes[headerStart..<headerEnd], as: UTF8.self)
            guard let disposition = headers.split(separator: "\r\n").first(where: { $0.lowercased().hasPrefix("content-disposition:") }),
                  let name = Self.parameter("name", in: String(disposition))
            else { throw Refusal(reason: "bagian formulir tanpa nama") }
            parts.append(Part(name: name, filename: Self.parameter("filename", in: String(disposition)),
                              data: Data(bytes[(headerEnd + separator.count)..<next])))
            start = next + 2
        }
        self.parts = parts
    }

    /// `name="value"` of a Content-Disposition line (quoted, as browsers write it).
    static func parameter(_ name: String, in line: String) -> String? {
        for piece in line.split(separator: ";").dropFirst() {
            let pair = piece.trimmingCharacters(in: .whitespaces).split(separator: "=", maxSplits: 1).map(String.init)
            guard pair.count == 2, pair[0].lowercased() == name else { continue }
            var value = pair[1]
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 { value = String(value.dropFirst().dropLast()) }
            return value
        }
        return nil
    }

    /// Where `needle` first occurs in `haystack` at or after `from`.
    static func find(_ needle: [UInt8], in haystack: [UInt8], from: Int) -> Int? {
        guard !needle.isEmpty, haystack.count >= needle.count, from <= haystack.count - needle.count else { return nil }
        var index = from
        let last = haystack.count - needle.count
        while index <= last {
            if haystack[index] == needle[0], haystack[index..<(index + needle.count)].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }
}

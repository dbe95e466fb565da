/// Where one field's (unescaped) bytes are: in the reader's buffer, or in its scratch space when
/// doubled quotes had to be collapsed.
struct CSVFieldSpan {
    var offset: Int
    var count: Int
    var inScratch: Bool
}

/// One CSV record, lent to the closure of ``CSVReader/forEachRecord(from:_:)``.
///
/// A view into the reader's buffers: its byte buffers are only valid during that call. Copy
/// what you keep (``string(_:)`` makes a `String`).
public struct CSVRecord {
    /// The 1-based line on which the record starts (quoted line breaks count, so the next record's
    /// line may be more than one further).
    public let line: Int
    /// Offset of the record's first byte in the stream (after any byte order mark).
    public let byteOffset: Int
    /// The record exactly as read, without its line end (`\n` or `\r\n`): ready to forward
    /// unchanged, e.g. to `COPY ... (FORMAT csv)`.
    public let raw: UnsafeRawBufferPointer
    /// Set when the record is malformed (bad quoting, invalid UTF-8); its fields are then
    /// a best effort and should not be trusted.
    public let problem: CSVError?

    let spans: UnsafeBufferPointer<CSVFieldSpan>
    let buffer: UnsafeRawPointer
    let scratch: UnsafeRawPointer

    /// The number of fields (an empty line has one empty field).
    public var count: Int { spans.count }

    /// True for a line with nothing on it.
    public var isEmptyLine: Bool { raw.isEmpty }

    /// The unescaped bytes of field `index` (0-based), without surrounding quotes.
    public subscript(index: Int) -> UnsafeRawBufferPointer {
        let span = spans[index]
        return UnsafeRawBufferPointer(start: (span.inScratch ? scratch : buffer) + span.offset, count: span.count)
    }

    /// Field `index` as a `String` (invalid UTF-8 is repaired with U+FFFD; see ``problem``).
    public func string(_ index: Int) -> String {
        String(decoding: self[index], as: UTF8.self)
    }

    /// All fields as strings; allocates, so meant for tests and small files.
    public var strings: [String] { (0..<count).map(string) }
}

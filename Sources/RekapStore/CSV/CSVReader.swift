import Foundation

/// One record of a CSV file.
public struct CSVRecord: Sendable, Hashable {
    /// The line the record starts on, 1-based (the header is line 1). A quoted field may hold line
    /// breaks, so a record can span lines.
    public let line: Int
    /// The fields, decoded as UTF-8. A field that is not valid UTF-8 is decoded with U+FFFD
    /// replacement characters, and ``problem`` says so.
    public let fields: [String]
    /// What is malformed in the record, if anything: invalid UTF-8, a stray or unclosed quote.
    /// The record is still returned, so that a caller can report every bad line of a file.
    public let problem: String?

    /// An empty line: one empty field.
    public var isEmptyLine: Bool { fields.count == 1 && fields[0].isEmpty && problem == nil }
}

/// The file could not be read (as opposed to a malformed record, which is a ``CSVRecord/problem``).
public struct CSVReadError: Error, Sendable, CustomStringConvertible {
    public let path: String
    public let reason: String
    public var description: String { "cannot read \(path): \(reason)" }
}

/// Reads a CSV file (RFC 4180) record by record, in fixed-size chunks, so a file of any size is
/// never held in memory.
///
/// - Fields are separated by `,`; records end with LF or CRLF (a lone CR is data).
/// - A field may be quoted with `"`; inside quotes, `""` is a quote, and commas and line breaks are data.
/// - A UTF-8 byte order mark at the start is skipped.
/// - Malformed records (a quote inside an unquoted field, text after a closing quote, a quote never
///   closed, bytes that are not UTF-8) are returned with a ``CSVRecord/problem`` rather than thrown,
///   and reading goes on with the next record.
///
/// ```swift
/// let reader = try CSVReader(path: "regions.csv")
/// while let record = try reader.next() { ... record.line, record.fields ... }
/// ```
public final class CSVReader {
    public let path: String
    private let handle: FileHandle
    private let chunkSize: Int
    private var buffer: [UInt8] = []
    private var position = 0
    private var endOfFile = false
    private var line = 1
    private var startedReading = false

    /// Opens `path` for reading.
    public init(path: String, chunkSize: Int = 256 * 1024) throws(CSVReadError) {
        self.path = path
        self.chunkSize = max(4, chunkSize)
        guard FileManager.default.fileExists(atPath: path) else { throw CSVReadError(path: path, reason: "no such file") }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw CSVReadError(path: path, reason: "it cannot be opened")
        }
        self.handle = handle
    }

    deinit { try? handle.close() }

    // MARK: Bytes

    /// Makes sure at least one unread byte is buffered, unless the file is over.
    private func fill() throws(CSVReadError) -> Bool {
        if position < buffer.count { return true }
        if endOfFile { return false }
        let data: Data?
        do {
            data = try handle.read(upToCount: chunkSize)
        } catch {
            throw CSVReadError(path: path, reason: "reading failed (\(error.localizedDescription))")
        }
        guard let data, !data.isEmpty else {
            endOfFile = true
            return false
        }
        buffer = [UInt8](data)
        position = 0
        return true
    }

    private func nextByte() throws(CSVReadError) -> UInt8? {
        guard try fill() else { return nil }
        defer { position += 1 }
        return buffer[position]
    }

    private func peekByte() throws(CSVReadError) -> UInt8? {
        guard try fill() else { return nil }
        return buffer[position]
    }

    // MARK: Records

    private enum State { case fieldStart, unquoted, quoted, afterClosingQuote }

    private static let comma = UInt8(ascii: ","), quote = UInt8(ascii: "\""), lf = UInt8(ascii: "\n"),
        cr = UInt8(ascii: "\r")

    /// The next record, or nil at the end of the file.
    public func next() throws(CSVReadError) -> CSVRecord? {
        if !startedReading {
            startedReading = true
            try skipByteOrderMark()
        }
        guard try fill() else { return nil }

        let startLine = line
        var fields: [String] = []
        var field: [UInt8] = []
        var problems: [String] = []
        var state = State.fieldStart

        func finishField() {
            if let text = String(validating: field, as: UTF8.self) {
                fields.append(text)
            } else {
                problems.append("field \(fields.count + 1) is not valid UTF-8")
                fields.append(String(decoding: field, as: UTF8.self))
            }
            field.removeAll(keepingCapacity: true)
        }

        while true {
            // Fast path: copy a run of plain bytes of an unquoted field at once.
            if state == .unquoted || state == .fieldStart, try fill() {
                var end = position
                while end < buffer.count {
                    let b = buffer[end]
                    if b == Self.comma || b == Self.quote || b == Self.lf || b == Self.cr { break }
                    end += 1
                }
                if end > position {
                    field.append(contentsOf: buffer[position..<end])
                    position = end
                    state = .unquoted
                    continue
                }
            }
            guard let byte = try nextByte() else {
                // End of file: the last record had no line break.
                if state == .quoted {
                    problems.append("a quoted field (field \(fields.count + 1)) is never closed")
                }
                finishField()
                return CSVRecord(line: startLine, fields: fields, problem: Self.joined(problems))
            }
            switch state {
            case .fieldStart where byte == Self.quote:
                state = .quoted
            case .fieldStart, .unquoted, .afterClosingQuote:
                var endsLine = byte == Self.lf
                if byte == Self.cr, try peekByte() == Self.lf {
                    position += 1  // CRLF
                    endsLine = true
                }
                if byte == Self.comma {
                    finishField()
                    state = .fieldStart
                } else if endsLine {
                    line += 1
                    finishField()
                    return CSVRecord(line: startLine, fields: fields, problem: Self.joined(problems))
                } else {
                    if state == .afterClosingQuote {
                        problems.append("field \(fields.count + 1) has text after its closing quote")
                    } else if byte == Self.quote {
                        problems.append("field \(fields.count + 1) has a quote but does not start with one")
                    }
                    field.append(byte)
                    state = .unquoted
                }
            case .quoted:
                if byte == Self.quote {
                    if try peekByte() == Self.quote {
                        position += 1
                        field.append(Self.quote)
                    } else {
                        state = .afterClosingQuote
                    }
                } else {
                    if byte == Self.lf { line += 1 }
                    field.append(byte)
                }
            }
        }
    }

    private func skipByteOrderMark() throws(CSVReadError) {
        // The three bytes may straddle a chunk boundary only with absurdly small chunks; read them
        // one at a time and put back what is not a BOM.
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
        guard try fill() else { return }
        if buffer.count - position >= 3 {
            if Array(buffer[position..<position + 3]) == bom { position += 3 }
            return
        }
        var head: [UInt8] = []
        while head.count < 3, let b = try nextByte() { head.append(b) }
        if head != bom {
            buffer = head + buffer[position...]
            position = 0
        }
    }

    private static func joined(_ problems: [String]) -> String? {
        problems.isEmpty ? nil : problems.joined(separator: "; ")
    }
}

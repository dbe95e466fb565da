import RekapDomain

/// A streaming RFC 4180 CSV reader that works on bytes.
///
/// Reads its ``ByteSource`` in chunks (256 KiB by default) into one reusable buffer and lends each
/// record to a closure, so memory stays flat however long the input is. Handles quoted fields
/// (embedded commas, doubled quotes, line breaks — which count toward line numbers), `\n` or
/// `\r\n` line ends, an optional UTF-8 byte order mark, and a last line without a line end.
/// Malformed records (bad quoting, invalid UTF-8) are handed over with a ``CSVRecord/problem``
/// and reading goes on, so a caller can report every bad line.
///
/// ```swift
/// var source = try FileSource(path: "ketetapan.csv")
/// try CSVReader().forEachRecord(from: &source) { record in
///     print(record.line, record.string(0))
/// }
/// ```
///
/// Not thread-safe; one reader reads one stream at a time (a reader may be reused afterwards).
public final class CSVReader {
    /// Bytes asked of the source per read.
    public let chunkSize: Int
    /// The longest record accepted; a longer one stops reading with ``CSVError/Reason/recordTooLong(limit:)``.
    public let maxRecordBytes: Int

    // Touched for every byte or field: no dynamic exclusivity checks (one reader, one thread).
    @exclusivity(unchecked) private var buffer: UnsafeMutableRawPointer
    @exclusivity(unchecked) private var capacity: Int
    @exclusivity(unchecked) private var scratch: UnsafeMutableRawPointer
    @exclusivity(unchecked) private var scratchCapacity: Int
    @exclusivity(unchecked) private var scratchCount = 0
    @exclusivity(unchecked) private var spans: [CSVFieldSpan] = []

    /// Bytes read from the source by the current or last ``forEachRecord(from:_:)``.
    public private(set) var bytesRead = 0

    public init(chunkSize: Int = 256 * 1024, maxRecordBytes: Int = 1 << 20) {
        self.chunkSize = max(1, chunkSize)
        self.maxRecordBytes = max(1, maxRecordBytes)
        capacity = self.chunkSize
        buffer = .allocate(byteCount: capacity, alignment: 16)
        scratchCapacity = 4096
        scratch = .allocate(byteCount: scratchCapacity, alignment: 16)
        spans.reserveCapacity(16)
    }

    deinit {
        buffer.deallocate()
        scratch.deallocate()
    }

    /// Reads `source` to its end, calling `body` with each record in order.
    ///
    /// Throws what `source` or `body` throw, or a ``CSVError`` when a record exceeds
    /// ``maxRecordBytes``. The record is only valid during its call.
    public func forEachRecord<Source: ByteSource>(
        from source: inout Source, _ body: (CSVRecord) throws -> Void
    ) throws {
        var start = 0  // first byte of the next record in `buffer`
        var end = 0  // end of valid bytes in `buffer`
        var streamOffset = 0  // stream offset of buffer[0]
        var atEOF = false
        var bomChecked = false
        var line = 1
        bytesRead = 0

        while true {
            if bomChecked || atEOF || end >= 3 {
                if !bomChecked {
                    bomChecked = true
                    if end >= 3, buffer.load(fromByteOffset: 0, as: UInt8.self) == 0xEF,
                        buffer.load(fromByteOffset: 1, as: UInt8.self) == 0xBB,
                        buffer.load(fromByteOffset: 2, as: UInt8.self) == 0xBF
                    {
                        start = 3
                    }
                }
                while start < end, let parsed = parseRecord(at: start, limit: end, atEOF: atEOF) {
                    let record = spans.withUnsafeBufferPointer { spanBuffer in
                        CSVRecord(
                            line: line, byteOffset: streamOffset + start,
                            raw: UnsafeRawBufferPointer(start: buffer + start, count: parsed.rawEnd - start),
                            problem: parsed.problem.map { CSVError(line: line, reason: $0) },
                            spans: spanBuffer, buffer: UnsafeRawPointer(buffer), scratch: UnsafeRawPointer(scratch))
                    }
                    // `spans` is not touched again until `body` returns, so its storage stays put.
                    try body(record)
                    line += 1 + parsed.newlines
                    start = parsed.next
                }
                if atEOF { return }
            }
            // Keep the unfinished record, moved to the front, and read more after it.
            if start > 0 {
                if end > start { (buffer).copyMemory(from: buffer + start, byteCount: end - start) }
                streamOffset += start
                end -= start
                start = 0
            }
            if end == capacity {
                guard capacity < maxRecordBytes + 2 else {  // + 2: the record's own `\r\n`
                    throw CSVError(line: line, reason: .recordTooLong(limit: maxRecordBytes))
                }
                grow(&buffer, capacity: &capacity, keeping: end, to: min(capacity * 2, maxRecordBytes + 2))
            }
            let n = try source.read(into: UnsafeMutableRawBufferPointer(start: buffer + end, count: capacity - end))
            if n == 0 {
                atEOF = true
            } else {
                end += n
                bytesRead += n
            }
        }
    }

    private struct Parsed {
        /// Where the next record starts (after the line end).
        var next: Int
        /// Where this record's bytes end (before the line end).
        var rawEnd: Int
        /// Line breaks inside quoted fields.
        var newlines: Int
        var problem: CSVError.Reason?
    }

    private static let comma = UInt8(ascii: ",")
    private static let quote = UInt8(ascii: "\"")
    private static let lf = UInt8(ascii: "\n")
    private static let cr = UInt8(ascii: "\r")

    /// Splits the record starting at `recordStart` into `spans`; nil when the record does not end
    /// before `limit` and more input may follow.
    private func parseRecord(at recordStart: Int, limit: Int, atEOF: Bool) -> Parsed? {
        let b = buffer.assumingMemoryBound(to: UInt8.self)
        spans.removeAll(keepingCapacity: true)
        scratchCount = 0
        var p = recordStart
        var newlines = 0
        var high: UInt8 = 0  // OR of all bytes: any non-ASCII byte means UTF-8 must be checked
        var problem: CSVError.Reason?

        func finish(next: Int, rawEnd: Int) -> Parsed {
            // Only records with non-ASCII bytes pay for the check (and its copy); they are rare.
            if high & 0x80 != 0,
                UTF8Validation.firstInvalidOffset(in: Array(UnsafeRawBufferPointer(start: buffer + recordStart, count: rawEnd - recordStart))) != nil
            {
                problem = .invalidUTF8
            }
            return Parsed(next: next, rawEnd: rawEnd, newlines: newlines, problem: problem)
        }

        while true {
            let field = spans.count + 1
            if p < limit, b[p] == Self.quote {
                // Quoted field: up to the closing quote; `""` is a quote, line breaks are data.
                p += 1
                let contentStart = p
                var escaped = false
                var closed = false
                while p < limit {
                    let c = b[p]
                    high |= c
                    if c == Self.quote {
                        if p + 1 < limit {
                            if b[p + 1] == Self.quote {
                                escaped = true
                                p += 2
                                continue
                            }
                            closed = true
                            break
                        }
                        if !atEOF { return nil }  // is it `""`? the next byte decides
                        closed = true
                        break
                    }
                    if c == Self.lf { newlines += 1 }
                    p += 1
                }
                if !closed {
                    if !atEOF { return nil }
                    appendQuoted(contentStart, limit, escaped: escaped)
                    problem = problem ?? .unterminatedQuote(field: field)
                    return finish(next: limit, rawEnd: limit)
                }
                appendQuoted(contentStart, p, escaped: escaped)
                p += 1  // the closing quote
                // After it: `,`, a line end or the end of input; anything else is skipped as junk.
                while true {
                    if p >= limit {
                        if !atEOF { return nil }
                        return finish(next: limit, rawEnd: limit)
                    }
                    let c = b[p]
                    if c == Self.comma {
                        p += 1
                        break
                    }
                    if c == Self.lf { return finish(next: p + 1, rawEnd: p) }
                    if c == Self.cr {
                        if p + 1 < limit {
                            if b[p + 1] == Self.lf { return finish(next: p + 2, rawEnd: p) }
                        } else if !atEOF {
                            return nil
                        } else {
                            return finish(next: limit, rawEnd: p)
                        }
                    }
                    high |= c
                    problem = problem ?? .textAfterClosingQuote(field: field)
                    p += 1
                }
                continue
            }
            // Unquoted field: up to `,` or `\n`; a `\r` just before the `\n` belongs to the line end.
            let fieldStart = p
            while p < limit {
                let c = b[p]
                if c == Self.comma || c == Self.lf { break }
                if c == Self.quote, problem == nil { problem = .quoteInUnquotedField(field: field) }
                high |= c
                p += 1
            }
            if p >= limit {
                if !atEOF { return nil }
                var fieldEnd = limit
                if fieldEnd > fieldStart, b[fieldEnd - 1] == Self.cr { fieldEnd -= 1 }
                spans.append(CSVFieldSpan(offset: fieldStart, count: fieldEnd - fieldStart, inScratch: false))
                return finish(next: limit, rawEnd: fieldEnd)
            }
            if b[p] == Self.comma {
                spans.append(CSVFieldSpan(offset: fieldStart, count: p - fieldStart, inScratch: false))
                p += 1
                continue
            }
            var fieldEnd = p
            if fieldEnd > fieldStart, b[fieldEnd - 1] == Self.cr { fieldEnd -= 1 }
            spans.append(CSVFieldSpan(offset: fieldStart, count: fieldEnd - fieldStart, inScratch: false))
            return finish(next: p + 1, rawEnd: fieldEnd)
        }
    }

    /// Records a quoted field's content; with doubled quotes, collapses them into the scratch space.
    private func appendQuoted(_ from: Int, _ to: Int, escaped: Bool) {
        guard escaped else {
            spans.append(CSVFieldSpan(offset: from, count: to - from, inScratch: false))
            return
        }
        if scratchCount + (to - from) > scratchCapacity {
            grow(&scratch, capacity: &scratchCapacity, keeping: scratchCount, to: max(scratchCapacity * 2, scratchCount + to - from))
        }
        let src = buffer.assumingMemoryBound(to: UInt8.self)
        let dst = scratch.assumingMemoryBound(to: UInt8.self)
        let offset = scratchCount
        var i = from
        var o = scratchCount
        while i < to {
            let c = src[i]
            dst[o] = c
            o += 1
            i += c == Self.quote ? 2 : 1  // inside a closed quoted field every quote is doubled
        }
        scratchCount = o
        spans.append(CSVFieldSpan(offset: offset, count: o - offset, inScratch: true))
    }

    private func grow(_ pointer: inout UnsafeMutableRawPointer, capacity: inout Int, keeping count: Int, to newCapacity: Int) {
        let bigger = UnsafeMutableRawPointer.allocate(byteCount: newCapacity, alignment: 16)
        bigger.copyMemory(from: pointer, byteCount: count)
        pointer.deallocate()
        pointer = bigger
        capacity = newCapacity
    }
}

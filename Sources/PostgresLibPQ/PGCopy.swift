import CLibPQ
import Foundation

/// The data format of a `COPY`, for ``PGCopyWriter/writeRow(_:)``.
public enum PGCopyFormat: Sendable, Hashable {
    /// PostgreSQL's text format: tab-separated, `\N` for NULL, backslash escapes.
    case text
    /// CSV with `,` and `"`; NULL is an unquoted empty field, an empty string is `""`.
    case csv
}

/// Sends data for a `COPY ... FROM STDIN`; handed to the closure of
/// ``PGConnection/copyIn(_:format:_:)``.
///
/// Raw writes (``write(_:)-(UnsafeRawBufferPointer)``) pass bytes through, e.g. CSV chunks read
/// from a file; ``writeRow(_:)`` escapes fields for the format. Small writes are buffered
/// and sent in 256 KiB messages. Lengths are always in bytes (UTF-8), never characters.
public final class PGCopyWriter {
    public let format: PGCopyFormat
    private let connection: PGConnection
    private var buffer: [UInt8] = []
    private static let flushThreshold = 256 * 1024
    /// Bytes handed to libpq so far.
    public private(set) var bytesSent = 0
    /// Set when the COPY is over: a writer kept past its closure must not send.
    var isFinished = false

    init(connection: PGConnection, format: PGCopyFormat) {
        self.connection = connection
        self.format = format
        buffer.reserveCapacity(Self.flushThreshold + 4096)
    }

    /// Sends raw bytes.
    public func write(_ bytes: UnsafeRawBufferPointer) throws(PGError) {
        if bytes.count >= Self.flushThreshold {
            try flush()
            try send(bytes)
        } else {
            buffer.append(contentsOf: bytes)
            if buffer.count >= Self.flushThreshold { try flush() }
        }
    }

    public func write(_ bytes: [UInt8]) throws(PGError) {
        var failure: PGError?
        bytes.withUnsafeBytes { b in
            do throws(PGError) { try write(b) } catch { failure = error }
        }
        if let failure { throw failure }
    }

    public func write(_ data: Data) throws(PGError) {
        var failure: PGError?
        data.withUnsafeBytes { b in
            do throws(PGError) { try write(b) } catch { failure = error }
        }
        if let failure { throw failure }
    }

    /// Sends the UTF-8 bytes of `text`.
    public func write(_ text: String) throws(PGError) {
        var text = text
        var failure: PGError?
        text.withUTF8 { b in
            do throws(PGError) { try write(UnsafeRawBufferPointer(b)) } catch { failure = error }
        }
        if let failure { throw failure }
    }

    /// Writes one row, escaping each field for ``format``; nil is NULL.
    public func writeRow(_ fields: [String?]) throws(PGError) {
        for (i, field) in fields.enumerated() {
            if i > 0 { buffer.append(format == .csv ? UInt8(ascii: ",") : UInt8(ascii: "\t")) }
            appendField(field)
        }
        buffer.append(UInt8(ascii: "\n"))
        if buffer.count >= Self.flushThreshold { try flush() }
    }

    /// Writes one row of values in their PostgreSQL text form (nil is NULL).
    public func writeRow(values: [(any PGEncodable)?]) throws(PGError) {
        var fields = [String?]()
        fields.reserveCapacity(values.count)
        for v in values { fields.append(try v?.pgEncode() ?? nil) }
        try writeRow(fields)
    }

    private func appendField(_ field: String?) {
        guard let field else {
            if format == .text { buffer.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "N")]) }
            return  // CSV: NULL is an unquoted empty field
        }
        switch format {
        case .text:
            for b in field.utf8 {
                switch b {
                case UInt8(ascii: "\\"): buffer.append(contentsOf: [b, b])
                case UInt8(ascii: "\t"): buffer.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
                case UInt8(ascii: "\n"): buffer.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
                case UInt8(ascii: "\r"): buffer.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
                default: buffer.append(b)
                }
            }
        case .csv:
            // Quote empty strings (else they read as NULL), the end marker `\.`, and anything
            // with a delimiter, quote or line break.
            let needsQuotes =
                field.isEmpty || field == "\\."
                || field.utf8.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 10 || $0 == 13 }
            if !needsQuotes {
                buffer.append(contentsOf: field.utf8)
                return
            }
            buffer.append(UInt8(ascii: "\""))
            for b in field.utf8 {
                if b == UInt8(ascii: "\"") { buffer.append(b) }
                buffer.append(b)
            }
            buffer.append(UInt8(ascii: "\""))
        }
    }

    /// Sends buffered bytes now.
    public func flush() throws(PGError) {
        guard !buffer.isEmpty else { return }
        var failure: PGError?
        buffer.withUnsafeBytes { b in
            do throws(PGError) { try send(b) } catch { failure = error }
        }
        if let failure { throw failure }
        buffer.removeAll(keepingCapacity: true)
    }

    private func send(_ bytes: UnsafeRawBufferPointer) throws(PGError) {
        // A cancelled task stops the COPY between chunks; the caller's abort path rolls it back.
        guard !isFinished else { throw PGError.usage("the COPY this writer belonged to is over") }
        try connection.checkCancellation()
        let h = try connection.requireHandle()
        var offset = 0
        while offset < bytes.count {
            let n = min(bytes.count - offset, 1 << 30)
            let base = bytes.baseAddress!.advanced(by: offset).assumingMemoryBound(to: CChar.self)
            // Blocking mode: 1 when queued, -1 on failure (never 0).
            guard PQputCopyData(h, base, Int32(n)) == 1 else {
                throw PGError.connection(h, "could not send COPY data")
            }
            offset += n
        }
        bytesSent += bytes.count
    }
}

extension PGConnection {
    /// Runs `COPY ... FROM STDIN` and streams data written by `body`.
    ///
    /// ```swift
    /// let rows = try conn.copyIn("COPY t (id, code) FROM STDIN (FORMAT csv)", format: .csv) { w in
    ///     try w.writeRow(["1", "Δ"])
    /// }
    /// ```
    ///
    /// If `body` throws, the COPY is ended with `PQputCopyEnd(errormsg)`, so the server
    /// rolls it back, and the error is rethrown. A bad row makes the server fail the COPY;
    /// that ``PGError`` is thrown after all results are read. Either way nothing is copied and
    /// the connection stays usable.
    ///
    /// - Parameters:
    ///   - statement: a `COPY ... FROM STDIN` statement, without parameters.
    ///   - format: how ``PGCopyWriter/writeRow(_:)`` escapes fields; must match the
    ///     statement's FORMAT. Raw writes ignore it.
    ///   - body: writes the data through the ``PGCopyWriter`` it is given.
    /// - Returns: the number of rows copied.
    @discardableResult
    public func copyIn(_ statement: PGQuery, format: PGCopyFormat = .text, _ body: (PGCopyWriter) throws -> Void) throws -> Int {
        let h = try requireHandle()
        try checkCancellation()
        guard statement.parameterCount == 0 else { throw PGError.usage("COPY cannot take parameters") }
        let sql = statement.sql
        guard let start = PQexec(h, sql) else { throw PGError.connection(h, "no result from server", sql: sql) }
        guard PQresultStatus(start) == PGRES_COPY_IN else {
            _ = try checkResult(start, sql: sql)  // throws the server error; or:
            throw PGError.usage("the statement is not a COPY FROM STDIN")
        }
        PQclear(start)

        let writer = PGCopyWriter(connection: self, format: format)
        defer { writer.isFinished = true }
        do {
            try body(writer)
            try writer.flush()
        } catch {
            // The message goes to the server log; it names the error type only, never data.
            _ = PQputCopyEnd(h, "COPY aborted by the client: \(type(of: error))")
            drainResults(sql: sql)
            throw error
        }
        guard PQputCopyEnd(h, nil) == 1 else {
            let e = PGError.connection(h, "could not end COPY", sql: sql)
            drainResults(sql: sql)
            throw e
        }
        return try finishCopy(sql: sql)
    }

    /// Reads the results after a COPY until NULL: the row count, or the first error.
    private func finishCopy(sql: String) throws(PGError) -> Int {
        let h = try requireHandle()
        var rows = 0
        var firstError: PGError?
        while let r = PQgetResult(h) {
            switch PQresultStatus(r) {
            case PGRES_COMMAND_OK:
                rows = Int(String(cString: PQcmdTuples(r))) ?? 0
            default:
                if firstError == nil {
                    var e = PGError.fromResult(r, connection: h, sql: sql)
                    if e.sqlState == .queryCanceled && Task.isCancelled { e.kind = .cancelled }
                    firstError = e
                }
            }
            PQclear(r)
        }
        if let firstError { throw firstError }
        return rows
    }

    /// Runs `COPY ... TO STDOUT` and hands each chunk (one row in text/CSV formats) to `body`.
    ///
    /// The buffer is only valid during the call. If `body` throws, the statement is
    /// cancelled, remaining data is discarded, and the error is rethrown.
    /// - Returns: the number of rows copied.
    @discardableResult
    public func copyOut(_ statement: PGQuery, _ body: (UnsafeRawBufferPointer) throws -> Void) throws -> Int {
        let h = try requireHandle()
        try checkCancellation()
        guard statement.parameterCount == 0 else { throw PGError.usage("COPY cannot take parameters") }
        let sql = statement.sql
        guard let start = PQexec(h, sql) else { throw PGError.connection(h, "no result from server", sql: sql) }
        guard PQresultStatus(start) == PGRES_COPY_OUT else {
            _ = try checkResult(start, sql: sql)
            throw PGError.usage("the statement is not a COPY TO STDOUT")
        }
        PQclear(start)
        var bodyError: (any Error)?
        var readError: PGError?
        while true {
            var chunk: UnsafeMutablePointer<CChar>?
            let n = PQgetCopyData(h, &chunk, 0)
            if n > 0, let chunk {
                if bodyError == nil {
                    do {
                        try body(UnsafeRawBufferPointer(start: chunk, count: Int(n)))
                    } catch {
                        bodyError = error
                        makeCanceller()?.cancel()  // stop the server producing more
                    }
                }
                PQfreemem(chunk)
            } else if n == -1 {
                break  // done; the final result follows
            } else {
                readError = PGError.connection(h, "COPY OUT failed", sql: sql)
                break
            }
        }
        let rows: Int
        do {
            rows = try finishCopy(sql: sql)
        } catch {
            throw bodyError ?? readError ?? error
        }
        if let bodyError { throw bodyError }
        if let readError { throw readError }
        return rows
    }
}


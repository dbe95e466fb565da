import Foundation
import RekapStore
import Testing

/// One record as plain values, for comparisons.
private struct Read: Equatable, CustomStringConvertible {
    var line: Int
    var fields: [String]
    var raw: String
    var problem: CSVError.Reason?

    var description: String { "\(line): \(fields) raw=\(raw.debugDescription) \(problem.map { "\($0)" } ?? "")" }
}

private func readAll(_ bytes: [UInt8], chunkSize: Int = 256 * 1024, maxRead: Int = .max, maxRecordBytes: Int = 1 << 20) throws -> [Read] {
    var source = MemorySource(bytes, maxRead: maxRead)
    var out: [Read] = []
    try CSVReader(chunkSize: chunkSize, maxRecordBytes: maxRecordBytes).forEachRecord(from: &source) { r in
        out.append(Read(line: r.line, fields: r.strings, raw: String(decoding: r.raw, as: UTF8.self), problem: r.problem?.reason))
    }
    return out
}

private func readAll(_ text: String, chunkSize: Int = 256 * 1024, maxRead: Int = .max) throws -> [Read] {
    try readAll(Array(text.utf8), chunkSize: chunkSize, maxRead: maxRead)
}

@Suite struct CSVReaderTests {
    @Test func plainLinesWithLFAndCRLF() throws {
        let reads = try readAll("nop,tahun\r\n1,2023\n2,2024\r\n")
        #expect(reads == [
            Read(line: 1, fields: ["nop", "tahun"], raw: "nop,tahun"),
            Read(line: 2, fields: ["1", "2023"], raw: "1,2023"),
            Read(line: 3, fields: ["2", "2024"], raw: "2,2024"),
        ])
    }

    @Test func lastLineWithoutLineEnd() throws {
        #expect(try readAll("a,b\nc,d") == [Read(line: 1, fields: ["a", "b"], raw: "a,b"), Read(line: 2, fields: ["c", "d"], raw: "c,d")])
        #expect(try readAll("a,b\r\nc,d\r") == [Read(line: 1, fields: ["a", "b"], raw: "a,b"), Read(line: 2, fields: ["c", "d"], raw: "c,d")])
        #expect(try readAll("").isEmpty)
    }

    @Test func byteOrderMarkIsSkipped() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("nop,tahun\n1,2\n".utf8)
        let expected = [Read(line: 1, fields: ["nop", "tahun"], raw: "nop,tahun"), Read(line: 2, fields: ["1", "2"], raw: "1,2")]
        #expect(try readAll(bytes) == expected)
        #expect(try readAll(bytes, chunkSize: 1, maxRead: 1) == expected)
        // A BOM-only file and a file shorter than a BOM.
        #expect(try readAll([0xEF, 0xBB, 0xBF]).isEmpty)
        #expect(try readAll(Array("a".utf8), maxRead: 1) == [Read(line: 1, fields: ["a"], raw: "a")])
    }

    @Test func byteOffsetsPointAtRecordStarts() throws {
        var source = MemorySource([0xEF, 0xBB, 0xBF] + Array("ab,c\r\n\"x\ny\"\nz".utf8), maxRead: 2)
        var offsets: [Int] = []
        let reader = CSVReader(chunkSize: 4)
        try reader.forEachRecord(from: &source) { offsets.append($0.byteOffset) }
        #expect(offsets == [3, 9, 15])
        #expect(reader.bytesRead == 16)
    }

    @Test func quotedFields() throws {
        let text = "\"a,b\",\"say \"\"hi\"\"\",\"\"\n\"multi\nline\r\nfield\",x\nlast,\"\"\"\"\n"
        #expect(try readAll(text) == [
            Read(line: 1, fields: ["a,b", "say \"hi\"", ""], raw: "\"a,b\",\"say \"\"hi\"\"\",\"\""),
            Read(line: 2, fields: ["multi\nline\r\nfield", "x"], raw: "\"multi\nline\r\nfield\",x"),
            Read(line: 5, fields: ["last", "\""], raw: "last,\"\"\"\""),
        ])
    }

    @Test func emptyFieldsAndEmptyLines() throws {
        let reads = try readAll(",\n\nx,,\r\n\r\n")
        #expect(reads == [
            Read(line: 1, fields: ["", ""], raw: ","),
            Read(line: 2, fields: [""], raw: ""),
            Read(line: 3, fields: ["x", "", ""], raw: "x,,"),
            Read(line: 4, fields: [""], raw: ""),
        ])
    }

    /// Every way of cutting the input into reads and every buffer size gives the same records.
    @Test func chunkBoundariesDoNotMatter() throws {
        let text = "\u{FEFF}h1,h2\r\n\"q,\"\"x\"\"\r\ny\",2\nplain,\"\"\n\"\",\"a\"\"\"\r\nü,ß\n\"tail"
        let reference = try readAll(text)
        #expect(reference.count == 6)
        #expect(reference.last?.problem == .unterminatedQuote(field: 1))
        for chunkSize in [1, 2, 3, 5, 8, 13, 64] {
            for maxRead in [1, 2, 7, Int.max] {
                #expect(try readAll(text, chunkSize: chunkSize, maxRead: maxRead) == reference, "chunk \(chunkSize) read \(maxRead)")
            }
        }
    }

    @Test func invalidUTF8IsReportedOnItsLineAndReadingGoesOn() throws {
        let bytes = Array("a,b\n".utf8) + [0x31, 0x2C, 0xC3, 0x28, 0x0A] + Array("\"x\ny\",\u{00E9}\n".utf8) + [0xED, 0xA0, 0x80, 0x0A] + Array("ok,1\n".utf8)
        let reads = try readAll(bytes)
        #expect(reads.map(\.line) == [1, 2, 3, 5, 6])
        #expect(reads.map(\.problem) == [nil, .invalidUTF8, nil, .invalidUTF8, nil])
        #expect(reads[2].fields == ["x\ny", "é"])
    }

    @Test func badQuotingIsReportedAndReadingGoesOn() throws {
        let reads = try readAll("ab\"c,d\n\"x\"y,z\n\"ok\",1\n1,\"open\nnever closed")
        #expect(reads.map(\.line) == [1, 2, 3, 4])
        #expect(reads.map(\.problem) == [
            .quoteInUnquotedField(field: 1), .textAfterClosingQuote(field: 1), nil, .unterminatedQuote(field: 2),
        ])
        #expect(reads[2].fields == ["ok", "1"])
        #expect(CSVError(line: 4, reason: .unterminatedQuote(field: 2)).description == "line 4: field 2 opens a quote that is never closed")
    }

    @Test func overlongRecordStopsReadingWithItsLine() throws {
        let text = "a,b\nc,d\n\"never closed, " + String(repeating: "x", count: 5000)
        #expect(throws: CSVError(line: 3, reason: .recordTooLong(limit: 1000))) {
            try readAll(Array(text.utf8), chunkSize: 64, maxRecordBytes: 1000)
        }
        // Up to the limit is fine, and the buffer grows to take it.
        let long = String(repeating: "y", count: 1000)
        #expect(try readAll(Array("\(long)\r\n\(long)".utf8), chunkSize: 64, maxRecordBytes: 1000).map(\.raw) == [long, long])
    }

    @Test func errorsFromTheBodyStopReading() throws {
        struct Stop: Error {}
        var source = MemorySource("1\n2\n3\n")
        var seen = 0
        #expect(throws: Stop.self) {
            try CSVReader().forEachRecord(from: &source) { r in
                seen += 1
                if r.line == 2 { throw Stop() }
            }
        }
        #expect(seen == 2)
    }

    @Test func fileSourceReadsAndNamesMissingFiles() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("csv-\(UUID().uuidString).csv").path
        try Data("nop,tahun\n1,2023\n".utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        var file = try FileSource(path: path)
        var lines: [[String]] = []
        try CSVReader(chunkSize: 5).forEachRecord(from: &file) { lines.append($0.strings) }
        #expect(lines == [["nop", "tahun"], ["1", "2023"]])

        #expect(throws: ByteSourceError.self) { _ = try FileSource(path: "/nonexistent/ketetapan.csv") }
        do {
            _ = try FileSource(path: "/nonexistent/ketetapan.csv")
        } catch {
            #expect(error.description.hasPrefix("/nonexistent/ketetapan.csv: "))
        }
    }

    /// A source that makes rows up as it is read, so a long stream needs no memory of its own.
    struct GeneratedRows: ByteSource {
        let rows: Int
        var next = 0
        var pending: [UInt8] = []

        mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
            while pending.count < buffer.count, next < rows {
                pending.append(contentsOf: "\(140_001_000_000_000_000 + next),2023,\"14.72.02.1001\",\(next % 977 * 1000)\r\n".utf8)
                next += 1
            }
            let n = min(buffer.count, pending.count)
            buffer.copyBytes(from: pending[0..<n])
            pending.removeFirst(n)
            return n
        }
    }

    @Test func streamsManyRows() throws {
        var source = GeneratedRows(rows: 200_000)
        var count = 0
        var pokok = 0
        var lastLine = 0
        try CSVReader(chunkSize: 4096).forEachRecord(from: &source) { r in
            #expect(r.problem == nil && r.count == 4)
            count += 1
            lastLine = r.line
            pokok += Int(r.string(3))!
        }
        #expect(count == 200_000)
        #expect(lastLine == 200_000)
        #expect(pokok == (0..<200_000).reduce(0) { $0 + $1 % 977 * 1000 })
    }
}

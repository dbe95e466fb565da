import Foundation

/// Lines to a file through a 1 MiB buffer, so generating millions of rows stays cheap.
final class LineWriter {
    struct Failure: Error {
        let path: String
        let reason: String
    }

    let path: String
    private let handle: FileHandle
    private var buffer: [UInt8] = []

    init(path: String) throws(Failure) {
        guard FileManager.default.createFile(atPath: path, contents: nil), let handle = FileHandle(forWritingAtPath: path) else {
            throw Failure(path: path, reason: "cannot create the file")
        }
        self.path = path
        self.handle = handle
        buffer.reserveCapacity(1 << 20 + 4096)
    }

    func write(_ line: String) throws(Failure) {
        buffer.append(contentsOf: line.utf8)
        buffer.append(UInt8(ascii: "\n"))
        if buffer.count >= 1 << 20 { try flush() }
    }

    func flush() throws(Failure) {
        do {
            try handle.write(contentsOf: buffer)
        } catch {
            throw Failure(path: path, reason: error.localizedDescription)
        }
        buffer.removeAll(keepingCapacity: true)
    }

    func close() throws(Failure) {
        try flush()
        try? handle.close()
    }
}

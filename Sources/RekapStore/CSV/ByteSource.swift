#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where streamed bytes come from: a file, a pipe, a socket, a request body, memory.
///
/// Synchronous on purpose: readers run inside a `PGConnection` closure, on the connection's own
/// thread, where blocking is fine. An async body (an HTTP request) can be bridged through a pipe
/// read with ``FileDescriptorSource``, or by an adapter that blocks on its next chunk.
public protocol ByteSource {
    /// Reads up to `buffer.count` bytes into `buffer` and returns how many; 0 only at the end.
    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int
}

/// An I/O failure while reading a byte source.
public struct ByteSourceError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file or stream, as the user named it.
    public let name: String
    /// The `errno` value.
    public let code: Int32
    public var description: String { "\(name): \(String(cString: strerror(code)))" }
}

/// Reads an open file descriptor (file, pipe, socket) with `read(2)`; does not close it.
public struct FileDescriptorSource: ByteSource {
    public let descriptor: Int32
    public let name: String

    public init(descriptor: Int32, name: String) {
        self.descriptor = descriptor
        self.name = name
    }

    public mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
        while true {
            let n = systemRead(descriptor, base, buffer.count)
            if n >= 0 { return n }
            if errno == EINTR { continue }
            throw ByteSourceError(name: name, code: errno)
        }
    }
}

/// A file opened by path for reading; closed when released.
public final class FileSource: ByteSource {
    public let path: String
    private var source: FileDescriptorSource

    /// Opens `path`; throws a ``ByteSourceError`` naming it when it cannot be opened.
    public init(path: String) throws(ByteSourceError) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw ByteSourceError(name: path, code: errno) }
        self.path = path
        self.source = FileDescriptorSource(descriptor: fd, name: path)
    }

    deinit { close(source.descriptor) }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        try source.read(into: buffer)
    }
}

/// Bytes already in memory; `maxRead` caps each read, so tests can split records across reads.
public struct MemorySource: ByteSource {
    public let bytes: [UInt8]
    public let maxRead: Int
    private var offset = 0

    public init(_ bytes: [UInt8], maxRead: Int = .max) {
        self.bytes = bytes
        self.maxRead = max(1, maxRead)
    }

    public init(_ text: String, maxRead: Int = .max) {
        self.init(Array(text.utf8), maxRead: maxRead)
    }

    public mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let n = min(buffer.count, bytes.count - offset, maxRead)
        guard n > 0 else { return 0 }
        bytes.withUnsafeBytes { src in
            buffer.baseAddress!.copyMemory(from: src.baseAddress! + offset, byteCount: n)
        }
        offset += n
        return n
    }
}

// `read` is shadowed inside types that declare their own `read(into:)`.
private func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    read(fd, buffer, count)
}

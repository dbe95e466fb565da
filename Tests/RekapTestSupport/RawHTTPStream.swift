import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A plain TCP connection that sends one HTTP/1.1 request and reads the answer as it comes: what an
/// endless `text/event-stream` needs (URLSession waits for the end of a body). Closed when released.
public final class RawHTTPStream: @unchecked Sendable {
    private let socket: Int32
    /// Every byte received so far.
    public private(set) var bytes: [UInt8] = []
    /// What was received so far, as text.
    public var received: String { String(decoding: bytes, as: UTF8.self) }

    public init(port: Int, request: String) throws {
        socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw RawHTTPFailure(description: "socket failed: errno \(errno)") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        let connected = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
        guard connected else {
            Glibc.close(socket)
            throw RawHTTPFailure(description: "cannot connect to port \(port): errno \(errno)")
        }
        let request = Array(request.utf8)
        guard request.withUnsafeBytes({ send(socket, $0.baseAddress, $0.count, 0) }) == request.count else {
            Glibc.close(socket)
            throw RawHTTPFailure(description: "cannot send the request")
        }
    }

    deinit { Glibc.close(socket) }

    /// Reads until what was received contains `text`, for at most `seconds`; false when it never came.
    public func read(until text: String, seconds: Double = 60) -> Bool {
        read(seconds: seconds) { $0.received.contains(text) }
    }

    /// Reads until `done` holds of this stream, for at most `seconds`; false when it never did
    /// (time up, or the server closed the connection).
    public func read(seconds: Double = 60, until done: (RawHTTPStream) -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while !done(self) {
            let left = Int32(max(0, deadline.timeIntervalSinceNow * 1000))
            guard left > 0 else { return false }
            var descriptor = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
            guard poll(&descriptor, 1, min(left, 500)) >= 0 else { return false }
            guard descriptor.revents != 0 else { continue }
            var chunk = [UInt8](repeating: 0, count: 4096)
            let n = chunk.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
            guard n > 0 else { return false }
            bytes += chunk[..<n]
        }
        return true
    }

    /// Reads (keeping what comes) until the server closes the connection, for at most `seconds`;
    /// false when it was still open then.
    public func waitForClose(seconds: Double) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while true {
            let left = Int32(max(0, deadline.timeIntervalSinceNow * 1000))
            guard left > 0 else { return false }
            var descriptor = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
            guard poll(&descriptor, 1, min(left, 500)) >= 0 else { return false }
            guard descriptor.revents != 0 else { continue }
            var chunk = [UInt8](repeating: 0, count: 4096)
            let n = chunk.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
            if n <= 0 { return true }  // end of stream, or reset
            bytes += chunk[..<n]
        }
    }

    /// The answer's status line and header fields, once they came.
    public struct Head: Sendable {
        public let status: Int
        /// Header names in lower case.
        public let headers: [String: String]
        /// Where the body starts in ``RawHTTPStream/bytes``.
        public let bodyStart: Int
    }

    static let headEnd: [UInt8] = Array("\r\n\r\n".utf8)

    /// Reads until the answer's head has come, for at most `seconds`, and parses it; nil when it never came.
    public func head(seconds: Double = 60) -> Head? {
        guard read(seconds: seconds, until: { $0.headLength != nil }), let length = headLength else { return nil }
        let lines = String(decoding: bytes[..<length], as: UTF8.self).components(separatedBy: "\r\n")
        let statusWords = lines[0].split(separator: " ")
        guard statusWords.count >= 2, let status = Int(statusWords[1]) else { return nil }
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return Head(status: status, headers: headers, bodyStart: length + Self.headEnd.count)
    }

    /// Where the head ends (before its blank line), once it came.
    private var headLength: Int? {
        guard bytes.count >= Self.headEnd.count else { return nil }
        return (0...(bytes.count - Self.headEnd.count)).first { bytes[$0..<($0 + Self.headEnd.count)].elementsEqual(Self.headEnd) }
    }
}

/// A raw HTTP connection that could not be made.
public struct RawHTTPFailure: Error, CustomStringConvertible {
    public let description: String
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An HTTP/1.1 POST over a plain socket whose body the test sends in parts, when it chooses: so a
/// test can hold a request open (half its body sent) while something else happens, instead of
/// racing a fast upload. The answer is read once the whole body is sent (`Connection: close`).
final class HandDrivenUpload {
    private let descriptor: Int32

    /// Connects to 127.0.0.1:`port` and sends the request line and headers.
    init(port: Int, path: String, token: String, contentType: String, contentLength: Int) throws {
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw SocketError(call: "socket", code: errno) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else {
            let code = errno
            close(descriptor)
            throw SocketError(call: "connect", code: code)
        }
        let head = "POST \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nAuthorization: Bearer \(token)\r\n"
            + "Content-Type: \(contentType)\r\nContent-Length: \(contentLength)\r\nConnection: close\r\n\r\n"
        try send(Array(head.utf8))
    }

    deinit { close(descriptor) }

    /// Writes all of `bytes`.
    func send(_ bytes: some Collection<UInt8>) throws {
        let buffer = Array(bytes)
        var offset = 0
        while offset < buffer.count {
            // MSG_NOSIGNAL: a server that closes early must fail this call, not kill the test process.
            let written = buffer[offset...].withUnsafeBytes { Self.sendNoSignal(descriptor, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                throw SocketError(call: "send", code: errno)
            }
            offset += written
        }
    }

    /// Reads the answer to its end: the status code and the whole text (head and body).
    func response() throws -> (status: Int, text: String) {
        var received: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw SocketError(call: "read", code: errno)
            }
            if count == 0 { break }
            received.append(contentsOf: chunk[..<count])
        }
        let text = String(decoding: received, as: UTF8.self)
        // "HTTP/1.1 201 Created"
        let status = text.split(separator: " ", maxSplits: 2).dropFirst().first.flatMap { Int($0) } ?? 0
        return (status, text)
    }

    private static func sendNoSignal(_ descriptor: Int32, _ bytes: UnsafeRawPointer?, _ count: Int) -> Int {
        #if canImport(Glibc)
        Glibc.send(descriptor, bytes, count, Int32(MSG_NOSIGNAL))
        #else
        Darwin.send(descriptor, bytes, count, 0)
        #endif
    }

    struct SocketError: Error, CustomStringConvertible {
        let call: String
        let code: Int32
        var description: String { "\(call): \(String(cString: strerror(code)))" }
    }
}

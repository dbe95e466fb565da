import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A plain TCP connection that sends one HTTP/1.1 request and reads the answer as it comes: what an
/// endless `text/event-stream` needs (URLSession waits for the end of a body).
final class RawHTTPStream: @unchecked Sendable {
    private let socket: Int32
    private(set) var received = ""

    init(port: Int, request: String) throws {
        socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw DashboardTestFailure(description: "socket failed: errno \(errno)") }
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
            throw DashboardTestFailure(description: "cannot connect to port \(port): errno \(errno)")
        }
        let bytes = Array(request.utf8)
        guard bytes.withUnsafeBytes({ send(socket, $0.baseAddress, $0.count, 0) }) == bytes.count else {
            Glibc.close(socket)
            throw DashboardTestFailure(description: "cannot send the request")
        }
    }

    deinit { Glibc.close(socket) }

    /// Reads until what was received contains `text`, for at most `seconds`; false when it never came.
    func read(until text: String, seconds: Double = 60) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while !received.contains(text) {
            let left = Int32(max(0, deadline.timeIntervalSinceNow * 1000))
            guard left > 0 else { return false }
            var descriptor = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
            guard poll(&descriptor, 1, min(left, 500)) >= 0 else { return false }
            guard descriptor.revents != 0 else { continue }
            var chunk = [UInt8](repeating: 0, count: 4096)
            let n = chunk.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
            guard n > 0 else { return false }
            received += String(decoding: chunk[..<n], as: UTF8.self)
        }
        return true
    }
}

import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import PostgresLibPQ
import RekapTestSupport

/// The real `rekapd` serving HTTP on a free local port, on a test database; ready once `/healthz`
/// answers.
struct RekapdServer: Sendable {
    let child: ChildProcess
    let base: String

    static func start(on configuration: PGConfiguration) async throws -> RekapdServer {
        let port = try freePort()
        let child = try ChildProcess("rekapd", ["--database", databaseURL(configuration), "--listen", "127.0.0.1:\(port)",
                                                "--worker-id", "dashboard-browser-test"])
        let server = RekapdServer(child: child, base: "http://127.0.0.1:\(port)")
        try await waitUntil("rekapd to serve \(server.base)/healthz (stderr: \(child.stderr))") {
            if !child.process.isRunning { throw DashboardTestFailure(description: "rekapd exited early:\n\(child.stderr)") }
            return (try? await server.request("/healthz").status) == 200
        }
        return server
    }

    /// What came back: redirects are not followed and cookies are neither kept nor sent, so the
    /// tests see exactly what the server answered.
    struct Answer: Sendable {
        let status: Int
        let headers: [String: String]
        let body: String

        func header(_ name: String) -> String? {
            headers.first { $0.key.caseInsensitiveCompare(name) == .orderedSame }?.value
        }
    }

    /// One request, as a script or a browser sends it.
    func request(_ path: String, method: String = "GET", headers: [String: String] = [:], body: Data? = nil) async throws -> Answer {
        var request = URLRequest(url: URL(string: base + path)!)
        request.httpMethod = method
        request.httpBody = body
        request.httpShouldHandleCookies = false
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        let (data, response) = try await Self.session.data(for: request)
        let http = response as? HTTPURLResponse
        var fields: [String: String] = [:]
        for (name, value) in http?.allHeaderFields ?? [:] {
            if let name = name as? String, let value = value as? String { fields[name] = value }
        }
        return Answer(status: http?.statusCode ?? 0, headers: fields, body: String(decoding: data, as: UTF8.self))
    }

    static let session: URLSession = {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpCookieStorage = nil
        configuration.httpShouldSetCookies = false
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        return URLSession(configuration: configuration, delegate: NoRedirects(), delegateQueue: nil)
    }()

    final class NoRedirects: NSObject, URLSessionTaskDelegate, @unchecked Sendable {
        func urlSession(_ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
                        newRequest request: URLRequest, completionHandler: @escaping @Sendable (URLRequest?) -> Void) {
            completionHandler(nil)
        }
    }

    /// A TCP port nothing listens on now (the kernel's pick for port 0).
    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw DashboardTestFailure(description: "socket failed") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { generic in
                bind(fd, generic, length) == 0 && getsockname(fd, generic, &length) == 0
            }
        }
        guard bound else { throw DashboardTestFailure(description: "cannot find a free port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

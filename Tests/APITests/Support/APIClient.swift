import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import RekapDomain
import RekapTestSupport
import Testing

/// An HTTP client for one rekapd (FoundationNetworking's URLSession). Every answer is checked
/// against `openapi/rekap.json` (``OpenAPIContract``): its status must be documented for the
/// operation, its content type and required headers too, and a JSON body must match the documented
/// schema; a mismatch is recorded as a test issue wherever the call was made. Redirects are not
/// followed and cookies are neither kept nor sent unless given, so the answers are the server's own.
struct APIClient: Sendable {
    let port: Int
    let session: URLSession

    init(port: Int) {
        self.port = port
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = 300
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.httpCookieStorage = nil
        configuration.httpShouldSetCookies = false
        self.session = URLSession(configuration: configuration, delegate: NoRedirects(), delegateQueue: nil)
    }

    /// Sends `method path` (path with its query), with `Authorization: Bearer token` when a token is given.
    func send(
        _ method: String, _ path: String, token: String? = nil, body: [UInt8]? = nil, headers: [String: String] = [:],
        contract: Bool = true, sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> APIResponse {
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)\(path)")!)
        request.httpMethod = method
        request.httpShouldHandleCookies = false
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        if let body { request.httpBody = Data(body) }
        let (data, urlResponse) = try await session.data(for: request)
        let http = try #require(urlResponse as? HTTPURLResponse, sourceLocation: sourceLocation)
        var fields: [String: String] = [:]
        for (name, value) in http.allHeaderFields {
            if let name = name as? String, let value = value as? String { fields[name.lowercased()] = value }
        }
        let response = APIResponse(status: http.statusCode, headers: fields, body: Array(data))
        if contract { check(method, path, response, sourceLocation: sourceLocation) }
        return response
    }

    /// `GET path` of an endless `text/event-stream` (URLSession would wait for its end): the head,
    /// then the body as far as its first message (a stream, its chunked framing left in) or its
    /// Content-Length (any other answer), read within `seconds`; the connection is closed on return.
    func openEventStream(
        _ path: String, token: String? = nil, headers: [String: String] = [:], seconds: Double = 60,
        contract: Bool = true, sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> APIResponse {
        var fields = ["Host": "127.0.0.1:\(port)", "Accept": "text/event-stream"].merging(headers) { $1 }
        if let token { fields["Authorization"] = "Bearer \(token)" }
        let request = "GET \(path) HTTP/1.1\r\n" + fields.map { "\($0.key): \($0.value)\r\n" }.joined() + "\r\n"
        let stream = try RawHTTPStream(port: port, request: request)
        let head = try #require(stream.head(seconds: seconds), "no answer to GET \(path): \(stream.received)", sourceLocation: sourceLocation)
        let streaming = head.headers["content-type"]?.hasPrefix("text/event-stream") == true
        let length = Int(head.headers["content-length"] ?? "") ?? 0
        let complete = stream.read(seconds: seconds) { stream in
            let body = stream.bytes[head.bodyStart...]
            return streaming ? String(decoding: body, as: UTF8.self).contains("\n\n") : body.count >= length
        }
        #expect(complete, "GET \(path): the body did not come: \(stream.received)", sourceLocation: sourceLocation)
        let response = APIResponse(status: head.status, headers: head.headers, body: Array(stream.bytes[head.bodyStart...]))
        if contract { check("GET", path, response, sourceLocation: sourceLocation) }
        return response
    }

    /// Records every way `response` departs from the document as a test issue.
    private func check(_ method: String, _ path: String, _ response: APIResponse, sourceLocation: SourceLocation) {
        for problem in OpenAPIContract.shared.problems(method: method, path: path, response: response) {
            Issue.record("\(method) \(path) → \(response.status): \(problem)", sourceLocation: sourceLocation)
        }
    }

    func get(_ path: String, token: String? = nil, sourceLocation: SourceLocation = #_sourceLocation) async throws -> APIResponse {
        try await send("GET", path, token: token, sourceLocation: sourceLocation)
    }

    func post(
        _ path: String, token: String? = nil, body: [UInt8], contentType: String = "application/json",
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> APIResponse {
        try await send("POST", path, token: token, body: body, headers: ["Content-Type": contentType], sourceLocation: sourceLocation)
    }

    func post(_ path: String, token: String? = nil, json: String, sourceLocation: SourceLocation = #_sourceLocation) async throws -> APIResponse {
        try await post(path, token: token, body: Array(json.utf8), sourceLocation: sourceLocation)
    }
}

/// One answer.
struct APIResponse: Sendable {
    let status: Int
    /// Header names in lower case.
    let headers: [String: String]
    let body: [UInt8]

    var text: String { String(decoding: body, as: UTF8.self) }

    /// The body as JSON (rekap's own parser: numbers stay text).
    var json: JSONValue {
        get throws { try JSONParser().parse(body) }
    }

    /// `error` of an error body.
    var errorCode: String? {
        guard case .string(let code)? = try? json["error"] else { return nil }
        return code
    }

    /// A string member of a JSON object body.
    func string(_ key: String) -> String? {
        guard case .string(let value)? = try? json[key] else { return nil }
        return value
    }

    /// A number member of a JSON object body, as its text.
    func number(_ key: String) -> String? {
        guard case .number(let value)? = try? json[key] else { return nil }
        return value
    }
}

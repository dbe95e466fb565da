import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import RekapDomain
import Testing

/// An HTTP client for one rekapd (FoundationNetworking's URLSession). Every answer is checked
/// against `openapi/rekap.json` (``OpenAPIContract``): its status must be documented for the
/// operation, and a JSON body must match the documented schema; a mismatch is recorded as a test
/// issue wherever the call was made.
struct APIClient: Sendable {
    let port: Int
    let session: URLSession

    init(port: Int) {
        self.port = port
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = 300
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        self.session = URLSession(configuration: configuration)
    }

    /// Sends `method path` (path with its query), with `Authorization: Bearer token` when a token is given.
    func send(
        _ method: String, _ path: String, token: String? = nil, body: [UInt8]? = nil, headers: [String: String] = [:],
        contract: Bool = true, sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> APIResponse {
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)\(path)")!)
        request.httpMethod = method
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
        if contract {
            for problem in OpenAPIContract.shared.problems(method: method, path: path, response: response) {
                Issue.record("\(method) \(path) → \(response.status): \(problem)", sourceLocation: sourceLocation)
            }
        }
        return response
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

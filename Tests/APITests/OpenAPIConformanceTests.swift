import Foundation
import HTTPTypes
import Hummingbird
import Logging
import PostgresLibPQ
import RekapDomain
import RekapServer
import RekapTestSupport
import Testing

/// The running server against `openapi/rekap.json`. (Every answer of every API test is also checked
/// against the document by ``APIClient``: documented status, content type and JSON schema.)
@Suite(.timeLimit(.minutes(10))) struct OpenAPIConformanceTests {
    @Test func theDocumentIsOpenAPI31AndEveryReferenceResolves() throws {
        let contract = OpenAPIContract.shared
        #expect(contract.document["openapi"] == .string("3.1.0"))
        #expect(contract.operations.count == 29)
        var references: [String] = []
        func collect(_ value: JSONValue) {
            switch value {
            case .object(let members):
                for member in members {
                    if member.key == "$ref", case .string(let reference) = member.value { references.append(reference) }
                    collect(member.value)
                }
            case .array(let values): values.forEach(collect)
            default: break
            }
        }
        collect(contract.document)
        #expect(!references.isEmpty)
        for reference in references {
            #expect(contract.resolve(.object([JSONMember(key: "$ref", value: .string(reference))])) != .null, "\(reference)")
        }
        for operation in contract.operations {
            guard case .object(let responses)? = operation.definition["responses"] else {
                Issue.record("\(operation.method) \(operation.template) documents no responses")
                continue
            }
            // A form post's success is a redirect (303 See Other).
            #expect(responses.contains { $0.key.hasPrefix("2") || $0.key == "303" }, "\(operation.method) \(operation.template) has no success answer")
            if case .array(let requirements)? = operation.definition["security"] {
                #expect(responses.contains { $0.key == "401" }, "\(operation.method) \(operation.template) does not document 401")
                for case .object(let schemes) in requirements {
                    for scheme in schemes {
                        #expect(contract.document["components"]?["securitySchemes"]?[scheme.key] != nil,
                                "\(operation.method) \(operation.template): no security scheme \(scheme.key)")
                    }
                }
            }
        }
    }

    @Test func everyDocumentedOperationIsServed() async throws {
        try await APIServer.with { server in
            for operation in OpenAPIContract.shared.operations {
                let path = try Self.examplePath(operation)
                let token = Self.token(for: operation, server.tokens)
                let response: APIResponse
                if Self.isEventStream(operation) {
                    response = try await server.client.openEventStream(path, token: token)
                    #expect(response.status == 200 && response.text.contains("retry: "), "\(path): \(response.status) \(response.text)")
                } else {
                    let body = Self.exampleBody(operation, server.tokens)
                    let contentType = Self.requestContentType(operation)
                    response = try await server.client.send(
                        operation.method, path, token: token, body: body, headers: contentType.map { ["Content-Type": $0] } ?? [:])
                }
                #expect(response.errorCode != "no_route" && response.status != 405, "\(operation.method) \(path) is not served: \(response.text)")
                #expect(response.status < 500, "\(operation.method) \(path): \(response.status) \(response.text)")
            }
        }
    }

    /// The other way round: every route rekapd's router serves (the dashboard's and the forms' too)
    /// is a documented operation, with the same path template.
    @Test func everyServedRouteIsDocumented() async throws {
        // The router is only built, never asked: the pool never connects.
        let client = try PGClient(url: "postgresql://127.0.0.1:1/unused")
        let router = buildRouter(ServerDependencies(client: client, settings: ServerSettings(host: "127.0.0.1", port: 0),
                                                    workerID: "openapi-test", logger: Logger(label: "rekap.openapi-test")))
        let served = Set(router.routes.map { "\($0.method.rawValue) \($0.path.description)" })
        let documented = Set(OpenAPIContract.shared.operations.map { "\($0.method) \($0.template)" })
        #expect(served.count == documented.count)
        #expect(served.subtracting(documented).isEmpty, "served but not in openapi/rekap.json: \(served.subtracting(documented).sorted())")
        #expect(documented.subtracting(served).isEmpty, "in openapi/rekap.json but not served: \(documented.subtracting(served).sorted())")
        await client.close()
    }

    @Test func anUndocumentedPathIsNotServed() async throws {
        try await APIServer.with { server in
            for (method, path) in [("GET", "/v1/nothing"), ("DELETE", "/healthz"), ("GET", "/v1/rankings/unknown?year=2023")] {
                let response = try await server.client.send(method, path, token: server.tokens.bappeda, contract: false)
                #expect(response.status == 404 && response.errorCode == "no_route", "\(method) \(path): \(response.status) \(response.text)")
                #expect(OpenAPIContract.shared.operation(method: method, path: path) == nil)
            }
        }
    }

    /// The operation's path with its path parameters and required query parameters filled from the examples.
    static func examplePath(_ operation: OpenAPIContract.Operation) throws -> String {
        var path = operation.template
        var query: [String] = []
        if case .array(let parameters)? = operation.definition["parameters"] {
            for parameter in parameters {
                guard case .string(let name)? = parameter["name"], case .string(let place)? = parameter["in"] else { continue }
                let example: String
                switch parameter["example"] {
                case .string(let text)?: example = text
                case .number(let text)?: example = text
                default: example = ""
                }
                if place == "path" {
                    path = path.replacingOccurrences(of: "{\(name)}", with: example)
                } else if place == "query", parameter["required"] == .bool(true) {
                    query.append("\(name)=\(example)")
                }
            }
        }
        #expect(!path.contains("{"), "\(operation.template): a path parameter has no example")
        return query.isEmpty ? path : path + "?" + query.joined(separator: "&")
    }

    /// A token that may use the operation: revenue for PBB-P2 loads, kecamatan for submitting and the
    /// report forms, Bappeda otherwise (the dashboard's too, as a bearer token; ``DashboardConformanceTests``
    /// and ``FormsConformanceTests`` use the cookie).
    static func token(for operation: OpenAPIContract.Operation, _ tokens: APIServer.Tokens) -> String? {
        guard operation.definition["security"] != nil else { return nil }
        if operation.template.hasPrefix("/v1/pbb/") { return tokens.revenue }
        if operation.template == "/v1/submissions" && operation.method == "POST" { return tokens.kecamatan }
        if operation.template.hasPrefix("/forms") { return tokens.kecamatan }
        return tokens.bappeda
    }

    static func exampleBody(_ operation: OpenAPIContract.Operation, _ tokens: APIServer.Tokens) -> [UInt8]? {
        guard operation.method == "POST" else { return nil }
        switch operation.template {
        case "/v1/submissions": return Array(#"{"format":"rekap.submission/v1","region":"14.72.02","year":2023,"period":"Q1"}"#.utf8)
        case "/v1/consolidations": return Array(#"{"city":"14.72","year":2023}"#.utf8)
        case "/v1/pbb/ketetapan": return Array("nop,tahun,kelurahan,pokok\n".utf8)
        case "/v1/pbb/pembayaran": return Array("nop,tahun,tanggal,pokok,denda\n".utf8)
        case "/login": return Array("token=\(tokens.bappeda)".utf8)
        case "/forms/{region}/{year}/{period}": return Array("form_region=14.72.02&action=save".utf8)
        default: return []
        }
    }

    /// The media type of the operation's documented request body (the first), if it has one.
    static func requestContentType(_ operation: OpenAPIContract.Operation) -> String? {
        guard case .object(let media)? = operation.definition["requestBody"]?["content"] else { return nil }
        return media.first?.key
    }

    /// Whether the operation's success answer is an endless `text/event-stream`, which is opened and
    /// closed again rather than read to its end.
    static func isEventStream(_ operation: OpenAPIContract.Operation) -> Bool {
        operation.definition["responses"]?["200"]?["content"]?["text/event-stream"] != nil
    }
}

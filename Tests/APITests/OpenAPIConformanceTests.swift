import Foundation
import RekapDomain
import RekapTestSupport
import Testing

/// The running server against `openapi/rekap.json`. (Every answer of every API test is also checked
/// against the document by ``APIClient``: documented status, content type and JSON schema.)
@Suite struct OpenAPIConformanceTests {
    @Test func theDocumentIsOpenAPI31AndEveryReferenceResolves() throws {
        let contract = OpenAPIContract.shared
        #expect(contract.document["openapi"] == .string("3.1.0"))
        #expect(contract.operations.count == 13)
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
            #expect(responses.contains { $0.key.hasPrefix("2") }, "\(operation.method) \(operation.template) has no success answer")
            if operation.definition["security"] != nil {
                #expect(responses.contains { $0.key == "401" }, "\(operation.method) \(operation.template) does not document 401")
            }
        }
    }

    @Test func everyDocumentedOperationIsServed() async throws {
        try await APIServer.with { server in
            for operation in OpenAPIContract.shared.operations {
                let path = try Self.examplePath(operation)
                let token = Self.token(for: operation, server.tokens)
                let body = Self.exampleBody(operation)
                let response = try await server.client.send(
                    operation.method, path, token: token, body: body, headers: body == nil ? [:] : ["Content-Type": "application/json"])
                #expect(response.errorCode != "no_route" && response.status != 405, "\(operation.method) \(path) is not served: \(response.text)")
                #expect(response.status < 500, "\(operation.method) \(path): \(response.status) \(response.text)")
            }
        }
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

    /// A token that may use the operation: revenue for PBB-P2 loads, kecamatan for submitting, Bappeda otherwise.
    static func token(for operation: OpenAPIContract.Operation, _ tokens: APIServer.Tokens) -> String? {
        guard operation.definition["security"] != nil else { return nil }
        if operation.template.hasPrefix("/v1/pbb/") { return tokens.revenue }
        if operation.template == "/v1/submissions" && operation.method == "POST" { return tokens.kecamatan }
        return tokens.bappeda
    }

    static func exampleBody(_ operation: OpenAPIContract.Operation) -> [UInt8]? {
        guard operation.method == "POST" else { return nil }
        switch operation.template {
        case "/v1/submissions": return Array(#"{"format":"rekap.submission/v1","region":"14.72.02","year":2023,"period":"Q1"}"#.utf8)
        case "/v1/consolidations": return Array(#"{"city":"14.72","year":2023}"#.utf8)
        case "/v1/pbb/ketetapan": return Array("nop,tahun,kelurahan,pokok\n".utf8)
        case "/v1/pbb/pembayaran": return Array("nop,tahun,tanggal,pokok,denda\n".utf8)
        default: return []
        }
    }
}

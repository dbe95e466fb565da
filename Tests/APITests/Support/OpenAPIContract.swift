import Foundation
import RekapDomain
import RekapTestSupport

/// `openapi/rekap.json`, read once, and the checks every answer of the tests goes through: the
/// request must match a documented path and method, the status must be documented for that
/// operation, its content type and required headers too, and a JSON body must match the documented
/// schema (``JSONSchemaCheck``).
final class OpenAPIContract: Sendable {
    static let shared: OpenAPIContract = {
        do {
            return try OpenAPIContract(document: JSONParser().parse(RepositoryFiles.bytes("openapi/rekap.json")))
        } catch {
            fatalError("openapi/rekap.json cannot be read: \(error)")
        }
    }()

    let document: JSONValue

    /// Every documented operation.
    struct Operation: Sendable {
        let method: String
        let template: String
        let definition: JSONValue
    }

    let operations: [Operation]

    init(document: JSONValue) throws {
        self.document = document
        guard case .object(let paths)? = document["paths"] else { throw ContractError("the document has no paths") }
        var operations: [Operation] = []
        for path in paths {
            guard case .object(let methods) = path.value else { throw ContractError("\(path.key) is not an object") }
            for method in methods where ["get", "post", "put", "delete", "patch"].contains(method.key) {
                operations.append(Operation(method: method.key.uppercased(), template: path.key, definition: method.value))
            }
        }
        self.operations = operations
    }

    /// The documented operation `method path` falls under (the query is ignored); literal segments
    /// win over `{parameters}`.
    func operation(method: String, path: String) -> Operation? {
        let segments = Self.segments(path)
        let candidates = operations.filter { $0.method == method }.compactMap { operation -> (Operation, Int)? in
            let template = Self.segments(operation.template)
            guard template.count == segments.count else { return nil }
            var literals = 0
            for (pattern, segment) in zip(template, segments) {
                if pattern.hasPrefix("{") && pattern.hasSuffix("}") {
                    if segment.isEmpty { return nil }
                } else if pattern == segment {
                    literals += 1
                } else {
                    return nil
                }
            }
            return (operation, literals)
        }
        return candidates.max { $0.1 < $1.1 }?.0
    }

    /// What is wrong with `response` as an answer to `method path`, per the document; empty when nothing.
    func problems(method: String, path: String, response: APIResponse) -> [String] {
        guard let operation = operation(method: method, path: path) else {
            return ["\(method) \(Self.segments(path).joined(separator: "/")) is not in openapi/rekap.json"]
        }
        guard let documented = operation.definition["responses"]?[String(response.status)] else {
            return ["status \(response.status) is not documented for \(method) \(operation.template)"]
        }
        let resolved = resolve(documented)
        let headerProblems = headerProblems(resolved, response)
        guard let content = resolved["content"] else {
            return headerProblems + (response.body.isEmpty ? [] : ["a body is not documented for \(response.status)"])
        }
        let mediaType = (response.headers["content-type"] ?? "").split(separator: ";").first.map {
            $0.trimmingCharacters(in: .whitespaces)
        } ?? ""
        guard let media = content[mediaType] else {
            return headerProblems + ["content type \"\(mediaType)\" is not documented for \(method) \(operation.template) \(response.status)"]
        }
        // HTML, plain text and event streams are checked by their content type alone.
        guard mediaType == "application/json", let schema = media["schema"] else { return headerProblems }
        let body: JSONValue
        do {
            body = try JSONParser().parse(response.body)
        } catch {
            return headerProblems + ["the body is not JSON: \(error)"]
        }
        return headerProblems + JSONSchemaCheck(contract: self).problems(body, schema, at: "")
    }

    /// The documented headers of `documented` (a response) that `response` lacks though they are
    /// required, or sends with another value than their schema's `const`.
    func headerProblems(_ documented: JSONValue, _ response: APIResponse) -> [String] {
        guard case .object(let headers)? = documented["headers"] else { return [] }
        var found: [String] = []
        for header in headers {
            let definition = resolve(header.value)
            guard let value = response.headers[header.key.lowercased()] else {
                if definition["required"] == .bool(true) { found.append("the required header \(header.key) is missing") }
                continue
            }
            if case .string(let expected)? = definition["schema"]?["const"], value != expected {
                found.append("header \(header.key): \"\(value)\" is documented as \"\(expected)\"")
            }
        }
        return found
    }

    /// `value` with a `$ref` followed (once).
    func resolve(_ value: JSONValue) -> JSONValue {
        guard case .string(let reference)? = value["$ref"], reference.hasPrefix("#/") else { return value }
        var current: JSONValue? = document
        for token in reference.dropFirst(2).split(separator: "/") {
            current = current?[String(token)]
        }
        return current ?? .null
    }

    static func segments(_ path: String) -> [String] {
        let withoutQuery = path.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        return withoutQuery.split(separator: "/", omittingEmptySubsequences: false).dropFirst().map(String.init)
    }
}

struct ContractError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// The part of JSON Schema the document uses: `$ref`, `type` (one or several), `enum`, `required`,
/// `properties`, `items`, `anyOf`, `oneOf`.
struct JSONSchemaCheck {
    let contract: OpenAPIContract

    func problems(_ value: JSONValue, _ schema: JSONValue, at pointer: String) -> [String] {
        let schema = contract.resolve(schema)
        let place = pointer.isEmpty ? "(body)" : pointer
        if case .array(let options)? = schema["anyOf"] ?? schema["oneOf"] {
            let matching = options.filter { problems(value, $0, at: pointer).isEmpty }.count
            if matching == 0 { return ["\(place): matches none of the documented alternatives"] }
            if schema["oneOf"] != nil, matching > 1 { return ["\(place): matches \(matching) alternatives of a oneOf"] }
        }
        var found: [String] = []
        if let type = schema["type"] {
            let allowed: [String]
            switch type {
            case .string(let one): allowed = [one]
            case .array(let many): allowed = many.compactMap { if case .string(let name) = $0 { name } else { nil } }
            default: allowed = []
            }
            if !allowed.contains(where: { Self.has(value, type: $0) }) {
                return ["\(place): is \(value.typeName), documented as \(allowed.joined(separator: " or "))"]
            }
        }
        if case .array(let values)? = schema["enum"], !values.contains(value) {
            found.append("\(place): \(JSONWriter.string(value, indent: nil)) is not one of the documented values")
        }
        if case .object(let members) = value {
            if case .array(let required)? = schema["required"] {
                for case .string(let key) in required where !members.contains(where: { $0.key == key }) {
                    found.append("\(place): the required member \"\(key)\" is missing")
                }
            }
            if case .object(let properties)? = schema["properties"] {
                for property in properties {
                    if let member = members.first(where: { $0.key == property.key }) {
                        found += problems(member.value, property.value, at: pointer + "/" + property.key)
                    }
                }
            }
        }
        if case .array(let elements) = value, let items = schema["items"] {
            for (index, element) in elements.enumerated() {
                found += problems(element, items, at: pointer + "/\(index)")
            }
        }
        return found
    }

    static func has(_ value: JSONValue, type: String) -> Bool {
        switch (type, value) {
        case ("object", .object), ("array", .array), ("string", .string), ("boolean", .bool), ("null", .null), ("number", .number):
            true
        case ("integer", .number(let text)):
            !text.contains(".") && !text.lowercased().contains("e")
        default:
            false
        }
    }
}

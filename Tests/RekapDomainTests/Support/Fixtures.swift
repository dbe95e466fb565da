import Foundation
@testable import RekapDomain

/// Access to the JSON fixtures copied into the test bundle.
enum Fixtures {
    static func url(_ relative: String) throws -> URL {
        guard let base = Bundle.module.resourceURL?.appendingPathComponent("Fixtures") else {
            throw FixtureError.missing("Fixtures folder")
        }
        let url = base.appendingPathComponent(relative)
        guard FileManager.default.fileExists(atPath: url.path) else { throw FixtureError.missing(relative) }
        return url
    }

    static func bytes(_ relative: String) throws -> [UInt8] {
        Array(try Data(contentsOf: url(relative)))
    }

    static func rejectedFiles() throws -> [String] {
        let folder = try url("rejected")
        return try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasSuffix(".json") && $0 != "expected.json" }.sorted()
    }

    struct Expectation: Decodable, Sendable {
        let file: String
        let pointer: String
        let reason: String
    }

    static func expectations() throws -> [Expectation] {
        try JSONDecoder().decode([Expectation].self, from: Data(contentsOf: url("rejected/expected.json")))
    }

    enum FixtureError: Error { case missing(String) }
}

/// Edits a parsed document at a pointer (for mutation tests).
func replacing(_ value: JSONValue, at tokens: ArraySlice<String>, with replacement: JSONValue) -> JSONValue {
    guard let token = tokens.first else { return replacement }
    switch value {
    case .object(let members):
        return .object(members.map { $0.key == token ? JSONMember(key: $0.key, value: replacing($0.value, at: tokens.dropFirst(), with: replacement)) : $0 })
    case .array(let elements):
        let index = Int(token)!
        var copy = elements
        copy[index] = replacing(elements[index], at: tokens.dropFirst(), with: replacement)
        return .array(copy)
    default:
        return value
    }
}

func replacing(_ value: JSONValue, at pointer: String, with replacement: JSONValue) -> JSONValue {
    replacing(value, at: JSONPointer(pointer).tokens[...], with: replacement)
}

extension CheckResult {
    var findings: [Finding] {
        if case .accepted(_, let findings, _, _) = self { return findings }
        return []
    }

    var summary: SubmissionSummary? {
        if case .accepted(_, _, let summary, _) = self { return summary }
        return nil
    }
}

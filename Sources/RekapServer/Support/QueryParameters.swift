import Hummingbird
import RekapDomain

/// Reading query parameters and path parameters, with a 400 that names the parameter and the reason.
extension Request {
    /// The last value of query parameter `name`, or nil.
    func query(_ name: String) -> String? {
        uri.queryParameters[name[...]].map(String.init)
    }

    /// Query parameter `name` as a kota/kabupaten code, or `fallback` when absent.
    func cityParameter(_ name: String = "city", fallback: RegionCode?) throws -> RegionCode {
        guard let text = query(name) else {
            guard let fallback else { throw APIError.badRequest("the query parameter \(name) is required, e.g. \(name)=14.72") }
            return fallback
        }
        return try Self.city(text, name: name)
    }

    /// Query parameter `name` as a year (1900...2999); required.
    func yearParameter(_ name: String = "year") throws -> Int {
        guard let text = query(name) else { throw APIError.badRequest("the query parameter \(name) is required, e.g. \(name)=2023") }
        return try Self.year(text, name: name)
    }

    /// Query parameter `name` as a boolean (`true`/`false`, `1`/`0`); `defaultValue` when absent.
    func flagParameter(_ name: String, default defaultValue: Bool = false) throws -> Bool {
        guard let text = query(name) else { return defaultValue }
        switch text.lowercased() {
        case "true", "1", "yes", "": return true
        case "false", "0", "no": return false
        default: throw APIError.badRequest("the query parameter \(name) must be true or false, not \"\(text)\"")
        }
    }

    /// `text` as a kota/kabupaten code.
    static func city(_ text: String, name: String) throws -> RegionCode {
        let code: RegionCode
        do {
            code = try RegionCode(parsing: text)
        } catch {
            throw APIError.badRequest("\(name): \(error.description)")
        }
        guard code.level == .kabupatenKota else {
            throw APIError.badRequest("\(name): \(text) is a \(code.level) code; give a kota or kabupaten, like 14.72")
        }
        return code
    }

    /// `text` as a year of 1900...2999.
    static func year(_ text: String, name: String) throws -> Int {
        guard let year = Int(text), (1900...2999).contains(year) else {
            throw APIError.badRequest("\(name) must be a year from 1900 to 2999, not \"\(text)\"")
        }
        return year
    }
}

import Foundation

/// The language a person reads rekap in: Bahasa Indonesia by default, English on request.
///
/// Pages take it from a switch (`?lang=en`, remembered in a cookie) or else from the browser's
/// `Accept-Language` (``preferred(acceptLanguage:)``); the CLI stays English.
public enum Language: String, Sendable, Hashable, CaseIterable {
    /// Bahasa Indonesia: what every page shows unless the reader asks otherwise.
    case id
    case en

    /// Bahasa Indonesia.
    public static let `default`: Language = .id

    /// The query parameter of the language switch (`?lang=en`).
    public static let queryParameter = "lang"
    /// The cookie that remembers the switch.
    public static let cookieName = "rekap_lang"

    /// A language from a tag such as "id", "en", "en-US", "in" (the old code of Indonesian); nil for others.
    public init?(tag: String) {
        let primary = tag.trimmingCharacters(in: .whitespaces).lowercased().split(separator: "-").first.map(String.init) ?? ""
        switch primary {
        case "id", "in": self = .id
        case "en": self = .en
        default: return nil
        }
    }

    /// The language an `Accept-Language` header prefers among the two rekap has, by quality (`q=`)
    /// and then by order; Bahasa Indonesia when it names neither, is malformed or absent.
    public static func preferred(acceptLanguage: String?) -> Language {
        guard let header = acceptLanguage else { return .default }
        var best: (language: Language, quality: Double)?
        for item in header.split(separator: ",") {
            let parts = item.split(separator: ";")
            guard let tag = parts.first, let language = Language(tag: String(tag)) else { continue }
            var quality = 1.0
            for parameter in parts.dropFirst() {
                let pair = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                if pair.count == 2, pair[0] == "q", let q = Double(pair[1]) { quality = q }
            }
            if quality > 0, quality > (best?.quality ?? 0) { best = (language, quality) }
        }
        return best?.language ?? .default
    }

    /// The language of a request: the switch in the query, else the cookie it set, else `Accept-Language`.
    public static func resolve(query: String?, cookie: String?, acceptLanguage: String?) -> Language {
        if let query, let language = Language(rawValue: query) { return language }
        if let cookie, let language = Language(rawValue: cookie) { return language }
        return preferred(acceptLanguage: acceptLanguage)
    }
}

/// One text in both of rekap's languages.
public struct LocalizedText: Sendable, Hashable, CustomStringConvertible {
    /// Bahasa Indonesia: what is shown by default.
    public let id: String
    public let en: String

    public init(id: String, en: String) {
        self.id = id
        self.en = en
    }

    /// The same text in both languages (a code, a name, a text read back without a translation).
    public init(_ both: String) {
        self.init(id: both, en: both)
    }

    /// The text in `language`.
    public func callAsFunction(_ language: Language) -> String {
        switch language {
        case .id: id
        case .en: en
        }
    }

    /// The Indonesian text.
    public var description: String { id }
}

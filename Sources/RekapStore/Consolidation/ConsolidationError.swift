/// Why a city cannot be consolidated or ranked, or a setting cannot be stored or used; the reason
/// in plain words.
public struct ConsolidationError: Error, Sendable, Hashable, CustomStringConvertible {
    public let reason: String
    public init(reason: String) { self.reason = reason }
    public var description: String { reason }
}

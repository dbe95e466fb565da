/// Why a city report cannot be loaded.
public struct CityReportError: Error, Sendable, Hashable, CustomStringConvertible {
    public let reason: String
    public var description: String { reason }

    public init(reason: String) {
        self.reason = reason
    }
}

/// Findings of one submission counted by severity.
public struct FindingCounts: Sendable, Hashable {
    public let errors: Int
    public let warnings: Int
    public let infos: Int

    public init(errors: Int, warnings: Int, infos: Int) {
        self.errors = errors
        self.warnings = warnings
        self.infos = infos
    }

    public var total: Int { errors + warnings + infos }
}

/// One problem found in an input file, at a line (1-based; line 1 is the header of a CSV file).
public struct LineProblem: Sendable, Hashable, CustomStringConvertible {
    public let line: Int
    public let reason: String

    public init(line: Int, reason: String) {
        self.line = line
        self.reason = reason
    }

    public var description: String { "line \(line): \(reason)" }
}

/// A file rejected as a whole, with every problem found in it; nothing of it was stored.
///
/// Its description lists the problems as `FILE:LINE: reason`, sorted by line, the first
/// ``listingLimit`` of them followed by "… and N more".
public struct RejectedFile: Error, Sendable, CustomStringConvertible {
    /// How many problems ``description`` lists.
    public static let listingLimit = 50

    /// The file as the user named it.
    public let file: String
    /// Every problem, sorted by line.
    public let problems: [LineProblem]

    public init(file: String, problems: [LineProblem]) {
        self.file = file
        self.problems = problems.sorted { ($0.line, $0.reason) < ($1.line, $1.reason) }
    }

    public var description: String {
        let lineCount = Set(problems.map(\.line)).count
        let lines = lineCount == 1 ? "1 line" : "\(lineCount) lines"
        var text = "\(file) is rejected, nothing was stored: \(problems.count) problem\(problems.count == 1 ? "" : "s") on \(lines)"
        for problem in problems.prefix(Self.listingLimit) {
            text += "\n\(file):\(problem.line): \(problem.reason)"
        }
        if problems.count > Self.listingLimit {
            text += "\n… and \(problems.count - Self.listingLimit) more"
        }
        return text
    }
}

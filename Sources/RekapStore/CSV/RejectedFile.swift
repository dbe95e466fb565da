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

/// A file rejected as a whole because of bad lines; nothing of it was stored.
///
/// Its description lists the bad lines as `FILE:LINE: reason`, in line order, then "… and N more"
/// when there are more than were listed.
public struct RejectedFile: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file as the user named it.
    public let file: String
    /// The first bad lines, in line order (at most the importer's listing cap).
    public let problems: [LineProblem]
    /// How many problems there are in all, listed or not.
    public let total: Int

    public init(file: String, problems: [LineProblem], total: Int? = nil) {
        self.file = file
        self.problems = problems.sorted { ($0.line, $0.reason) < ($1.line, $1.reason) }
        self.total = max(total ?? problems.count, problems.count)
    }

    public var description: String {
        var text = "\(file) is rejected, nothing was stored: \(total) problem\(total == 1 ? "" : "s")"
        for problem in problems {
            text += "\n\(file):\(problem.line): \(problem.reason)"
        }
        if total > problems.count {
            text += "\n… and \(total - problems.count) more"
        }
        return text
    }
}

/// Collects bad lines while a file is read: keeps the first `cap` in line order and counts all, so
/// memory stays flat however bad a file is.
struct LineProblemList {
    let cap: Int
    private(set) var listed: [LineProblem] = []
    private(set) var total = 0

    init(cap: Int) { self.cap = max(1, cap) }

    /// Adds a bad line found while reading (lines arrive in order).
    mutating func add(line: Int, _ reason: String) {
        total += 1
        if listed.count < cap { listed.append(LineProblem(line: line, reason: reason)) }
    }

    /// Adds bad lines found afterwards (by SQL: the first `cap` by line, and how many in all).
    mutating func merge(_ lines: [LineProblem], total more: Int) {
        listed = Array((listed + lines).sorted { ($0.line, $0.reason) < ($1.line, $1.reason) }.prefix(cap))
        total += more
    }

    var isEmpty: Bool { total == 0 }

    func rejection(file: String) -> RejectedFile { RejectedFile(file: file, problems: listed, total: total) }
}

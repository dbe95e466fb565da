/// The problems of a rejection as they are collected: the first ``limit`` kept, the rest only
/// counted, so neither the answer nor the memory behind it grows with a hostile document's size.
public struct ProblemList: Sendable {
    /// How many problems are kept.
    public let limit: Int
    /// The problems kept, in the order they were met.
    public private(set) var kept: [Problem] = []
    /// Problems met after the first ``limit``: counted, not kept.
    public private(set) var omitted = 0

    public init(limit: Int = SubmissionLimits.listedProblems) { self.limit = max(1, limit) }

    public var isEmpty: Bool { kept.isEmpty }

    /// Every problem met, kept or not.
    public var count: Int { kept.count + omitted }

    public mutating func append(_ problem: Problem) {
        if kept.count < limit { kept.append(problem) } else { omitted += 1 }
    }

    public mutating func append(contentsOf problems: some Sequence<Problem>) {
        for problem in problems { append(problem) }
    }

    /// The list a rejection shows: the kept problems and, when some were left out, one last
    /// ``Problem/Kind/moreProblems`` problem at the document saying how many
    /// (`dan 1.999.900 masalah lain`).
    public var listed: [Problem] {
        guard omitted > 0 else { return kept }
        return kept + [Problem.more(omitted, listed: kept.count)]
    }
}

extension Problem {
    /// The last problem of a capped list: how many more there are.
    static func more(_ omitted: Int, listed: Int) -> Problem {
        var problem = Problem(.moreProblems, at: .root,
                              "dan \(Self.grouped(omitted)) masalah lain (\(omitted) more problems; only the first \(listed) are listed)")
        problem.omitted = omitted
        return problem
    }

    /// 1999900 → "1.999.900", the Indonesian way.
    static func grouped(_ value: Int) -> String {
        let digits = Array(String(value))
        var text = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { text.append(".") }
            text.append(digit)
        }
        return text
    }
}

extension Array where Element == Problem {
    /// How many problems a (possibly capped) list stands for: the listed ones plus those its
    /// `more-problems` entry counts.
    public var total: Int {
        reduce(0) { $0 + ($1.kind == .moreProblems ? $1.omitted : 1) }
    }
}

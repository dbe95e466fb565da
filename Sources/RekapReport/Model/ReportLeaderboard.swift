import RekapDomain

/// One leaderboard as `rekap rank` computes it.
public struct ReportLeaderboard: Sendable, Hashable {
    /// Which ranking: the `rekap rank` subcommand it matches.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case pbb, iku, penyerapan
    }

    public var kind: Kind
    /// A stable identifier of this board within the report, e.g. "pbb-kelurahan".
    public var id: String
    /// The heading, e.g. "PBB-P2 realisasi by kelurahan".
    public var title: String
    /// What a value means, e.g. "realisasi ÷ ketetapan × 100".
    public var measure: String
    /// Best first, as `Ranking.rank` orders them; unranked (undefined) entries last.
    public var entries: [RankedEntry]

    public init(kind: Kind, id: String, title: String, measure: String, entries: [RankedEntry]) {
        self.kind = kind
        self.id = id
        self.title = title
        self.measure = measure
        self.entries = entries
    }
}

/// One line of the medal table, as `MedalTable.rank` orders it.
public struct MedalStanding: Sendable, Hashable {
    public var rank: Int
    public var tally: MedalTally

    public init(rank: Int, tally: MedalTally) {
        self.rank = rank
        self.tally = tally
    }

    /// Podium places in all.
    public var total: Int { tally.first + tally.second + tally.third }

    /// Ranks tallies with `MedalTable.rank`.
    public static func standings(_ tallies: [MedalTally]) -> [MedalStanding] {
        MedalTable.rank(tallies).map { MedalStanding(rank: $0.rank, tally: $0.tally) }
    }
}

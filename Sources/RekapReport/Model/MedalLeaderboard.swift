import Foundation
import RekapDomain

/// The kelurahan medal table (contract §3): most firsts, then seconds, then thirds, as `rekap rank
/// awards` prints it and the city report shows it.
public struct MedalLeaderboard: Sendable, Hashable {
    /// The heading in both languages, e.g. "Penghargaan 2023: klasemen medali kelurahan" /
    /// "Awards 2023: kelurahan medal table".
    public var title: LocalizedText
    /// Best first, as `MedalTable.rank` orders them.
    public var rows: [MedalStanding]

    public init(title: LocalizedText, rows: [MedalStanding]) {
        self.title = title
        self.rows = rows
    }
}

/// One line of the medal table, as `MedalTable.rank` orders it.
public struct MedalStanding: Sendable, Hashable {
    public var rank: Int
    public var tally: MedalTally
    /// Awards without a podium place (Harapan, certificates): shown, never ranked on.
    public var other: Int

    public init(rank: Int, tally: MedalTally, other: Int = 0) {
        self.rank = rank
        self.tally = tally
        self.other = other
    }

    public var region: RegionCode { tally.region }
    public var name: String { tally.name }
    /// First places.
    public var gold: Int { tally.first }
    /// Second places.
    public var silver: Int { tally.second }
    /// Third places.
    public var bronze: Int { tally.third }
    /// Podium places in all (gold + silver + bronze).
    public var total: Int { tally.first + tally.second + tally.third }

    /// Ranks tallies with `MedalTable.rank`.
    public static func standings(_ tallies: [MedalTally]) -> [MedalStanding] {
        MedalTable.rank(tallies).map { MedalStanding(rank: $0.rank, tally: $0.tally) }
    }
}

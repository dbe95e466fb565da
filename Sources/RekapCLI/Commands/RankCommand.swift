import ArgumentParser

/// `rekap rank ...`: leaderboards read from the city's aggregates (contract §3).
struct RankCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rank",
        abstract: "Ranks a city's regions: PBB-P2 realisation, IKU capaian, budget penyerapan, awards.",
        discussion: """
            Ranks are computed on exact values; equal values share a rank and the next is skipped (1, 2, 2, 4); \
            within a shared rank regions go by code. Regions whose value is undefined (no ketetapan, no pagu, \
            no report) are listed last without a rank. When a submission or PBB-P2 load is newer than the \
            aggregates, this is said on stderr; --fresh recomputes them first.
            """,
        subcommands: [
            RankPbbCommand.self,
            RankIkuCommand.self,
            RankPenyerapanCommand.self,
            RankAwardsCommand.self,
        ]
    )
}

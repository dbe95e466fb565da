import ArgumentParser

/// `rekap pbb ...`: PBB-P2 feeds (contract §2): load them, list orphan payments, generate synthetic ones.
struct PbbCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pbb",
        abstract: "PBB-P2 (land and building tax) feeds: ketetapan and pembayaran.",
        subcommands: [
            PbbLoadCommand.self,
            PbbOrphansCommand.self,
            PbbGenerateCommand.self,
        ]
    )
}

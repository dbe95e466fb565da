import ArgumentParser

/// `rekap regions ...`: the region registry.
struct RegionsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "regions",
        abstract: "Loads and shows the region registry (Kemendagri kode wilayah).",
        subcommands: [RegionsImportCommand.self, RegionsTreeCommand.self]
    )
}

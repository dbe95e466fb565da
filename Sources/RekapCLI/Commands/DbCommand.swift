import ArgumentParser

/// `rekap db ...`: the database schema.
struct DbCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db",
        abstract: "Creates, upgrades and inspects the database schema.",
        subcommands: [DbMigrateCommand.self, DbStatusCommand.self]
    )
}

import ArgumentParser
import RekapStore

/// `rekap db migrate`: creates or upgrades the schema (contract §3). Safe to run twice, or twice at once.
struct DbMigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Creates or upgrades the schema.",
        discussion: "Applies the pending migrations in order, each in its own transaction. Refuses to run when a "
            + "migration already applied has changed since."
    )

    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        try await database.withClient(maxConnections: 1) { client in
            let migrator = try Migrator()
            let applied = try await migrator.migrate(client)
            for migration in applied {
                Console.output("applied \(migration.fileName)")
            }
            let version = migrator.migrations.last?.fileName ?? "no migrations"
            Console.output(
                applied.isEmpty
                    ? "the schema is up to date (\(version))"
                    : "the schema is now at \(version) (\(applied.count) migration\(applied.count == 1 ? "" : "s") applied)")
        }
    }
}

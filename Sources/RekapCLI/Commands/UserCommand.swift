import ArgumentParser

/// `rekap user ...`: accounts for people (office staff, Bappeda, the revenue agency) who log in to
/// rekap's pages with a password they set themselves. Programs keep using API tokens (`rekap token`).
struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user",
        abstract: "Creates, lists, disables and resets accounts of people who log in to rekap's pages.",
        subcommands: [UserCreateCommand.self, UserListCommand.self, UserDisableCommand.self, UserResetCommand.self]
    )
}

import ArgumentParser

/// `rekap token ...`: API tokens for the HTTP API (one per office, Bappeda or revenue agency).
struct TokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token",
        abstract: "Creates, lists and revokes API tokens (each limited to one region and role).",
        subcommands: [TokenCreateCommand.self, TokenListCommand.self, TokenRevokeCommand.self]
    )
}

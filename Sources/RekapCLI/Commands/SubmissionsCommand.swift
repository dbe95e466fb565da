import ArgumentParser

/// `rekap submissions ...`: the stored revisions of submissions.
struct SubmissionsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "submissions",
        abstract: "Lists and shows stored submissions and their revisions.",
        subcommands: [SubmissionsListCommand.self, SubmissionsShowCommand.self]
    )
}

import ArgumentParser
import Foundation
import PostgresLibPQ
import RekapStore

/// `rekap user disable LOGIN`: the account can no longer log in and its sessions stop working at
/// once. Exit 65 when there is no such account or it is already disabled.
struct UserDisableCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "disable",
        abstract: "Disables an account: no more logins, and its open sessions end at once."
    )

    @Argument(help: ArgumentHelp("The account's login.", valueName: "LOGIN"))
    var login: String

    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let login = self.login
        let disabled = try await database.withClient(maxConnections: 1) { client in
            try await client.withConnection { conn in try AccountStore.disable(login: login, at: Date(), on: conn) }
        }
        guard disabled else {
            Console.error("rekap: LOGIN: there is no enabled account \"\(login)\" (see `rekap user list`)")
            throw ExitStatus.rejected
        }
        Console.output("disabled \(AccountStore.normalizedLogin(login)); its sessions have ended")
    }
}

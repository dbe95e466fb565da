import ArgumentParser
import Foundation
import PostgresLibPQ
import RekapStore

/// `rekap user reset LOGIN`: a new one-time code to set the password (``UserSetupCodeOptions``); the
/// old password stops working and the account's sessions end. Exit 65 when there is no such account
/// or it is disabled.
struct UserResetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reset",
        abstract: "Prints a new one-time code to set an account's password; the old one stops working and its sessions end."
    )

    @Argument(help: ArgumentHelp("The account's login.", valueName: "LOGIN"))
    var login: String

    @OptionGroup var code: UserSetupCodeOptions

    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let (login, lifetime) = (self.login, code.lifetime)
        let now = Date()
        let secret = try await database.withClient(maxConnections: 1) { client in
            try await client.withConnection { conn in
                do {
                    return try AccountStore.reset(login: login, setupLifetime: lifetime, at: now, on: conn)
                } catch let error as AccountStoreError {
                    Console.error("rekap: LOGIN: \(error)")
                    throw ExitStatus.rejected
                }
            }
        }
        guard let secret else {
            Console.error("rekap: LOGIN: there is no account \"\(login)\" (see `rekap user list`)")
            throw ExitStatus.rejected
        }
        code.hand(secret, login: AccountStore.normalizedLogin(login), expiresAt: now.addingTimeInterval(TimeInterval(lifetime.components.seconds)))
    }
}

import ArgumentParser
import Foundation
import PostgresLibPQ
import RekapDomain
import RekapReport
import RekapStore

/// `rekap user list`: every account with its role, region and state (no hashes, no codes).
struct UserListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "Lists the accounts: login, name, role, region and state."
    )

    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let accounts = try await database.withClient(maxConnections: 1) { client in
            try await client.withConnection { conn in try AccountStore.list(on: conn) }
        }
        let now = Date()
        let rows = accounts.map { account -> [String] in
            let state = account.disabledAt.map { "disabled \(DbStatusCommand.timestamp($0))" }
                ?? account.lockedUntil.flatMap { $0 > now ? "locked until \(DbStatusCommand.timestamp($0))" : nil }
                ?? (account.passwordSetAt == nil ? "waiting for its password" : "active")
            return [account.login, account.displayName, account.scope.role.rawValue, account.scope.region.text, state,
                    account.lastLoginAt.map(DbStatusCommand.timestamp) ?? "-"]
        }
        if accounts.isEmpty {
            Console.output("no accounts")
        } else {
            print(TextTable.render([["login", "name", "role", "region", "state (UTC)", "last login (UTC)"]] + rows), terminator: "")
        }
    }
}

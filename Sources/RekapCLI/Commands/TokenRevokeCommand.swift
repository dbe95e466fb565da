import ArgumentParser
import Foundation
import PostgresLibPQ
import RekapStore

/// `rekap token revoke ID`: the token is refused from now on. Exit 65 when there is no such token or
/// it is already revoked.
struct TokenRevokeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "revoke",
        abstract: "Revokes an API token: it is refused from now on."
    )

    @Argument(help: ArgumentHelp("The token's id, as `rekap token list` shows it.", valueName: "ID"))
    var id: Int64

    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let id = self.id
        let token = try await database.withClient(maxConnections: 1) { client in
            try await client.withConnection { conn -> APIToken in
                if try TokenStore.revoke(id: id, at: Date(), on: conn), let token = try TokenStore.token(id: id, on: conn) {
                    return token
                }
                if let existing = try TokenStore.token(id: id, on: conn), let revokedAt = existing.revokedAt {
                    Console.error("rekap: ID: token \(id) is already revoked (since \(DbStatusCommand.timestamp(revokedAt)) UTC)")
                } else {
                    Console.error("rekap: ID: there is no token \(id) (see `rekap token list`)")
                }
                throw ExitStatus.rejected
            }
        }
        Console.output("revoked token \(token.id) (\(token.scope)\(token.label.map { ", \($0)" } ?? ""))")
    }
}

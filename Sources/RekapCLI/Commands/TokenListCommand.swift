import ArgumentParser
import Foundation
import PostgresLibPQ
import RekapDomain
import RekapStore

/// `rekap token list [--format text|json]`: every API token with its role, region, label, creation,
/// expiry, revocation and last use. Never a secret or a hash.
struct TokenListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "Lists the API tokens (never their secrets)."
    )

    @Option(help: "Output: text (a table) or json.")
    var format: TokenOutput.Format = .text

    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let tokens = try await database.withClient(maxConnections: 1) { client in
            try await client.withConnection { conn in try TokenStore.list(on: conn) }
        }
        switch format {
        case .json:
            Console.output(JSONWriter.string(.array(tokens.map { .object(TokenOutput.members($0)) })))
        case .text:
            if tokens.isEmpty {
                Console.output("no tokens")
            } else {
                print(TokenOutput.table(tokens), terminator: "")
            }
        }
    }
}

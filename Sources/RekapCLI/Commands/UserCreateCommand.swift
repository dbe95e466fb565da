import ArgumentParser
import Foundation
import PostgresLibPQ
import RekapDomain
import RekapStore

/// `rekap user create --region CODE --role ROLE --name "…" --login NAME`: stores a new account and
/// prints a one-time code to set its password (``UserSetupCodeOptions``). The account has the role
/// and region a token would have: the same access, the same row-level security.
///
/// Exit 65 when the region is not registered or does not fit the role, or the login is taken or malformed.
struct UserCreateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create",
        abstract: "Creates an account and prints a one-time code to set its password."
    )

    @Option(help: ArgumentHelp("The region the person works for: a kecamatan, a kelurahan, or a kota/kabupaten for bappeda and revenue.",
                               valueName: "CODE"))
    var region: String

    @Option(help: ArgumentHelp("kecamatan, kelurahan, bappeda or revenue (as for tokens).", valueName: "ROLE"))
    var role: String

    @Option(help: "The person's name as pages show it.")
    var name: String

    @Option(help: ArgumentHelp("What the person types to log in: lower-case letters, digits, '.', '_' and '-'.", valueName: "NAME"))
    var login: String

    @OptionGroup var code: UserSetupCodeOptions

    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        if AccessRole(rawValue: role) == nil {
            throw ValidationError("--role: \"\(role)\" is not a role; use one of \(AccessRole.allCases.map(\.rawValue).joined(separator: ", "))")
        }
    }

    func run() async throws {
        let scope: AccessScope
        do {
            scope = try AccessScope(role: AccessRole(rawValue: role)!, region: RegionCode(parsing: region))
        } catch {
            Console.error("rekap: --region/--role: \(error)")
            throw ExitStatus.rejected
        }
        let (login, name, lifetime) = (self.login, self.name, code.lifetime)
        let now = Date()
        let (account, secret) = try await database.withClient(maxConnections: 1) { client in
            try await client.withConnection { conn in
                do {
                    return try AccountStore.create(login: login, displayName: name, scope: scope, setupLifetime: lifetime, at: now, on: conn)
                } catch let error as AccountStoreError {
                    Console.error("rekap: \(error)")
                    throw ExitStatus.rejected
                }
            }
        }
        Console.error("rekap: created account \(account.login) (\(account.displayName), \(account.scope))")
        code.hand(secret, login: account.login, expiresAt: now.addingTimeInterval(TimeInterval(lifetime.components.seconds)))
    }
}

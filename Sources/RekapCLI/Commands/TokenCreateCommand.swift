import ArgumentParser
import Foundation
import PostgresLibPQ
import RekapDomain
import RekapStore

/// `rekap token create --region CODE --role ROLE [--label TEXT] [--expires YYYY-MM-DD | --days N]`:
/// stores a new API token and prints its secret once, on stdout (with `--format json`, a JSON object
/// holding it). Only the secret's SHA-256 is stored: a lost secret cannot be shown again; revoke it and
/// create another.
///
/// Exit 65 when the region is not in the registry, its level does not fit the role (kecamatan: a
/// kecamatan code, kelurahan: a kelurahan code, bappeda/revenue: a kota/kabupaten code), or the expiry
/// is not in the future.
struct TokenCreateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create",
        abstract: "Creates an API token for one region and role and prints its secret (shown only once)."
    )

    @Option(help: ArgumentHelp("The region the token speaks for: a kecamatan, a kelurahan, or a kota/kabupaten for bappeda and revenue.",
                               valueName: "CODE"))
    var region: String

    @Option(help: ArgumentHelp("kecamatan, kelurahan (submit and read their own region), bappeda (reads its city, consolidates) "
                               + "or revenue (loads PBB-P2 feeds of its city).", valueName: "ROLE"))
    var role: String

    @Option(help: "Who the token is for, shown by `rekap token list`.")
    var label: String?

    @Option(help: ArgumentHelp("The last day the token works (UTC); it expires at the end of that day.", valueName: "YYYY-MM-DD"))
    var expires: String?

    @Option(help: "The token works for N days from now.")
    var days: Int?

    @Option(help: "Output: text (the secret alone on stdout, the details on stderr) or json.")
    var format: TokenOutput.Format = .text

    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        if AccessRole(rawValue: role) == nil {
            throw ValidationError("--role: \"\(role)\" is not a role; use one of \(AccessRole.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        if expires != nil && days != nil { throw ValidationError("give --expires or --days, not both") }
        if let days, days < 1 { throw ValidationError("--days: \(days) is not a positive number of days") }
        if let expires {
            do {
                _ = try CalendarDate(parsing: expires)
            } catch {
                throw ValidationError("--expires: \(error)")
            }
        }
    }

    func run() async throws {
        let scope = try scope()
        let now = Date()
        let expiresAt = try expiry(after: now)
        let label = self.label
        let (token, secret) = try await database.withClient(maxConnections: 1) { client in
            try await client.withConnection { conn in
                do {
                    return try TokenStore.create(scope, label: label, expiresAt: expiresAt, on: conn)
                } catch TokenStoreError.unknownRegion(let region) {
                    Console.error("rekap: --region: \(region) is not in the region registry (load it with `rekap regions import`)")
                    throw ExitStatus.rejected
                }
            }
        }
        switch format {
        case .json:
            Console.output(JSONWriter.string(.object(TokenOutput.members(token) + [JSONMember(key: "secret", value: .string(secret))])))
        case .text:
            Console.output(secret)
            let expiry = token.expiresAt.map { "expires \(DbStatusCommand.timestamp($0)) UTC" } ?? "does not expire"
            Console.error("rekap: created token \(token.id): \(token.scope)\(token.label.map { " (\($0))" } ?? ""), \(expiry). "
                          + "The secret above is shown only now; rekap stores only its hash.")
        }
    }

    /// The role and region; exit 65 naming the argument when the region is not a code or its level does not fit the role.
    private func scope() throws -> AccessScope {
        let code: RegionCode
        do {
            code = try RegionCode(parsing: region)
        } catch {
            Console.error("rekap: --region: \(error)")
            throw ExitStatus.rejected
        }
        do {
            return try AccessScope(role: AccessRole(rawValue: role)!, region: code)
        } catch {
            Console.error("rekap: --region/--role: \(error)")
            throw ExitStatus.rejected
        }
    }

    /// The end of the `--expires` day (UTC), or `--days` from `now`, or nil; exit 65 when not after `now`.
    private func expiry(after now: Date) throws -> Date? {
        if let days { return now.addingTimeInterval(TimeInterval(days) * 86_400) }
        guard let expires, let date = try? CalendarDate(parsing: expires) else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let start = calendar.date(from: DateComponents(year: date.year, month: date.month, day: date.day))!
        let end = start.addingTimeInterval(86_400)
        guard end > now else {
            Console.error("rekap: --expires: \(expires) has already passed")
            throw ExitStatus.rejected
        }
        return end
    }
}

import Foundation
import PostgresLibPQ
import RekapDomain
import RekapStore
import RekapTestSupport
import Testing

/// `rekap token create | list | revoke`, run as users run them.
@Suite(.timeLimit(.minutes(10))) struct TokenCommandTests {
    /// A scratch database migrated and holding Kota Dumai through the CLI; `body` gets its URL and a connection.
    func withDumaiDatabase(label: String = #function, _ body: (String, PGConnection) async throws -> Void) async throws {
        try await withCLIDatabase(label: label, dumai: true, body)
    }

    @Test func createPrintsTheSecretOnceAndItChecks() async throws {
        try await withDumaiDatabase { url, conn in
            let run = try await runRekap(["token", "create", "--region", "14.72.02", "--role", "kecamatan",
                                          "--label", "Dumai Timur", "--days", "30", "--database", url])
            #expect(run.status == 0, "\(run)")
            let secret = run.stdout.trimmingCharacters(in: .newlines)
            #expect(secret.hasPrefix("rekap_") && secret.count == 49, "\(run)")
            #expect(run.stderr.contains("created token 1: kecamatan 14.72.02 (Dumai Timur), expires "), "\(run)")
            let scope = try AccessScope(role: .kecamatan, region: RegionCode(parsing: "14.72.02"))
            #expect(try TokenStore.check(secret: secret, at: Date(), on: conn) == .valid(scope, tokenID: 1))
            #expect(try TokenStore.check(secret: secret, at: Date().addingTimeInterval(31 * 86_400), on: conn) == .expired)

            // The list shows the token, never the secret.
            let list = try await runRekap(["token", "list", "--database", url])
            #expect(list.status == 0, "\(list)")
            #expect(list.stdout.contains("kecamatan") && list.stdout.contains("14.72.02") && list.stdout.contains("Dumai Timur"), "\(list)")
            #expect(!list.stdout.contains(String(secret.dropFirst(6))))
        }
    }

    @Test func jsonOutputAndExpiryDate() async throws {
        try await withDumaiDatabase { url, _ in
            let run = try await runRekap(["token", "create", "--region", "14.72", "--role", "bappeda", "--expires", "2099-12-31",
                                          "--format", "json", "--database", url])
            #expect(run.status == 0, "\(run)")
            let created = try JSONParser().parse(run.stdout)
            #expect(created["role"] == .string("bappeda") && created["region"] == .string("14.72"))
            // Valid through the whole last day (UTC).
            #expect(created["expires_at"] == .string("2100-01-01T00:00:00Z"), "\(run)")
            guard case .string(let secret)? = created["secret"] else { Issue.record("no secret: \(run)"); return }
            let list = try await runRekap(["token", "list", "--format", "json", "--database", url])
            #expect(list.status == 0, "\(list)")
            guard case .array(let tokens) = try JSONParser().parse(list.stdout) else { Issue.record("\(list)"); return }
            #expect(tokens.count == 1)
            #expect(tokens.first?["secret"] == nil && tokens.first?["token_hash"] == nil)
            #expect(tokens.first?["id"] == created["id"])
            #expect(!list.stdout.contains(secret))
        }
    }

    @Test(arguments: [
        (["--region", "14.72", "--role", "kecamatan"], "--region/--role", "kecamatan code"),
        (["--region", "14.72.02", "--role", "kelurahan"], "--region/--role", "desa/kelurahan code"),
        (["--region", "14.72.02.1004", "--role", "bappeda"], "--region/--role", "kabupaten/kota code"),
        (["--region", "14.71", "--role", "revenue"], "--region: 14.71", "not in the region registry"),
        (["--region", "14.7", "--role", "revenue"], "--region", "is not a region code"),
        (["--region", "14.72", "--role", "revenue", "--expires", "2020-01-01"], "--expires: 2020-01-01", "already passed"),
    ])
    func refusedCreationsExit65NamingTheArgument(arguments: [String], argument: String, reason: String) async throws {
        try await withDumaiDatabase { url, conn in
            let run = try await runRekap(["token", "create"] + arguments + ["--database", url])
            #expect(run.status == 65, "\(run)")
            #expect(run.stderr.contains(argument) && run.stderr.contains(reason), "\(run)")
            #expect(run.stdout.isEmpty)
            #expect(try conn.queryValue(Int.self, "SELECT count(*) FROM api_token") == 0)
        }
    }

    @Test func usageErrorsExit64() async throws {
        try await withDumaiDatabase { url, conn in
            // Each refused for its own reason, named in the message.
            for (arguments, reason) in [(["--region", "14.72", "--role", "mayor"], "--role: \"mayor\" is not a role"),
                                        (["--region", "14.72", "--role", "bappeda", "--days", "3", "--expires", "2099-01-01"],
                                         "give --expires or --days, not both"),
                                        (["--region", "14.72", "--role", "bappeda", "--days", "0"], "--days: 0 is not a positive number"),
                                        (["--region", "14.72", "--role", "bappeda", "--expires", "2099-02-30"], "--expires: \"2099-02-30\" is not a date")] {
                let run = try await runRekap(["token", "create"] + arguments + ["--database", url])
                #expect(run.status == 64, "\(arguments): \(run)")
                #expect(run.stderr.contains(reason), "\(arguments): \(run)")
            }
            #expect(try conn.queryValue(Int.self, "SELECT count(*) FROM api_token") == 0)
        }
    }

    @Test func revokeOnceThenExit65() async throws {
        try await withDumaiDatabase { url, conn in
            let created = try await runRekap(["token", "create", "--region", "14.72.02.1004", "--role", "kelurahan", "--database", url])
            #expect(created.status == 0, "\(created)")
            let secret = created.stdout.trimmingCharacters(in: .newlines)

            let revoke = try await runRekap(["token", "revoke", "1", "--database", url])
            #expect(revoke.status == 0, "\(revoke)")
            #expect(revoke.stdout.contains("revoked token 1 (kelurahan 14.72.02.1004)"), "\(revoke)")
            #expect(try TokenStore.check(secret: secret, at: Date(), on: conn) == .revoked)

            let again = try await runRekap(["token", "revoke", "1", "--database", url])
            #expect(again.status == 65, "\(again)")
            #expect(again.stderr.contains("token 1 is already revoked"), "\(again)")
            let unknown = try await runRekap(["token", "revoke", "42", "--database", url])
            #expect(unknown.status == 65, "\(unknown)")
            #expect(unknown.stderr.contains("there is no token 42"), "\(unknown)")
        }
    }

    @Test func emptyList() async throws {
        try await withDumaiDatabase { url, _ in
            let run = try await runRekap(["token", "list", "--database", url])
            #expect(run.status == 0 && run.stdout == "no tokens\n", "\(run)")
        }
    }
}

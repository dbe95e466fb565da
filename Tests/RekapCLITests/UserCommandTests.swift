import Foundation
import PostgresLibPQ
import RekapDomain
import RekapStore
import RekapTestSupport
import Testing

/// `rekap user create | list | disable | reset`, run as users run them: a one-time code, never a password.
@Suite(.timeLimit(.minutes(10))) struct UserCommandTests {
    @Test func createPrintsAOneTimeCodeAndDisableAndResetEndSessions() async throws {
        try await withCLIDatabase(label: #function, dumai: true) { url, conn in
            let run = try await runRekap(["user", "create", "--region", "14.72.02.1004", "--role", "kelurahan", "--name", "Lurah Jaya Mukti",
                                          "--login", "Lurah.Jaya-Mukti", "--base-url", "https://rekap.example/", "--database", url])
            #expect(run.status == 0, "\(run)")
            let code = run.stdout.trimmingCharacters(in: .newlines)
            #expect(code.hasPrefix("rekap_setup_") && code.count == 55, "\(run)")
            #expect(run.stderr.contains("created account lurah.jaya-mukti (Lurah Jaya Mukti, kelurahan 14.72.02.1004)"), "\(run)")
            #expect(run.stderr.contains("open https://rekap.example/password"), "\(run)")
            // The code sets the password once; the account's scope is a kelurahan token's.
            let account = try #require(try AccountStore.setupAccount(code: code, at: Date(), on: conn))
            #expect(account.login == "lurah.jaya-mukti")
            _ = try AccountStore.setPassword(code: code, passwordHash: AccountPasswords(cost: 4).hash("kata-sandi-lurah"), at: Date(), on: conn)
            let session = try WebSessionStore.create(accountID: account.id, lifetime: .seconds(3600), at: Date(), on: conn)
            #expect(try WebSessionStore.check(secret: session, at: Date(), on: conn)
                    == .valid(try AccessScope(role: .kelurahan, region: RegionCode(parsing: "14.72.02.1004")), .account(account)))

            var list = try await runRekap(["user", "list", "--database", url])
            #expect(list.status == 0 && list.stdout.contains("lurah.jaya-mukti") && list.stdout.contains("active"), "\(list)")
            #expect(!list.stdout.contains("$2"), "no hash in the list")

            // Reset: a new code, the session ended, the password void.
            let reset = try await runRekap(["user", "reset", "lurah.jaya-mukti", "--database", url])
            #expect(reset.status == 0 && reset.stdout.hasPrefix("rekap_setup_"), "\(reset)")
            #expect(try WebSessionStore.check(secret: session, at: Date(), on: conn) == .refused(.revoked))
            list = try await runRekap(["user", "list", "--database", url])
            #expect(list.stdout.contains("waiting for its password"), "\(list)")

            // Disable: its code and any session stop working; a second disable and unknown logins exit 65.
            let disable = try await runRekap(["user", "disable", "lurah.jaya-mukti", "--database", url])
            #expect(disable.status == 0, "\(disable)")
            #expect(try AccountStore.setupAccount(code: reset.stdout.trimmingCharacters(in: .newlines), at: Date(), on: conn) == nil)
            #expect(try await runRekap(["user", "disable", "lurah.jaya-mukti", "--database", url]).status == 65)
            #expect(try await runRekap(["user", "reset", "lurah.jaya-mukti", "--database", url]).status == 65)
            #expect(try await runRekap(["user", "reset", "nobody", "--database", url]).status == 65)
        }
    }

    @Test(arguments: [
        (["--region", "14.72", "--role", "kecamatan", "--login", "a.b"], "--region/--role"),
        (["--region", "14.71", "--role", "bappeda", "--login", "a.b"], "is not registered"),
        (["--region", "14.72", "--role", "bappeda", "--login", "a b"], "cannot be a login"),
    ])
    func badAccountsAreRefused(arguments: [String], message: String) async throws {
        try await withCLIDatabase(label: #function, dumai: true) { url, _ in
            let run = try await runRekap(["user", "create", "--name", "X"] + arguments + ["--database", url])
            #expect(run.status == 65 && run.stderr.contains(message), "\(run)")
        }
    }
}

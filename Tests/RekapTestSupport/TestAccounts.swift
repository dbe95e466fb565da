import Foundation
import PostgresLibPQ
import RekapDomain
import RekapStore

/// A person's account made for a test, with the password it logs in with.
public struct TestAccount: Sendable, Hashable {
    public let id: Int64
    public let login: String
    public let password: String

    public init(id: Int64, login: String, password: String) {
        self.id = id
        self.login = login
        self.password = password
    }
}

/// Creates an account of `role` for `region` and sets its password as the set-password page would
/// (spending the one-time code), with bcrypt's smallest cost so tests stay quick.
public func createTestAccount(_ role: AccessRole, _ region: String, login: String, password: String = "kata-sandi-uji-123",
                              name: String? = nil, on conn: PGConnection) throws -> TestAccount {
    let scope = try AccessScope(role: role, region: RegionCode(parsing: region))
    let (account, code) = try AccountStore.create(login: login, displayName: name ?? "Uji \(login)", scope: scope, at: Date(), on: conn)
    let hash = AccountPasswords(cost: AccountPasswords.minimumCost).hash(password)
    guard try AccountStore.setPassword(code: code, passwordHash: hash, at: Date(), on: conn) != nil else {
        throw TestAccountError(login: login)
    }
    return TestAccount(id: account.id, login: account.login, password: password)
}

struct TestAccountError: Error, CustomStringConvertible {
    let login: String
    var description: String { "the new account \(login)'s one-time code did not work" }
}

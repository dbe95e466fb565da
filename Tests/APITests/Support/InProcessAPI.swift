import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import PostgresLibPQ
import RekapDomain
import RekapStore
import RekapTestSupport
@testable import RekapServer

/// The API as rekapd builds it (`buildApplication`), driven in this process through HummingbirdTesting's
/// `.router` mode: no rekapd process, no socket, so a request takes milliseconds. The database is a fresh
/// one prepared as ``APIServer`` prepares its own (Dumai's regions, Pekanbaru, one token per role).
struct InProcessAPI: Sendable {
    let client: any TestClientProtocol
    let dependencies: ServerDependencies
    let configuration: PGConfiguration
    let tokens: APIServer.Tokens

    /// Runs `body` with the application on a fresh database; the pool is closed and the database dropped after.
    static func with<T: Sendable>(label: String = #function, _ body: @Sendable (InProcessAPI) async throws -> T) async throws -> T {
        try await withScratchDatabase(label: "router \(label)") { configuration in
            let tokens = try APIServer.prepare(configuration)
            let pool = PGClient(configuration: configuration)
            var logger = Logger(label: "rekap.router-test")
            logger.logLevel = .critical
            let dependencies = ServerDependencies(
                client: pool, settings: ServerSettings(host: "127.0.0.1", port: 0), workerID: "router-test", logger: logger)
            do {
                let value = try await buildApplication(dependencies).test(.router) { client in
                    try await body(InProcessAPI(client: client, dependencies: dependencies, configuration: configuration, tokens: tokens))
                }
                await pool.close()
                return value
            } catch {
                await pool.close()
                throw error
            }
        }
    }

    /// One request; `token` as `Authorization: Bearer token`.
    func send(_ method: HTTPRequest.Method, _ uri: String, token: String? = nil, headers: HTTPFields = [:],
              body: String? = nil) async throws -> Answer {
        var fields = headers
        if let token { fields[.authorization] = "Bearer \(token)" }
        let response = try await client.executeRequest(uri: uri, method: method, headers: fields, body: body.map { ByteBuffer(string: $0) })
        return Answer(status: response.status.code, headers: response.headers, text: String(buffer: response.body),
                      bytes: Array(response.body.readableBytesView))
    }

    func get(_ uri: String, token: String? = nil, headers: HTTPFields = [:]) async throws -> Answer {
        try await send(.get, uri, token: token, headers: headers)
    }

    /// What came back.
    struct Answer: Sendable {
        let status: Int
        let headers: HTTPFields
        let text: String
        /// The body as sent (a workbook is not text).
        var bytes: [UInt8] = []

        /// The body as JSON (nil when it is not).
        var json: JSONValue? { try? JSONParser().parse(Array(text.utf8)) }
        /// `error` of a JSON error answer.
        var errorCode: String? {
            if case .string(let code)? = json?["error"] { return code }
            return nil
        }
        var message: String? {
            if case .string(let message)? = json?["message"] { return message }
            return nil
        }
    }

    /// Stores the demo reports of `kecamatan` and consolidates Dumai 2023, as the owner.
    func seedDemo(_ kecamatan: [String]) async throws {
        try await DemoSubmissions.submit(kecamatan, client: dependencies.client)
        try await dependencies.client.withTransaction { try Consolidator.recompute(city: RegionCode("14.72")!, year: 2023, on: $0) }
    }
}

import Foundation
import Logging
import PostgresLibPQ
import RekapTestSupport
import ServiceLifecycle
import Synchronization
import Testing

/// Blocks a connection thread until the test lets it go (no timing involved).
final class Gate: @unchecked Sendable {
    private let semaphore = DispatchSemaphore(value: 0)
    func wait() { semaphore.wait() }
    func open() { semaphore.signal() }
}

@Suite(.freshDatabase)
struct ClientTests {
    func makeClient(max: Int = 2, waitTimeout: Duration = patience) throws -> PGClient {
        PGClient(configuration: try TestDatabase.configuration, options: .init(maxConnections: max, waitTimeout: waitTimeout))
    }

    @Test func queriesThroughThePool() async throws {
        let client = try makeClient()
        let result = try await client.query("SELECT \(2) * 21 AS answer, \("x") AS s")
        #expect(try result.first?.decode(Int.self, column: "answer") == 42)
        try await client.execute("CREATE TABLE pooled (id int)")
        let n = try await client.withTransaction(isolation: .repeatableRead) { c in
            try c.execute("INSERT INTO pooled SELECT generate_series(1, 10)")
        }
        #expect(n == 10)
        #expect(try await client.copyIn("COPY pooled FROM STDIN") { try $0.writeRow(["11"]) } == 1)
        // Many concurrent users share at most `max` connections.
        try await withThrowingTaskGroup(of: Int.self) { group in
            for i in 0..<50 {
                group.addTask { try await client.query("SELECT \(i)").first!.decode(Int.self, at: 0) }
            }
            var sum = 0
            for try await v in group { sum += v }
            #expect(sum == 49 * 50 / 2)
        }
        #expect(client.openConnectionCount <= 2)
        await client.close()
        #expect(client.openConnectionCount == 0)
        await #expect(throws: PGError.self) { try await client.query("SELECT 1") }
    }

    @Test func waitersAreServedInOrderAndTimeOut() async throws {
        let client = try makeClient(max: 1, waitTimeout: .milliseconds(300))
        let gate = Gate()
        let holder = Task { try await client.withConnection { _ in gate.wait() } }
        try await waitUntil("the holder's connection") { client.openConnectionCount > 0 }

        // Nobody gets a connection while it is held: the waiter times out.
        await #expect {
            try await client.query("SELECT 1")
        } throws: { ($0 as? PGError)?.kind == .poolTimeout }

        // Waits as long as the test may take: on a starved machine a waiter must not time out before its turn.
        let patient = PGClient(configuration: try TestDatabase.configuration, options: .init(maxConnections: 1, waitTimeout: patience))
        let gate2 = Gate()
        let holder2 = Task { try await patient.withConnection { _ in gate2.wait() } }
        try await waitUntil("the second holder's connection") { patient.openConnectionCount > 0 }
        let order = PGLockedArray()
        var waiters = [Task<Void, any Error>]()
        for i in 0..<5 {
            waiters.append(Task { try await patient.withConnection { _ in order.append(i) } })
            try await waitUntil("waiter \(i) in the queue") { patient.waiterCount >= i + 1 }  // enqueued in this order
        }
        gate2.open()
        for w in waiters { try await w.value }
        #expect(order.values == [0, 1, 2, 3, 4])
        try await holder2.value
        gate.open()
        try await holder.value
        await client.close()
        await patient.close()
    }

    @Test func cancelledWaitersLeaveTheQueue() async throws {
        let client = try makeClient(max: 1)
        let gate = Gate()
        let holder = Task { try await client.withConnection { _ in gate.wait() } }
        try await waitUntil("the holder's connection") { client.openConnectionCount > 0 }
        let waiter = Task { try await client.query("SELECT 1") }
        try await waitUntil("the waiter in the queue") { client.waiterCount > 0 }
        waiter.cancel()
        let result = await waiter.result
        guard case .failure(let error as PGError) = result else {
            Issue.record("expected a PGError, got \(result)")
            return
        }
        #expect(error.kind == .cancelled)
        #expect(client.waiterCount == 0)
        gate.open()
        try await holder.value
        #expect(try await client.query("SELECT 1").count == 1)
        await client.close()
    }

    @Test func brokenConnectionsAreReplaced() async throws {
        let client = try makeClient(max: 1)
        let pid = try await client.withConnection { $0.backendPID }
        await #expect(throws: PGError.self) {
            try await client.execute("SELECT pg_terminate_backend(pg_backend_pid())")
        }
        let newPID = try await client.withConnection { $0.backendPID }
        #expect(newPID != pid)
        #expect(client.openConnectionCount == 1)
        #expect(try await client.query("SELECT 1").count == 1)
        await client.close()
    }

    @Test func openTransactionsAreRolledBackOnCheckIn() async throws {
        let client = try makeClient(max: 1)
        try await client.execute("CREATE TABLE leftover (id int)")
        try await client.withConnection { c in
            try c.execute("BEGIN")
            try c.execute("INSERT INTO leftover VALUES (1)")
        }  // forgot COMMIT
        let (status, count) = try await client.withConnection { c in
            (c.transactionStatus, try c.queryValue(Int.self, "SELECT count(*) FROM leftover"))
        }
        #expect(status == .idle)
        #expect(count == 0)
        await client.close()
    }

    @Test func cancellingTheTaskCancelsTheStatement() async throws {
        let client = try makeClient(max: 1)
        let pid = try await client.withConnection { $0.backendPID }
        let observer = try TestDatabase.connect()
        let task = Task { try await client.execute("SELECT pg_sleep(30)") }
        // Wait until the statement runs on the server, then cancel (~200 ms in).
        while try observer.queryValue(String.self, "SELECT state FROM pg_stat_activity WHERE pid = \(pid)") != "active" {
            try await Task.sleep(for: .milliseconds(10))
        }
        try await Task.sleep(for: .milliseconds(200))
        task.cancel()
        let result = await task.result
        guard case .failure(let error as PGError) = result else {
            Issue.record("expected a PGError, got \(result)")
            return
        }
        #expect(error.sqlState == .queryCanceled)
        #expect(error.kind == .cancelled)
        // Same connection, still usable.
        #expect(try await client.withConnection { $0.backendPID } == pid)
        #expect(try await client.query("SELECT 5").first?.decode(Int.self, at: 0) == 5)

        // A task cancelled before it starts never runs its statement.
        let early = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return try await client.execute("SELECT 1")
        }
        await #expect(throws: PGError.self) { try await early.value }
        await client.close()
    }

    @Test func runsAsAServiceAndShutsDownGracefully() async throws {
        let client = try makeClient(max: 2)
        let group = ServiceGroup(services: [client], gracefulShutdownSignals: [], logger: Logger(label: "test"))
        let running = Task { try await group.run() }
        #expect(try await client.query("SELECT 1").count == 1)
        #expect(client.openConnectionCount == 1)
        await group.triggerGracefulShutdown()
        try await running.value
        #expect(client.openConnectionCount == 0)
        await #expect(throws: PGError.self) { try await client.query("SELECT 1") }
    }
}

final class PGLockedArray: Sendable {
    private let storage = Mutex<[Int]>([])
    func append(_ v: Int) { storage.withLock { $0.append(v) } }
    var values: [Int] { storage.withLock { $0 } }
}

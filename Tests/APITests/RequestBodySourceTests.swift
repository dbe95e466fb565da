import Foundation
import Hummingbird
import NIOConcurrencyHelpers
import NIOCore
@testable import RekapServer
import RekapTestSupport
import Testing

/// The bridge from an async request body to the loader's blocking reads. Each test has a time limit:
/// a bridge that deadlocks must fail the run, not hang it.
@Suite(.timeLimit(.minutes(1))) struct RequestBodySourceTests {
    /// Reads everything on a thread of its own, as the loader does on its connection's thread.
    static func readAll(_ source: RequestBodySource, chunk: Int) async throws -> [UInt8] {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                var bytes: [UInt8] = []
                var buffer = [UInt8](repeating: 0, count: chunk)
                do {
                    while true {
                        let n = try buffer.withUnsafeMutableBytes { try source.read(into: $0) }
                        if n == 0 { break }
                        bytes += buffer[..<n]
                    }
                    continuation.resume(returning: bytes)
                } catch {
                    continuation.resume(throwing: error)
                }
            }
        }
    }

    @Test func deliversEveryByteInOrderWhileHoldingNoMoreThanItsLimit() async throws {
        let chunks = (0..<200).map { index in ByteBuffer(bytes: (0..<1000).map { UInt8(truncatingIfNeeded: $0 &+ index) }) }
        let source = RequestBodySource(limit: 4096)
        let filling = Task { await source.fill(from: RequestBody(asyncSequence: Chunks(chunks: chunks))) }
        let read = try await Self.readAll(source, chunk: 700)
        await filling.value
        #expect(read == chunks.flatMap { Array($0.readableBytesView) })
        // One chunk may arrive while just under the limit, never more.
        #expect(source.mostQueued <= 4096 + 1000, "\(source.mostQueued)")
        #expect(source.mostQueued > 0)
    }

    @Test func aBodyThatFailsFailsTheRead() async throws {
        let source = RequestBodySource(limit: 4096)
        let filling = Task { await source.fill(from: RequestBody(asyncSequence: Chunks(chunks: [ByteBuffer(string: "abc")], failing: true))) }
        // The bytes that came before the failure are read, then the read fails with the body's error.
        let read = ReadSoFar()
        await #expect(throws: RequestBodyError.self) { _ = try await Self.readAll(source, chunk: 2, into: read) }
        #expect(read.bytes == Array("abc".utf8))
        await filling.value
    }

    @Test func closingFreesAWaitingFiller() async throws {
        let source = RequestBodySource(limit: 10)
        let chunks = (0..<100).map { _ in ByteBuffer(string: "0123456789") }
        let pulled = Pulled()
        let filling = Task { await source.fill(from: RequestBody(asyncSequence: Chunks(chunks: chunks, pulled: pulled))) }
        // Read a little, then give up as a failing loader would: the filler must not hang. The read
        // blocks until the filler runs, so it must not hold a thread of the cooperative pool.
        let first = try await onOwnThread { () throws -> [UInt8] in
            var buffer = [UInt8](repeating: 0, count: 4)
            let n = try buffer.withUnsafeMutableBytes { try source.read(into: $0) }
            return Array(buffer[..<n])
        }
        #expect(first == Array("0123".utf8))
        source.close()
        await filling.value
        // The filler stopped at the close instead of moving the rest of the body in: it waited for
        // room (at most the limit plus one chunk queued), so it had taken only a few chunks.
        #expect(pulled.count < chunks.count, "the filler read the whole body: \(pulled.count) chunks")
        #expect(source.mostQueued <= 10 + 10, "\(source.mostQueued)")
        // A read after the close ends at once (nothing left), never waits.
        let after = try await onOwnThread { () throws -> Int in
            var buffer = [UInt8](repeating: 0, count: 4)
            return try buffer.withUnsafeMutableBytes { try source.read(into: $0) }
        }
        #expect(after == 0)
    }

    /// What a read got before it failed.
    final class ReadSoFar: Sendable {
        private let box = NIOLockedValueBox<[UInt8]>([])
        var bytes: [UInt8] { box.withLockedValue { $0 } }
        func append(_ more: ArraySlice<UInt8>) { box.withLockedValue { $0 += more } }
    }

    /// ``readAll(_:chunk:)`` that also records each piece in `read` as it comes, so a failing read
    /// still shows what it got.
    static func readAll(_ source: RequestBodySource, chunk: Int, into read: ReadSoFar) async throws -> [UInt8] {
        try await onOwnThread {
            var buffer = [UInt8](repeating: 0, count: chunk)
            while true {
                let n = try buffer.withUnsafeMutableBytes { try source.read(into: $0) }
                if n == 0 { return read.bytes }
                read.append(buffer[..<n])
            }
        }
    }
}

/// How many chunks a ``Chunks`` sequence has handed out.
final class Pulled: Sendable {
    private let box = NIOLockedValueBox(0)
    var count: Int { box.withLockedValue { $0 } }
    func add() { box.withLockedValue { $0 += 1 } }
}

/// Chunks as an async sequence, optionally failing after the last.
struct Chunks: AsyncSequence, Sendable {
    typealias Element = ByteBuffer
    let chunks: [ByteBuffer]
    var failing = false
    /// Counts the chunks handed out, when given.
    var pulled: Pulled?

    struct BodyBroke: Error {}

    struct AsyncIterator: AsyncIteratorProtocol {
        var remaining: ArraySlice<ByteBuffer>
        let failing: Bool
        let pulled: Pulled?

        mutating func next() async throws -> ByteBuffer? {
            await Task.yield()
            if let first = remaining.popFirst() {
                pulled?.add()
                return first
            }
            if failing { throw BodyBroke() }
            return nil
        }
    }

    func makeAsyncIterator() -> AsyncIterator { AsyncIterator(remaining: chunks[...], failing: failing, pulled: pulled) }
}

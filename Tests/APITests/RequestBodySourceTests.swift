import Foundation
import Hummingbird
import NIOCore
@testable import RekapServer
import RekapTestSupport
import Testing

/// The bridge from an async request body to the loader's blocking reads.
@Suite struct RequestBodySourceTests {
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
        await #expect(throws: RequestBodyError.self) { _ = try await Self.readAll(source, chunk: 2) }
        await filling.value
    }

    @Test func closingFreesAWaitingFiller() async throws {
        let source = RequestBodySource(limit: 10)
        let chunks = (0..<100).map { _ in ByteBuffer(string: "0123456789") }
        let filling = Task { await source.fill(from: RequestBody(asyncSequence: Chunks(chunks: chunks))) }
        // Read a little, then give up as a failing loader would: the filler must not hang. The read
        // blocks until the filler runs, so it must not hold a thread of the cooperative pool.
        _ = try await onOwnThread {
            var buffer = [UInt8](repeating: 0, count: 4)
            return try buffer.withUnsafeMutableBytes { try source.read(into: $0) }
        }
        source.close()
        await filling.value
    }
}

/// Chunks as an async sequence, optionally failing after the last.
struct Chunks: AsyncSequence, Sendable {
    typealias Element = ByteBuffer
    let chunks: [ByteBuffer]
    var failing = false

    struct BodyBroke: Error {}

    struct AsyncIterator: AsyncIteratorProtocol {
        var remaining: ArraySlice<ByteBuffer>
        let failing: Bool

        mutating func next() async throws -> ByteBuffer? {
            await Task.yield()
            if let first = remaining.popFirst() { return first }
            if failing { throw BodyBroke() }
            return nil
        }
    }

    func makeAsyncIterator() -> AsyncIterator { AsyncIterator(remaining: chunks[...], failing: failing) }
}

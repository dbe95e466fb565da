import Foundation
import Hummingbird
import NIOCore
import RekapStore

/// A request body as a blocking ``ByteSource``, for loaders that run on a `PGConnection`'s own thread
/// (``PBBFeedLoader``): an async task moves the body's chunks in, the loader's `read(into:)` blocks
/// until the next one is there.
///
/// Bounded: at most ``limit`` bytes wait here; beyond that the filling task suspends until the loader
/// has read some, so the socket is read no faster than the database takes the rows, and a feed of
/// any size never sits in memory whole.
final class RequestBodySource: ByteSource, @unchecked Sendable {
    /// Bytes that may wait for the reader.
    let limit: Int
    private let condition = NSCondition()
    // Guarded by `condition`:
    private var chunks: [ByteBuffer] = []
    private var queued = 0
    private var finished = false
    private var failure: (any Error)?
    private var closed = false
    private var spaceWaiter: CheckedContinuation<Void, Never>?
    private var _mostQueued = 0

    /// The most bytes that ever waited at once (for tests of the bound).
    var mostQueued: Int { condition.withLock { _mostQueued } }

    init(limit: Int = 1 << 20) {
        self.limit = max(1, limit)
    }

    // MARK: Filling (async side)

    /// Moves `body` in, chunk by chunk, waiting for room; then marks the end (or the failure).
    func fill(from body: RequestBody) async {
        do {
            for try await chunk in body {
                guard await push(chunk) else { return }  // the reader is gone
            }
            finish(nil)
        } catch {
            finish(error)
        }
    }

    /// Queues `chunk`, first waiting while ``limit`` bytes are queued. False once the reader closed.
    private func push(_ chunk: ByteBuffer) async -> Bool {
        while true {
            let mustWait: Bool = condition.withLock {
                if closed { return false }
                return queued >= limit
            }
            if !mustWait { break }
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                condition.lock()
                if closed || queued < limit {
                    condition.unlock()
                    continuation.resume()
                } else {
                    spaceWaiter = continuation
                    condition.unlock()
                }
            }
        }
        return condition.withLock {
            if closed { return false }
            chunks.append(chunk)
            queued += chunk.readableBytes
            _mostQueued = max(_mostQueued, queued)
            condition.broadcast()
            return true
        }
    }

    private func finish(_ error: (any Error)?) {
        condition.withLock {
            finished = true
            failure = error
            condition.broadcast()
        }
    }

    /// The reader is done (or gave up): frees the filling task, drops what is queued.
    func close() {
        let waiter: CheckedContinuation<Void, Never>? = condition.withLock {
            closed = true
            chunks.removeAll()
            queued = 0
            defer { spaceWaiter = nil }
            return spaceWaiter
        }
        waiter?.resume()
    }

    // MARK: Reading (the connection's thread)

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard buffer.count > 0 else { return 0 }
        condition.lock()
        while chunks.isEmpty && !finished && !closed {
            condition.wait()
        }
        if chunks.isEmpty {
            let failure = self.failure
            condition.unlock()
            if let failure { throw RequestBodyError(underlying: "\(failure)") }
            return 0
        }
        let count = min(buffer.count, chunks[0].readableBytes)
        chunks[0].withUnsafeReadableBytes { source in
            buffer.baseAddress!.copyMemory(from: source.baseAddress!, byteCount: count)
        }
        chunks[0].moveReaderIndex(forwardBy: count)
        if chunks[0].readableBytes == 0 { chunks.removeFirst() }
        queued -= count
        var waiter: CheckedContinuation<Void, Never>?
        if queued < limit, let spaceWaiter {
            waiter = spaceWaiter
            self.spaceWaiter = nil
        }
        condition.unlock()
        waiter?.resume()
        return count
    }
}

/// The request body could not be read to its end (the client went away, or sent a broken body).
struct RequestBodyError: Error, Sendable, CustomStringConvertible {
    let underlying: String
    var description: String { "the request body could not be read: \(underlying)" }
}

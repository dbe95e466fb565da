import Foundation

/// Runs blocking work (a libpq call, a pipe read, a read that waits for an async producer) on a
/// thread of its own instead of Swift's cooperative pool.
///
/// The pool has one thread per core: two on CI. When blocked calls hold both, every task of the
/// test process stalls, including the ones the blocked calls wait for (a body filler, or a test
/// whose half-sent upload keeps a COPY open, which `DROP DATABASE ... WITH (FORCE)` waits for
/// cluster-wide): the suite hangs.
public func onOwnThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread.detachNewThread { continuation.resume(with: Result { try body() }) }
    }
}

/// ``onOwnThread(_:)`` for work that cannot fail.
public func onOwnThread<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
    await withCheckedContinuation { continuation in
        Thread.detachNewThread { continuation.resume(returning: body()) }
    }
}

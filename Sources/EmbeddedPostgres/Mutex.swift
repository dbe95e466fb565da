import Foundation

/// A value guarded by a lock, for the few places that need shared mutable state.
///
/// (`Synchronization.Mutex` needs macOS 15; this keeps the package's platforms modest.)
final class Mutex<Value>: @unchecked Sendable {
    private var value: Value
    private let lock = NSLock()

    init(_ value: Value) {
        self.value = value
    }

    func withLock<T, E: Error>(_ body: (inout Value) throws(E) -> T) throws(E) -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}

import Crypto

/// Passes a ``ByteSource`` through while hashing every byte read (SHA-256, swift-crypto), so a
/// stream gets its digest without a second read (a request body cannot be read twice).
public struct HashingSource<Base: ByteSource>: ByteSource {
    public var base: Base
    private var hasher = SHA256()

    public init(_ base: Base) {
        self.base = base
    }

    public mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let n = try base.read(into: buffer)
        hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: buffer[0..<n]))
        return n
    }

    /// The digest of everything read so far.
    public var digest: [UInt8] {
        Array(hasher.finalize())
    }
}

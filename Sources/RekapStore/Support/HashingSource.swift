/// Passes a ``ByteSource`` through while hashing every byte read, so a stream gets its
/// SHA-256 without a second read (a request body cannot be read twice).
public struct HashingSource<Base: ByteSource>: ByteSource {
    public var base: Base
    public private(set) var hasher = SHA256()

    public init(_ base: Base) {
        self.base = base
    }

    public mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let n = try base.read(into: buffer)
        hasher.update(UnsafeRawBufferPointer(rebasing: buffer[0..<n]))
        return n
    }

    /// The digest of everything read so far.
    public var digest: [UInt8] {
        hasher.finalize()
    }
}

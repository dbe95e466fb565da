/// One feed to load: its kind, the name it is reported and recorded under, and how to open its
/// bytes.
///
/// `open` is called on the database connection's thread, inside the load's transaction, and the
/// source is read start to end. It is called once unless ``canReopen`` is true.
/// Any ``ByteSource`` works: a file, a pipe, a request body bridged to blocking reads.
public struct PBBFeed: Sendable {
    public let kind: PBBFeedKind
    /// File name as the user knows it (recorded in `pbb_load.file_name`, used in messages).
    public let name: String
    /// True when `open` may be called again and gives the same bytes (a file, bytes in memory).
    /// Only such a feed is copied straight into its table: when that turns out not to be possible
    /// (the file contradicts itself or repeats stored rows), the loader reads it again through a
    /// staging table. A feed that can be read once (a pipe, a request body) is always staged.
    public let canReopen: Bool
    public let open: @Sendable () throws -> any ByteSource

    public init(kind: PBBFeedKind, name: String, canReopen: Bool = false, open: @escaping @Sendable () throws -> any ByteSource) {
        self.kind = kind
        self.name = name
        self.canReopen = canReopen
        self.open = open
    }

    /// A feed read from a file (which may be read twice).
    public static func file(_ kind: PBBFeedKind, path: String) -> PBBFeed {
        PBBFeed(kind: kind, name: path, canReopen: true) { try FileSource(path: path) }
    }
}

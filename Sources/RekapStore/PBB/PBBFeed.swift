/// One feed to load: its kind, the name it is reported and recorded under, and how to open its
/// bytes.
///
/// `open` is called once, on the database connection's thread, inside the load's transaction;
/// the source is read once, start to end. Any ``ByteSource`` works: a file, a pipe, a request
/// body bridged to blocking reads.
public struct PBBFeed: Sendable {
    public let kind: PBBFeedKind
    /// File name as the user knows it (recorded in `pbb_load.file_name`, used in messages).
    public let name: String
    public let open: @Sendable () throws -> any ByteSource

    public init(kind: PBBFeedKind, name: String, open: @escaping @Sendable () throws -> any ByteSource) {
        self.kind = kind
        self.name = name
        self.open = open
    }

    /// A feed read from a file.
    public static func file(_ kind: PBBFeedKind, path: String) -> PBBFeed {
        PBBFeed(kind: kind, name: path) { try FileSource(path: path) }
    }
}

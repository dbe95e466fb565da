import Foundation

/// Files of this repository that tests read in place (fixtures, demo data), found from this file's
/// path, so there is one copy of each.
public enum RepositoryFiles {
    /// The package's root folder.
    public static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    public static func url(_ relative: String) -> URL { root.appendingPathComponent(relative) }

    public static func bytes(_ relative: String) throws -> [UInt8] { Array(try Data(contentsOf: url(relative))) }

    /// The submission fixtures of `Tests/RekapDomainTests/Fixtures` (`accepted/…`, `rejected/…`).
    public static func submissionFixture(_ relative: String) throws -> [UInt8] {
        try bytes("Tests/RekapDomainTests/Fixtures/" + relative)
    }
}

import Foundation

/// Files of this repository that tests read in place (fixtures, demo data), found from this source
/// file's path, so they work from any working directory and there is one copy of each.
public enum RepositoryFiles {
    /// The repository's root folder.
    public static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // RekapTestSupport
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()

    /// A file by its path from the root.
    public static func url(_ relative: String) -> URL { root.appendingPathComponent(relative) }

    public static func bytes(_ relative: String) throws -> [UInt8] { Array(try Data(contentsOf: url(relative))) }

    /// Every Kemendagri region (91,599 rows, Kepmendagri 300.2.2-2430/2025; MIT, see the README next to it).
    public static var regionsCSV: URL { root.appendingPathComponent("Tests/RekapStoreTests/Fixtures/regions.csv") }

    /// Kota Dumai with its province (45 rows): the demo's copy.
    public static var dumaiCSV: URL { root.appendingPathComponent("Sources/RekapCLI/DemoData/dumai.csv") }

    /// The demo's bundled submissions folder.
    public static var demoSubmissions: URL { root.appendingPathComponent("Sources/RekapCLI/DemoData/submissions") }

    /// The submission fixtures of `Tests/RekapDomainTests/Fixtures` (`accepted/…`, `rejected/…`).
    public static func submissionFixture(_ relative: String) throws -> [UInt8] {
        try bytes("Tests/RekapDomainTests/Fixtures/" + relative)
    }
}

import Foundation

/// Where the PostgreSQL server programs (`initdb`, `pg_ctl`) live on this machine.
///
/// Looked up in order: `REKAP_PG_BINDIR`, `pg_config --bindir`, then the newest
/// `/usr/lib/postgresql/*/bin` (Debian keeps server binaries off `PATH`).
public struct PostgresBinaries: Sendable {
    public let directory: URL

    public var initdb: URL { directory.appendingPathComponent("initdb") }
    public var pgCtl: URL { directory.appendingPathComponent("pg_ctl") }

    public init(directory: URL) {
        self.directory = directory
    }

    public static func locate() throws(EmbeddedPostgresError) -> PostgresBinaries {
        var candidates: [String] = []
        if let fromEnvironment = ProcessInfo.processInfo.environment["REKAP_PG_BINDIR"], !fromEnvironment.isEmpty {
            candidates.append(fromEnvironment)
        }
        if let fromPgConfig = try? ProcessRunner.output(of: "/usr/bin/env", ["pg_config", "--bindir"]) {
            candidates.append(fromPgConfig.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        candidates.append(contentsOf: debianServerDirectories())
        let fileManager = FileManager.default
        for candidate in candidates where fileManager.isExecutableFile(atPath: candidate + "/initdb")
            && fileManager.isExecutableFile(atPath: candidate + "/pg_ctl")
        {
            return PostgresBinaries(directory: URL(fileURLWithPath: candidate))
        }
        throw .binariesNotFound(searched: candidates)
    }

    /// `/usr/lib/postgresql/<major>/bin`, newest major version first.
    private static func debianServerDirectories() -> [String] {
        let root = "/usr/lib/postgresql"
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
        return versions
            .compactMap { Int($0) }
            .sorted(by: >)
            .map { "\(root)/\($0)/bin" }
    }
}

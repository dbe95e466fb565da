import Foundation
import PostgresLibPQ

/// Loads `Sources/RekapCLI/DemoData/dumai.csv` (Riau, Kota Dumai, its kecamatan and kelurahan) into the
/// `region` table of a migrated database.
// TEMPORARY: a plain COPY until the region import lands on the store branch; then tests use that.
public func loadDumaiRegions(_ configuration: PGConfiguration) throws {
    let conn = try PGConnection(configuration: configuration)
    defer { conn.close() }
    let regions = try Data(contentsOf: RepositoryFiles.url("Sources/RekapCLI/DemoData/dumai.csv"))
    _ = try conn.copyIn("COPY region (code, name, level, parent_code) FROM STDIN (FORMAT csv, HEADER true)") { writer in
        try writer.write(regions)
    }
}

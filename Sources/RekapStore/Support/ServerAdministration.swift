import PostgresLibPQ

/// The few statements about the server itself rather than rekap's data, kept here with the rest of
/// rekap's SQL.
public enum ServerAdministration {
    /// Runs the cheapest statement there is: throws when the server cannot be used (unreachable,
    /// refusing the login or the database).
    public static func ping(on connection: PGConnection) throws(PGError) {
        _ = try connection.query("SELECT 1")
    }

    /// Creates an empty database `name` (the demo's, on its embedded cluster).
    public static func createDatabase(named name: String, on connection: PGConnection) throws(PGError) {
        try connection.execute("CREATE DATABASE \(identifier: name)")
    }
}

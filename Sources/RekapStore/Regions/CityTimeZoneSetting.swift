import PostgresLibPQ
import RekapDomain

/// A city's own time zone (`city_setting.time_zone`, `sql/0012_accounts.sql`), in which pages show
/// times: WIB for Dumai. A city without a setting gets its province's zone
/// (``RekapDomain/IndonesianTimeZone/forProvince(_:)``). Readable inside an access scope (rekap_api
/// may select it), so the dashboard and the report read it in the request's transaction.
public enum CityTimeZoneSetting {
    /// The zone of `city` (a kota/kabupaten code): its own, else its province's.
    public static func zone(of city: RegionCode, on connection: PGConnection) throws -> IndonesianTimeZone {
        try stored(for: city, on: connection) ?? IndonesianTimeZone.forProvince(city.text)
    }

    /// The zone set for `city` itself, or nil when it has none (its province's applies).
    public static func stored(for city: RegionCode, on connection: PGConnection) throws -> IndonesianTimeZone? {
        let stored = try connection.cachedQuery("SELECT time_zone FROM city_setting WHERE city_code = \(city.text)")
            .first.map { try $0.decode(String.self, column: "time_zone") }
        return stored.flatMap { IndonesianTimeZone(rawValue: $0) }
    }

    /// Removes `city`'s own zone, so its province's applies again (as the owner). False when it had none.
    @discardableResult
    public static func clear(for city: RegionCode, on connection: PGConnection) throws -> Bool {
        try connection.execute("DELETE FROM city_setting WHERE city_code = \(city.text)") > 0
    }

    /// Sets `city`'s zone (as the owner).
    public static func set(_ zone: IndonesianTimeZone, for city: RegionCode, on connection: PGConnection) throws {
        try connection.execute("""
            INSERT INTO city_setting (city_code, time_zone) VALUES (\(city.text), \(zone.identifier))
            ON CONFLICT (city_code) DO UPDATE SET time_zone = excluded.time_zone
            """)
    }
}

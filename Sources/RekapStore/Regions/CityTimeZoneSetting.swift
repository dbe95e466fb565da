import PostgresLibPQ
import RekapDomain

/// A city's own time zone (`city_setting.time_zone`, `sql/0012_accounts.sql`), in which pages show
/// times: WIB for Dumai. A city without a setting gets its province's zone
/// (``RekapDomain/IndonesianTimeZone/forProvince(_:)``). Readable inside an access scope (rekap_api
/// may select it), so the dashboard and the report read it in the request's transaction.
public enum CityTimeZoneSetting {
    /// The zone of `city` (a kota/kabupaten code).
    public static func zone(of city: RegionCode, on connection: PGConnection) throws -> IndonesianTimeZone {
        let stored = try connection.cachedQuery("SELECT time_zone FROM city_setting WHERE city_code = \(city.text)")
            .first.map { try $0.decode(String.self, column: "time_zone") }
        return stored.flatMap { IndonesianTimeZone(rawValue: $0) } ?? IndonesianTimeZone.forProvince(city.text)
    }

    /// Sets `city`'s zone (as the owner).
    public static func set(_ zone: IndonesianTimeZone, for city: RegionCode, on connection: PGConnection) throws {
        try connection.execute("""
            INSERT INTO city_setting (city_code, time_zone) VALUES (\(city.text), \(zone.identifier))
            ON CONFLICT (city_code) DO UPDATE SET time_zone = excluded.time_zone
            """)
    }
}

import Foundation
import PostgresLibPQ
import RekapDomain

/// Whether a city has any input for a year: what decides that rankings and reports of a year may be
/// computed on demand at all (a year with nothing in it answers 404 without a recompute).
public enum CityYearData {
    /// True when `city` has a submission for `year`, or a PBB-P2 ketetapan or payment of that tax year
    /// for one of its objects. Read as the owner (a revenue token cannot see submissions); cheap for a
    /// year without data (the `tahun` indexes find nothing).
    public static func exists(city: RegionCode, year: Int, on connection: PGConnection) throws -> Bool {
        // A NOP starts with the city's province and kota digits: 14.72 -> 1472.
        let nopPrefix = city.text.replacingOccurrences(of: ".", with: "")
        return try connection.queryValue(Bool.self, """
            SELECT EXISTS (SELECT 1 FROM submission WHERE city_code = \(city.text) AND year = \(year))
                OR EXISTS (SELECT 1 FROM pbb_ketetapan
                            WHERE tahun = \(year) AND kelurahan_code LIKE \(city.text + ".%"))
                OR EXISTS (SELECT 1 FROM pbb_pembayaran WHERE tahun = \(year) AND left(nop, 4) = \(nopPrefix))
            """) ?? false
    }
}

import PostgresLibPQ
import RekapDomain

/// One city and year being consolidated, with the settings in force, and the SQL pieces every
/// aggregate shares.
struct ConsolidationScope {
    let city: RegionCode
    let year: Int
    let settings: ConsolidationSettings

    var cityCode: String { city.text }

    /// Checks that `city` is a kota or kabupaten in the region registry.
    static func checkCity(_ city: RegionCode, on connection: PGConnection) throws {
        guard city.level == .kabupatenKota else {
            throw ConsolidationError(reason: "\(city) is not a kota or kabupaten code (those have 2 segments, like 14.72)")
        }
        guard try RegionRegistry.region(city, on: connection) != nil else {
            throw ConsolidationError(reason: "\(city) is not in the region registry (load it with `rekap regions import`)")
        }
    }

    /// The current document of each (region, period): its latest revision, since a revision replaces
    /// the whole document. `finality` orders periods Q1 < Q2 < Q3 < Q4 < FY, so "the FY report, else
    /// the latest quarter" is the highest finality.
    ///
    /// Columns: id, region_code, period, revision, submitted_at, finality.
    var currentDocuments: PGQuery {
        """
        SELECT DISTINCT ON (s.region_code, s.period)
               s.id, s.region_code, s.period, s.revision, s.submitted_at,
               array_position(ARRAY['Q1', 'Q2', 'Q3', 'Q4', 'FY'], s.period) AS finality
          FROM submission s
         WHERE s.city_code = \(cityCode) AND s.year = \(year)
         ORDER BY s.region_code, s.period, s.revision DESC
        """
    }

    /// The kecamatan of the city (columns: code).
    var kecamatan: PGQuery {
        "SELECT code FROM region WHERE parent_code = \(cityCode) AND level = 3"
    }

    /// The kelurahan and desa of the city (columns: code, parent_code).
    var kelurahan: PGQuery {
        "SELECT code, parent_code FROM region WHERE path <@ text2ltree(\(cityCode)) AND level = 4"
    }

    /// The effective predikat scale, as a `jsonb` expression for `predikat_label`.
    var predikatScale: PGQuery {
        "\(settings.predikatScaleJSON)::jsonb"
    }

    /// The capaian cap, as a `numeric` expression (NULL: none).
    var capaianCap: PGQuery {
        "\(settings.capaianCap)::numeric"
    }

    /// `WHERE` condition on an aggregate table's key.
    func isThisCityYear(_ table: String) -> PGQuery {
        "\(unsafeRaw: table).city_code = \(cityCode) AND \(unsafeRaw: table).year = \(year)"
    }

    /// Deletes the city/year's rows of aggregate tables.
    func deleteRows(of tables: [String], on connection: PGConnection) throws {
        for table in tables {
            try connection.execute("DELETE FROM \(identifier: table) WHERE \(isThisCityYear(table))")
        }
    }
}

import PostgresLibPQ

/// Payments whose NOP has no ketetapan for their year (view `pbb_orphan_payment`), for one city
/// and year, with totals. Amounts are whole rupiah as text.
public struct PBBOrphans: Sendable, Hashable {
    public struct Payment: Sendable, Hashable, Decodable {
        public let nop: String
        public let tahun: Int
        public let tanggal: String
        public let pokok: String
        public let denda: String
    }

    public let payments: [Payment]
    public let totalPokok: String
    public let totalDenda: String

    /// The orphans of `city` (`PP.KK`, as the NOP's first segments say) in `year`, by NOP and date.
    public static func list(city: String, year: Int, on connection: PGConnection) throws -> PBBOrphans {
        let payments = try connection.query("""
            SELECT nop, tahun, tanggal::text AS tanggal,
                   pokok::numeric(20, 0)::text AS pokok, denda::numeric(20, 0)::text AS denda
            FROM pbb_orphan_payment
            WHERE city_code = \(city) AND tahun = \(year)
            ORDER BY nop, tanggal, pokok, denda, seq
            """).map { try $0.decode(as: Payment.self) }
        let totals = try connection.query("""
            SELECT coalesce(sum(pokok), 0)::numeric(20, 0)::text AS pokok, coalesce(sum(denda), 0)::numeric(20, 0)::text AS denda
            FROM pbb_orphan_payment WHERE city_code = \(city) AND tahun = \(year)
            """)
        return PBBOrphans(payments: payments, totalPokok: try totals[0].decode(String.self, column: "pokok"),
                          totalDenda: try totals[0].decode(String.self, column: "denda"))
    }
}

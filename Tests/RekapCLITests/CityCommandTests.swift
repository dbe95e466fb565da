import Foundation
import PostgresLibPQ
import RekapDomain
import RekapStore
import RekapTestSupport
import Testing

/// `rekap city time-zone`: shows a city's zone and where it comes from, sets it, and gives it back to
/// the province; refuses what is not a city or not a zone, changing nothing.
@Suite(.timeLimit(.minutes(10))) struct CityCommandTests {
    static let dumai = RegionCode("14.72")!

    @Test func timeZoneShowsSetsAndUnsetsTheCitysZone() async throws {
        try await withCLIDatabase(label: #function, dumai: true) { url, conn in
            // Migrated before Dumai was imported, so no zone of its own: Riau's.
            #expect(try CityTimeZoneSetting.stored(for: Self.dumai, on: conn) == nil)
            var run = try await runRekap(["city", "time-zone", "--city", "14.72", "--database", url])
            #expect(run.status == 0 && run.stdout == "14.72 Kota Dumai: WIB (Asia/Jakarta), inherited from province 14 (none set for the city)\n", "\(run)")

            run = try await runRekap(["city", "time-zone", "--city", "14.72", "--set", "wita", "--database", url])
            #expect(run.status == 0 && run.stdout == "14.72 Kota Dumai: WITA (Asia/Makassar), set for the city\n", "\(run)")
            #expect(try CityTimeZoneSetting.zone(of: Self.dumai, on: conn) == .wita)
            run = try await runRekap(["city", "time-zone", "--city", "14.72", "--database", url])
            #expect(run.status == 0 && run.stdout == "14.72 Kota Dumai: WITA (Asia/Makassar), set for the city\n", "\(run)")

            // The IANA name works too, and the same zone as the province's is still the city's own.
            run = try await runRekap(["city", "time-zone", "--city", "14.72", "--set", "Asia/Jakarta", "--database", url])
            #expect(run.status == 0 && run.stdout == "14.72 Kota Dumai: WIB (Asia/Jakarta), set for the city\n", "\(run)")
            #expect(try CityTimeZoneSetting.stored(for: Self.dumai, on: conn) == .wib)

            run = try await runRekap(["city", "time-zone", "--city", "14.72", "--unset", "--database", url])
            #expect(run.status == 0 && run.stdout == "14.72 Kota Dumai: WIB (Asia/Jakarta), inherited from province 14 (none set for the city)\n", "\(run)")
            #expect(try CityTimeZoneSetting.stored(for: Self.dumai, on: conn) == nil)
        }
    }

    @Test(arguments: [
        (["--city", "14.72.02", "--set", "WIT"], 64, "--city: 14.72.02 is a kecamatan, not a kota or kabupaten"),
        (["--city", "14", "--set", "WIT"], 64, "--city: 14 is a provinsi, not a kota or kabupaten"),
        (["--city", "14.7", "--set", "WIT"], 64, "--city: \"14.7\" is not a region code"),
        (["--city", "14.72", "--set", "PST"], 64, "--set: \"PST\" is not an Indonesian time zone; use WIB, WITA or WIT"),
        (["--city", "14.72", "--set", "UTC+7"], 64, "--set: \"UTC+7\" is not an Indonesian time zone"),
        (["--city", "14.72", "--set", "WIT", "--unset"], 64, "--set and --unset cannot be given together"),
        (["--city", "14.71", "--set", "WIT"], 65, "--city: 14.71 is not in the region registry"),
    ])
    func whatIsNotACityOrAZoneIsRefused(arguments: [String], status: Int32, message: String) async throws {
        try await withCLIDatabase(label: #function, dumai: true) { url, conn in
            let run = try await runRekap(["city", "time-zone"] + arguments + ["--database", url])
            #expect(run.status == status && run.stderr.contains(message) && run.stdout.isEmpty, "\(run)")
            #expect(try conn.queryValue(Int.self, "SELECT count(*)::int FROM city_setting") == 0)
        }
    }
}

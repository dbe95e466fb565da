import Foundation
import PostgresLibPQ
import RekapDomain
import RekapStore
import RekapTestSupport
import Testing

/// `rekap obligations`: which periods a city's kecamatan and kelurahan owe, shown and set as users do.
@Suite(.timeLimit(.minutes(10))) struct ObligationsCommandTests {
    static let city = RegionCode("14.72")!

    @Test func showsTheDefaultSetsEachLevelAndReturnsToTheDefault() async throws {
        try await withCLIDatabase(label: #function, dumai: true) { url, conn in
            let shown = try await runRekap(["obligations", "--city", "14.72", "--database", url])
            #expect(shown.status == 0, "\(shown)")
            #expect(shown.stdout == "kecamatan: FY,Q1,Q2,Q3,Q4\nkelurahan: none\n", "\(shown)")

            let set = try await runRekap(["obligations", "--city", "14.72", "--kelurahan", "fy, Q4", "--kecamatan", "FY", "--database", url])
            #expect(set.status == 0, "\(set)")
            #expect(set.stdout == "kecamatan: FY\nkelurahan: FY,Q4\n", "\(set)")
            #expect(try ConsolidationSettings.reportingObligations(city: Self.city, on: conn)
                    == ReportingObligations(kecamatan: [.fy], kelurahan: [.fy, .q4]))

            let none = try await runRekap(["obligations", "--city", "14.72", "--kecamatan", "none", "--kelurahan", "default", "--database", url])
            #expect(none.stdout == "kecamatan: none\nkelurahan: none\n", "\(none)")
            #expect(try conn.queryValue(String.self, """
                SELECT coalesce(array_to_string(kecamatan_periods, ',', '?'), 'NULL') || '/' || coalesce(array_to_string(kelurahan_periods, ','), 'NULL')
                  FROM consolidation_setting WHERE city_code = '14.72'
                """) == "/NULL")
        }
    }

    @Test func badListsAndCitiesAreUsageErrorsAndStoreNothing() async throws {
        try await withCLIDatabase(label: #function, dumai: true) { url, conn in
            for (arguments, reason) in [
                (["--city", "14.72", "--kelurahan", "FY,Q5"], "\"Q5\" is not a period"),
                (["--city", "14.72.02", "--kelurahan", "FY"], "not a kota or kabupaten"),
                (["--city", "14.99", "--kelurahan", "FY"], "not in the region registry"),
            ] {
                let run = try await runRekap(["obligations"] + arguments + ["--database", url])
                #expect(run.status == 64, "\(run)")
                #expect(run.stderr.contains(reason), "\(arguments): \(run)")
            }
            #expect(try conn.queryValue(Int.self, "SELECT count(*) FROM consolidation_setting") == 0)
        }
    }
}

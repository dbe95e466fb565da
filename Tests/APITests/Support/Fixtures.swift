import Foundation
import RekapDomain
import RekapStore
import RekapTestSupport

/// Documents and feeds the API tests send.
enum Fixtures {
    /// The demo's FY 2023 report of a kecamatan of Dumai (`14.72.02` Dumai Timur, `14.72.03` Bukit Kapur...).
    static func demoSubmission(_ kecamatan: String) throws -> [UInt8] { try DemoSubmissions.bytes(kecamatan) }

    /// The smallest valid report of `region`.
    static func minimalSubmission(_ region: String, year: Int = 2023, period: String = "Q1") -> [UInt8] {
        Array(#"{"format":"rekap.submission/v1","region":"\#(region)","year":\#(year),"period":"\#(period)"}"#.utf8)
    }

    /// Synthetic PBB-P2 feeds (RekapStore's generator) for Dumai's kelurahan: (ketetapan, pembayaran).
    static func pbbFeeds(objects: Int, year: Int = 2023, seed: UInt64 = 7) throws -> (ketetapan: [UInt8], pembayaran: [UInt8]) {
        let csv = try String(contentsOf: RepositoryFiles.dumaiCSV, encoding: .utf8)
        let kelurahan = csv.split(separator: "\n").compactMap { line -> RegionCode? in
            guard let code = RegionCode(String(line.prefix { $0 != "," })), code.level == .desaKelurahan else { return nil }
            return code
        }
        var ketetapan = "", pembayaran = ""
        PBBFeedGenerator(kelurahan: kelurahan, year: year, objects: objects, seed: seed).generate { kind, line in
            if kind == .ketetapan { ketetapan += line + "\n" } else { pembayaran += line + "\n" }
        }
        return (Array(ketetapan.utf8), Array(pembayaran.utf8))
    }
}

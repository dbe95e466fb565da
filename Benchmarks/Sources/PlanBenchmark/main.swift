// The cost of storing a plan document or a report does not grow with the other regions' documents
// (issue #12): two databases in one cluster, one holding 10 regions' documents, the other 1,000
// regions' (real kecamatan codes from the national registry), each region with a Renstra, a PK murni,
// a PK perubahan and FY reports of two years, all stored through SubmissionStore.submitDocument, so
// their facts and cross findings are real. Then Dumai Timur's four seed documents are submitted again
// and again (each a byte-different new revision, so every one stores and re-evaluates its findings),
// taking turns between the two databases document by document, so a change in the machine's load
// affects both alike.
// Prints one `key=value` line per database and the ratio, for plan-documents.sh.
//
// usage: PlanBenchmark <url-small> <url-large> <fixtures-dir> <regions.csv> <rounds>
import Foundation
import PostgresLibPQ
import RekapDomain
import RekapStore

let args = CommandLine.arguments
guard args.count == 6, let rounds = Int(args[5]), rounds > 0 else {
    FileHandle.standardError.write(Data("usage: PlanBenchmark <url-small> <url-large> <fixtures-dir> <regions.csv> <rounds>\n".utf8))
    exit(64)
}
let fixtures = URL(fileURLWithPath: args[3])
func text(_ relative: String) throws -> String {
    String(decoding: try Data(contentsOf: fixtures.appendingPathComponent(relative)), as: UTF8.self)
}
let renstra = try text("plans/14.72.02-renstra-2022-2026.json")
let pkMurni = try text("plans/14.72.02-pk-murni-2023.json")
let pkPerubahan = try text("plans/14.72.02-pk-perubahan-2023.json")
let seedReport = try text("accepted/dumai-timur-2023.json")

/// A report of `region` with the seed's indicators and a small budget tree (no kelurahan named, so it
/// is valid for any kecamatan), for the background.
func report(_ region: String, year: Int) -> [UInt8] {
    Array("""
        {"format": "rekap.submission/v1", "region": "\(region)", "year": \(year), "period": "FY",
         "indicators": [
           {"code": "IKM", "name": "Indeks Kepuasan Masyarakat", "target": "87", "realisasi": "\(88 + year % 5)", "renstra_target": "90"},
           {"code": "PTPU", "name": "Persentase Pelaksanaan Tugas Pemerintahan Umum", "unit": "%", "target": "100", "realisasi": "98"},
           {"code": "PPKC", "name": "Persentase Pelaksanaan Pelayanan Kewenangan Kepada Camat", "unit": "%", "target": "100", "realisasi": "100"}],
         "budget": {"programs": [
           {"code": "7.01.02", "name": "Program Penyelenggaraan Pemerintahan dan Pelayanan Publik", "pagu_murni": "150000000",
            "kegiatan": [{"name": "Penyelenggaraan Urusan Pemerintahan", "sub_kegiatan": [
              {"name": "Fasilitasi", "belanja": "operasi", "pagu": "143512700", "realisasi": "138895000"}]}]},
           {"code": "7.01.03", "name": "Program Pemberdayaan Masyarakat Desa dan Kelurahan", "pagu_murni": "1398119300",
            "kegiatan": [{"name": "Pemberdayaan Kelurahan", "sub_kegiatan": [
              {"name": "Dana Kelurahan", "belanja": "operasi", "pagu": "1250000000", "realisasi": "1240000000"},
              {"name": "Evaluasi Kelurahan", "belanja": "operasi", "pagu": "48119300", "realisasi": "47000000"}]}]}]}}
        """.utf8)
}

/// Region `code`'s plan documents: the seed's, with the region replaced (they name no other region).
func plans(_ code: String) -> [[UInt8]] {
    [renstra, pkMurni, pkPerubahan].map { Array($0.replacingOccurrences(of: "\"14.72.02\"", with: "\"\(code)\"").utf8) }
}

func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}

func median(_ values: [Duration]) -> Double { seconds(values.sorted()[values.count / 2]) * 1000 }

let clock = ContinuousClock()
let small = try PGClient(url: args[1], options: .init(maxConnections: 4))
let large = try PGClient(url: args[2], options: .init(maxConnections: 4))

do {
    var kecamatan: [String] = []
    for client in [small, large] {
        try await Migrator().migrate(client)
        _ = try await RegionImporter().importFile(at: args[4], client: client)
    }
    kecamatan = try await large.query("SELECT code FROM region WHERE level = 3 AND code <> '14.72.02' ORDER BY code LIMIT 999")
        .map { try $0.decode(String.self, at: 0) }
    guard kecamatan.count == 999 else { throw PGError(kind: .usage, message: "the registry has \(kecamatan.count + 1) kecamatan, not 1,000") }

    // The background: 9 (+ Dumai Timur) regions' documents in one database, 999 (+ Dumai Timur) in the other,
    // four regions at a time.
    let fillStart = clock.now
    for (client, regions) in [(small, Array(kecamatan.prefix(9))), (large, kecamatan)] {
        let store = SubmissionStore(client: client)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for worker in 0..<4 {
                group.addTask {
                    for code in stride(from: worker, to: regions.count, by: 4).map({ regions[$0] }) {
                        for bytes in plans(code) + [report(code, year: 2022), report(code, year: 2023)] {
                            let outcome = try await store.submitDocument(bytes: bytes)
                            guard outcome.id != nil else { throw PGError(kind: .usage, message: "\(code) refused: \(outcome.problems)") }
                        }
                    }
                }
            }
            try await group.waitForAll()
        }
    }
    let fillSeconds = seconds(clock.now - fillStart)

    // The measured documents: Dumai Timur's, byte-different each round (a Renstra, a PK murni, a PK
    // perubahan, the LKjIP), every one a new revision.
    func measured(_ round: Int) -> [(String, [UInt8])] {
        let mark = " (\(round))"
        return [
            ("renstra", Array(renstra.replacingOccurrences(of: "\"SKM dari Bagian Ortal\"", with: "\"SKM dari Bagian Ortal\(mark)\"").utf8)),
            ("pk_murni", Array(pkMurni.replacingOccurrences(of: "\"jabatan\": \"Camat Dumai Timur\"", with: "\"jabatan\": \"Camat Dumai Timur\(mark)\"").utf8)),
            ("pk_perubahan", Array(pkPerubahan.replacingOccurrences(of: "\"jabatan\": \"Camat Dumai Timur\"", with: "\"jabatan\": \"Camat Dumai Timur\(mark)\"").utf8)),
            ("report", Array(seedReport.replacingOccurrences(of: "\"by\": \"ZAINUR, SH\"", with: "\"by\": \"ZAINUR, SH\(mark)\"").utf8)),
        ]
    }
    let stores = [SubmissionStore(client: small), SubmissionStore(client: large)]
    for store in stores { for (_, bytes) in measured(-1) { _ = try await store.submitDocument(bytes: bytes) } } // warm up
    var times: [[String: [Duration]]] = [[:], [:]]
    for round in 0..<rounds {
        for (kind, bytes) in measured(round) {
            // Alternate which database goes first.
            for which in (round % 2 == 0 ? [0, 1] : [1, 0]) {
                let start = clock.now
                let outcome = try await stores[which].submitDocument(bytes: bytes)
                times[which][kind, default: []].append(clock.now - start)
                guard outcome.id != nil, outcome.problems.isEmpty else { throw PGError(kind: .usage, message: "\(kind) not stored: \(outcome.problems)") }
            }
        }
    }
    var counts: [String] = []
    for (name, client) in [("small", small), ("large", large)] {
        let row = try await client.query("""
            SELECT (SELECT count(DISTINCT region_code) FROM plan_document) AS regions, (SELECT count(*) FROM plan_document) AS plans,
                   (SELECT count(*) FROM submission) AS reports, (SELECT count(*) FROM cross_finding) AS cross
            """)[0]
        counts.append("\(name)_regions=\(try row.decode(Int.self, column: "regions")) \(name)_plan_documents=\(try row.decode(Int.self, column: "plans")) \(name)_reports=\(try row.decode(Int.self, column: "reports")) \(name)_cross_findings=\(try row.decode(Int.self, column: "cross"))")
    }
    print(counts.joined(separator: " ") + String(format: " fill_seconds=%.1f", fillSeconds))
    for kind in ["renstra", "pk_murni", "pk_perubahan", "report"] {
        let a = median(times[0][kind]!), b = median(times[1][kind]!)
        print(String(format: "%@ median_ms_10=%.2f median_ms_1000=%.2f ratio=%.3f", kind, a, b, b / a))
    }
    let all0 = median(times[0].values.flatMap { $0 }), all1 = median(times[1].values.flatMap { $0 })
    print(String(format: "all median_ms_10=%.2f median_ms_1000=%.2f ratio=%.3f", all0, all1, all1 / all0))
    await small.close()
    await large.close()
} catch {
    FileHandle.standardError.write(Data("PlanBenchmark: \(error)\n".utf8))
    await small.close()
    await large.close()
    exit(1)
}

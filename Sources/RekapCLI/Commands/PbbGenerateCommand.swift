import ArgumentParser
import Foundation
import RekapDomain
import RekapStore

/// `rekap pbb generate`: reproducible synthetic ketetapan.csv and pembayaran.csv over the real
/// kelurahan and desa under a region, for demos and benchmarks.
struct PbbGenerateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Writes reproducible synthetic PBB-P2 feeds (ketetapan.csv, pembayaran.csv)."
    )

    @Option(help: ArgumentHelp("A regions CSV (code,name,level,parent_code).", valueName: "FILE.csv"))
    var regions: String

    @Option(help: ArgumentHelp("Generate for the kelurahan and desa under this region, e.g. 14.72 or 14.", valueName: "CODE"))
    var under: String

    @Option(help: "The tax year.")
    var year: Int

    @Option(help: "How many tax objects (ketetapan rows).")
    var objects: Int

    @Option(help: "The seed: the same seed and options give the same files.")
    var seed: UInt64 = 1

    @Option(help: ArgumentHelp("The folder to write into (created if missing).", valueName: "DIR"))
    var out: String

    func validate() throws {
        guard RegionCode(under) != nil else { throw ValidationError("--under must be a region code such as 14.72") }
        guard PBBFeedRowChecker.years.contains(year) else {
            throw ValidationError("--year must be from \(PBBFeedRowChecker.years.lowerBound) to \(PBBFeedRowChecker.years.upperBound)")
        }
        guard objects >= 0 else { throw ValidationError("--objects must not be negative") }
    }

    func run() async throws {
        let kelurahan: [RegionCode]
        do {
            kelurahan = try Self.kelurahan(under: RegionCode(parsing: under), regionsFile: regions)
        } catch let error as ByteSourceError {
            Console.error("rekap: cannot read \(error)")
            throw ExitStatus.usage
        }
        guard !kelurahan.isEmpty else {
            Console.error("rekap: \(regions) has no kelurahan or desa under \(under)")
            throw ExitStatus.rejected
        }
        do {
            try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        } catch {
            Console.error("rekap: cannot create \(out): \(error.localizedDescription)")
            throw ExitStatus.usage
        }
        let written: PBBFeedFiles
        do {
            written = try PBBFeedFiles.write(
                PBBFeedGenerator(kelurahan: kelurahan, year: year, objects: objects, seed: seed), into: out)
        } catch let error as LineWriter.Failure {
            Console.error("rekap: cannot write \(error.path): \(error.reason)")
            throw ExitStatus.usage
        }
        print("\(written.ketetapan): \(written.ketetapanRows) ketetapan over \(kelurahan.count) kelurahan/desa")
        print("\(written.pembayaran): \(written.pembayaranRows) pembayaran")
    }

    /// The level-4 codes under `region` in a regions CSV, streamed (the national file has 90,000 rows).
    static func kelurahan(under region: RegionCode, regionsFile: String) throws -> [RegionCode] {
        var source = try FileSource(path: regionsFile)
        var codes: [RegionCode] = []
        let prefix = region.text + "."
        try CSVReader().forEachRecord(from: &source) { record in
            guard record.line > 1, record.count >= 3, record.string(2) == "4" else { return }
            let code = record.string(0)
            if code.hasPrefix(prefix), let parsed = RegionCode(code) { codes.append(parsed) }
        }
        return codes
    }
}

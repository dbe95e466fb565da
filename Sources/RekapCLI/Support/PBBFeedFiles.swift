import Foundation
import RekapStore

/// A generated pair of PBB-P2 feed files (`ketetapan.csv`, `pembayaran.csv`), as `rekap pbb
/// generate` and `rekap demo` write them.
struct PBBFeedFiles {
    let ketetapan: String
    let pembayaran: String
    let ketetapanRows: Int
    let pembayaranRows: Int

    /// Streams `generator`'s lines into the two files under `folder` (never the whole feed in memory).
    static func write(_ generator: PBBFeedGenerator, into folder: String) throws -> PBBFeedFiles {
        let ketetapanPath = (folder as NSString).appendingPathComponent("ketetapan.csv")
        let pembayaranPath = (folder as NSString).appendingPathComponent("pembayaran.csv")
        let ketetapanFile = try LineWriter(path: ketetapanPath)
        let pembayaranFile = try LineWriter(path: pembayaranPath)
        var lines = (ketetapan: 0, pembayaran: 0)
        try generator.generate { kind, line in
            switch kind {
            case .ketetapan:
                try ketetapanFile.write(line)
                lines.ketetapan += 1
            case .pembayaran:
                try pembayaranFile.write(line)
                lines.pembayaran += 1
            }
        }
        try ketetapanFile.close()
        try pembayaranFile.close()
        // Both files start with a header line.
        return PBBFeedFiles(
            ketetapan: ketetapanPath, pembayaran: pembayaranPath,
            ketetapanRows: lines.ketetapan - 1, pembayaranRows: lines.pembayaran - 1)
    }
}

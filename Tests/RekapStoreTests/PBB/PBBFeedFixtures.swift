import Foundation
import RekapDomain
import RekapStore
import RekapTestSupport

/// Synthetic feeds over Dumai's 36 kelurahan, as lines (header first), for loader tests.
struct GeneratedFeeds {
    var ketetapan: [String] = []
    var pembayaran: [String] = []

    static let dumaiKelurahan: [RegionCode] = {
        let text = try! String(contentsOf: RepositoryFiles.dumaiCSV, encoding: .utf8)
        return text.split(separator: "\n").dropFirst().compactMap { line in
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            return fields[2] == "4" ? RegionCode(String(fields[0])) : nil
        }
    }()

    init(objects: Int, seed: UInt64, year: Int = 2023) {
        PBBFeedGenerator(kelurahan: Self.dumaiKelurahan, year: year, objects: objects, seed: seed).generate { kind, line in
            switch kind {
            case .ketetapan: ketetapan.append(line)
            case .pembayaran: pembayaran.append(line)
            }
        }
    }

    /// Data lines split into fields.
    static func rows(_ lines: [String]) -> [[String]] {
        lines.dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    }
}

/// A feed whose bytes are `lines` joined with `\n` (and a final line end). Like a file, it can be
/// read again (so the loader may copy it straight into its table) unless `canReopen` is false (a
/// request body: always staged).
func memoryFeed(_ kind: PBBFeedKind, _ name: String, _ lines: [String], lineEnd: String = "\n", canReopen: Bool = true) -> PBBFeed {
    let bytes = Array(lines.map { $0 + lineEnd }.joined().utf8)
    return PBBFeed(kind: kind, name: name, canReopen: canReopen) { MemorySource(bytes, maxRead: 100_000) }
}

func memoryFeed(_ kind: PBBFeedKind, _ name: String, text: String) -> PBBFeed {
    PBBFeed(kind: kind, name: name, canReopen: true) { MemorySource(text) }
}

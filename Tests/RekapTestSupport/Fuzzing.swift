import Foundation
import RekapDomain

/// A deterministic, seeded mutation fuzzer for the parsers that take outside bytes (submission
/// JSON, the PBB-P2 CSV feeds, and any later intake format: give it that format's fixtures as the
/// corpus and its separators and keywords as the dictionary).
///
/// Each case is a corpus file changed by 1 to 4 mutations (bit flips, interesting bytes, dictionary
/// tokens, deletions, repeated ranges, splices with another file, truncation). Case `n` of a seed
/// is the same on every machine (``SplitMix64``), so a failure names its seed and case number and is
/// replayed with ``FuzzCampaign/input(case:)``. The number of cases is fixed for CI and raised by
/// hand with `REKAP_FUZZ_ITERATIONS` (e.g. `REKAP_FUZZ_ITERATIONS=200000 swift test --filter Fuzz`).
public struct FuzzCampaign: Sendable {
    /// The files mutated, as bytes (never empty).
    public let corpus: [[UInt8]]
    /// Tokens worth splicing in for this format (keys, separators, edge values).
    public let dictionary: [[UInt8]]
    public let seed: UInt64
    /// How many cases ``run(_:)`` tries.
    public let iterations: Int

    /// The environment variable that overrides `defaultIterations`.
    public static let iterationsVariable = "REKAP_FUZZ_ITERATIONS"

    public init(corpus: [[UInt8]], dictionary: [String], seed: UInt64, defaultIterations: Int) {
        precondition(!corpus.isEmpty, "a fuzz corpus needs at least one file")
        self.corpus = corpus
        self.dictionary = dictionary.map { Array($0.utf8) }
        self.seed = seed
        let given = ProcessInfo.processInfo.environment[Self.iterationsVariable].flatMap { Int($0) }
        self.iterations = max(1, given ?? defaultIterations)
    }

    /// Runs `body` on every case in order, with its number; stops at the first error `body` throws.
    public func run(_ body: (_ input: [UInt8], _ case: Int) throws -> Void) rethrows {
        for number in 0..<iterations { try body(input(case: number), number) }
    }

    /// The bytes of case `number`: the same for the same corpus, dictionary and seed.
    public func input(case number: Int) -> [UInt8] {
        var random = SplitMix64(seed: seed &+ UInt64(number) &* 0x9E37_79B9_7F4A_7C15)
        var bytes = corpus[random.below(corpus.count)]
        for _ in 0..<random.within(1...4) { mutate(&bytes, &random) }
        return bytes
    }

    /// Bytes that break parsers: NUL, control characters, DEL, invalid UTF-8 leads, quotes,
    /// separators, signs and digits.
    static let interestingBytes: [UInt8] = [
        0x00, 0x01, 0x09, 0x0A, 0x0D, 0x1F, 0x7F, 0x80, 0xC0, 0xED, 0xF4, 0xFF,
        UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: ","), UInt8(ascii: "."), UInt8(ascii: "-"),
        UInt8(ascii: "e"), UInt8(ascii: "0"), UInt8(ascii: "9"), UInt8(ascii: "{"), UInt8(ascii: "["),
    ]

    private func mutate(_ bytes: inout [UInt8], _ random: inout SplitMix64) {
        let position = bytes.isEmpty ? 0 : random.below(bytes.count + 1)
        switch random.below(8) {
        case 0 where !bytes.isEmpty:  // flip a bit
            let index = min(position, bytes.count - 1)
            bytes[index] ^= UInt8(1 << random.below(8))
        case 1 where !bytes.isEmpty:  // an interesting byte in place of one
            bytes[min(position, bytes.count - 1)] = Self.interestingBytes[random.below(Self.interestingBytes.count)]
        case 2 where !dictionary.isEmpty:  // a token of the format
            bytes.insert(contentsOf: dictionary[random.below(dictionary.count)], at: position)
        case 3 where !bytes.isEmpty:  // delete a range
            let count = min(bytes.count - min(position, bytes.count - 1), random.within(1...64))
            bytes.removeSubrange(min(position, bytes.count - 1)..<min(position, bytes.count - 1) + count)
        case 4 where !bytes.isEmpty:  // repeat a range, up to some thousands of times (amplification)
            let start = min(position, bytes.count - 1)
            let slice = Array(bytes[start..<min(bytes.count, start + random.within(1...32))])
            let times = random.chance(10) ? random.within(100...5_000) : random.within(1...8)
            bytes.insert(contentsOf: Array([[UInt8]](repeating: slice, count: times).joined()), at: start)
        case 5:  // splice: this file's head with another's tail
            let other = corpus[random.below(corpus.count)]
            let cut = other.isEmpty ? 0 : random.below(other.count)
            bytes = Array(bytes[..<position]) + other[cut...]
        case 6:  // truncate
            bytes.removeSubrange(position...)
        default:  // an interesting byte inserted
            bytes.insert(Self.interestingBytes[random.below(Self.interestingBytes.count)], at: position)
        }
    }
}

extension FuzzCampaign {
    /// ``run(_:)`` for a body that awaits (requests to a real server).
    public func runAsync(_ body: (_ input: [UInt8], _ case: Int) async throws -> Void) async rethrows {
        for number in 0..<iterations { try await body(input(case: number), number) }
    }
}

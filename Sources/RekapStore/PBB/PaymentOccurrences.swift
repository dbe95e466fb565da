#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Occurrence numbers (`pbb_pembayaran.seq`) for payments copied straight into the table, counted
/// while the file streams, in bounded memory.
///
/// Identical rows are counted only among the consecutive lines of one object and year, where
/// exports put an object's payments (two equal instalments on one day). A repeat further away
/// gets a number lower than its true one, never higher, so whenever a number is wrong two rows
/// share a primary key and the table refuses them: the loader then numbers the file in SQL
/// (`row_number()` on the staged lines). Rows compare by their bytes, so rows equal only in value
/// (`0100` and `100`) end the same way.
struct PaymentOccurrences {
    /// Lines of the current run remembered for comparison; later ones are numbered as if new.
    static let maxRemembered = 64

    /// NOP and tahun of the current run.
    private var runKey: [UInt8] = []
    /// The run's records back to back; `ends[i]` is where record i ends.
    private var records: [UInt8] = []
    private var ends: [Int] = []

    init() {
        runKey.reserveCapacity(32)
        records.reserveCapacity(4096)
        ends.reserveCapacity(Self.maxRemembered)
    }

    /// The occurrence number of a valid payment line: 1 + the identical lines before it in its run.
    mutating func next(_ record: CSVRecord) -> Int {
        let nop = record[0], tahun = record[1]
        if !(runKey.count == nop.count + tahun.count
            && runKey.prefix(nop.count).elementsEqual(nop) && runKey.dropFirst(nop.count).elementsEqual(tahun))
        {
            runKey.removeAll(keepingCapacity: true)
            runKey.append(contentsOf: nop)
            runKey.append(contentsOf: tahun)
            records.removeAll(keepingCapacity: true)
            ends.removeAll(keepingCapacity: true)
        }
        let raw = record.raw
        var occurrence = 1
        records.withUnsafeBytes { stored in
            var start = 0
            for end in ends {
                if end - start == raw.count, memcmp(stored.baseAddress! + start, raw.baseAddress!, raw.count) == 0 {
                    occurrence += 1
                }
                start = end
            }
        }
        if ends.count < Self.maxRemembered {
            records.append(contentsOf: raw)
            ends.append(records.count)
        }
        return occurrence
    }
}

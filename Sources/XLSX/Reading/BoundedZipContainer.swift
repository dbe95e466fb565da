import Foundation
import ZIPFoundation

/// The zip container of a workbook, opened with ZIPFoundation from the bytes received, whose
/// parts are inflated within ``XLSXReadLimits``: each part's and the total inflated size and the
/// inflation ratio are counted chunk by chunk while inflating, so a zip bomb stops at the bound
/// whatever its headers say.
struct BoundedZipContainer {
    private let archive: Archive
    let limits: XLSXReadLimits
    /// Inflated bytes of every part read so far.
    private(set) var totalBytes = 0

    /// Opens `data`, after telling apart what is not a zip: an OLE compound file (old `.xls` or a
    /// password-protected workbook), text (a CSV renamed), anything else.
    init(data: Data, limits: XLSXReadLimits) throws(XLSXReadError) {
        guard data.count <= limits.maxFileBytes else {
            throw .tooLarge(part: nil, reason: "berkas \(grouped(data.count)) byte, paling besar \(grouped(limits.maxFileBytes)) byte")
        }
        try Self.checkSignature(data)
        // Opened from a file, not from memory: ZIPFoundation's in-memory file traps (a range with
        // lowerBound > upperBound) when a damaged header points past the end, which a hostile upload
        // must never do to the server; reading a file past its end is only a short read. The file is
        // unlinked at once: the open stream keeps it until the archive is released.
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("rekap-xlsx-\(UUID().uuidString).zip")
        do {
            try data.write(to: file)
        } catch {
            throw .malformed(part: "(berkas)", reason: "tidak dapat disimpan sementara untuk dibaca")
        }
        defer { try? FileManager.default.removeItem(at: file) }
        do {
            archive = try Archive(url: file, accessMode: .read)
        } catch {
            throw .notAWorkbook(looksLike: "arsip zip yang rusak")
        }
        self.limits = limits
    }

    /// The first bytes say what the file is: `PK\3\4` a zip; `D0 CF 11 E0` an OLE compound file.
    static func checkSignature(_ data: Data) throws(XLSXReadError) {
        let head = Array(data.prefix(8))
        if head.starts(with: [0x50, 0x4B, 0x03, 0x04]) { return }
        if head.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
            // An encrypted OOXML package is an OLE file with an "EncryptedPackage" stream (its
            // directory entry names are UTF-16LE); otherwise it is a BIFF .xls.
            let marker = Data("EncryptedPackage".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
            throw data.range(of: marker) != nil ? .passwordProtected : .legacyXLS
        }
        if data.isEmpty { throw .notAWorkbook(looksLike: "kosong") }
        let sample = data.prefix(4096)
        let isText = sample.allSatisfy { $0 == 0x09 || $0 == 0x0A || $0 == 0x0D || $0 >= 0x20 }
            && String(data: sample, encoding: .utf8) != nil
        if isText {
            let text = String(decoding: sample, as: UTF8.self)
            let firstLine = text.prefix { $0 != "\n" && $0 != "\r" }
            if firstLine.contains(",") || firstLine.contains(";") || firstLine.contains("\t") {
                throw .notAWorkbook(looksLike: "teks CSV (berkas CSV yang diganti namanya menjadi .xlsx)")
            }
            throw .notAWorkbook(looksLike: "teks biasa")
        }
        throw .notAWorkbook(looksLike: nil)
    }

    /// Whether the container has a part at `path`.
    func contains(_ path: String) -> Bool { archive[path] != nil }

    /// The inflated bytes of the part at `path`, nil when there is none. `onChunk` sees each chunk
    /// of inflated bytes as it arrives and may return a reason to stop inflating (a sheet's row count).
    mutating func read(_ path: String, onChunk: ((Data) -> XLSXReadError?)? = nil) throws(XLSXReadError) -> Data? {
        guard let entry = archive[path] else { return nil }
        let limits = self.limits
        guard entry.uncompressedSize <= UInt64(limits.maxPartBytes) else {
            throw .tooLarge(part: path, reason: "bagian ini \(grouped(Int(clamping: entry.uncompressedSize))) byte setelah dibuka")
        }
        let compressed = max(1, Int(clamping: entry.compressedSize))
        var collected = Data()
        let alreadyRead = totalBytes
        var failure: XLSXReadError?
        do {
            _ = try archive.extract(entry, skipCRC32: false) { chunk in
                collected.append(chunk)
                let size = collected.count
                if size > limits.maxPartBytes {
                    failure = .tooLarge(part: path, reason: "bagian ini lebih dari \(grouped(limits.maxPartBytes)) byte setelah dibuka")
                } else if alreadyRead + size > limits.maxTotalBytes {
                    failure = .tooLarge(part: path, reason: "seluruh isi lebih dari \(grouped(limits.maxTotalBytes)) byte setelah dibuka")
                } else if size > limits.ratioGraceBytes, size / compressed > limits.maxInflationRatio {
                    failure = .tooLarge(part: path, reason: "rasio pemampatan lebih dari \(limits.maxInflationRatio):1 (bom zip)")
                } else if let onChunk {
                    failure = onChunk(chunk)
                }
                if failure != nil { throw CancellationError() }
            }
        } catch {
            if let failure { throw failure }
            throw .malformed(part: path, reason: "tidak dapat dibuka dari arsip zip")
        }
        totalBytes += collected.count
        return collected
    }
}

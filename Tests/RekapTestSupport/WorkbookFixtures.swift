import Foundation
import ZIPFoundation

/// Workbooks made at test time: filled by openpyxl (Tests/RekapWorkbookTests/Scripts/fill_workbook.py),
/// re-saved by LibreOffice (`soffice --headless --convert-to xlsx`), or put together part by part
/// (hand-written XML in a zip made with ZIPFoundation) for what those programs do not write: inline
/// strings, 17-digit numbers, entity declarations, bombs. No binary fixture is committed.
public enum WorkbookFixtures {
    /// The openpyxl script.
    public static let fillScript = RepositoryFiles.url("Tests/RekapWorkbookTests/Scripts/fill_workbook.py")

    /// python3 with openpyxl (Debian: python3-openpyxl; PyPI: openpyxl), checked once.
    public static let hasOpenpyxl: Bool = {
        guard let python = executable("python3") else { return false }
        let process = Process()
        process.executableURL = python
        process.arguments = ["-c", "import openpyxl"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }()

    /// LibreOffice's `soffice` (Debian: libreoffice-calc-nogui).
    public static let soffice: URL? = executable("soffice")

    /// A report workbook filled by openpyxl from the JSON `document` (a file), with the script's
    /// `variants` (`messy`, `region=…`, `layout=…`, `nometa`, `nosheet=…`).
    public static func openpyxl(document: URL, variants: [String] = [], in folder: URL) async throws -> URL {
        let out = folder.appendingPathComponent("openpyxl-\(UUID().uuidString).xlsx")
        let result = try await tool("/usr/bin/env", ["python3", fillScript.path, document.path, out.path] + variants, within: .seconds(60))
        guard result.status == 0 else { throw FixtureFailed(what: "fill_workbook.py", output: result.stderr) }
        return out
    }

    /// `xlsx` opened and saved again by LibreOffice headless, as an office using LibreOffice sends it.
    public static func libreOffice(_ xlsx: URL, in folder: URL) async throws -> URL {
        guard let soffice else { throw FixtureFailed(what: "soffice", output: "not installed") }
        let out = folder.appendingPathComponent("libreoffice-\(UUID().uuidString)")
        // A profile of its own, so parallel runs never share LibreOffice's lock.
        let profile = "file://" + folder.appendingPathComponent("lo-profile-\(UUID().uuidString)").path
        let result = try await tool(soffice.path, ["-env:UserInstallation=" + profile, "--headless", "--convert-to",
                                                  "xlsx:Calc MS Excel 2007 XML", "--outdir", out.path, xlsx.path], within: .seconds(180))
        let converted = out.appendingPathComponent(xlsx.lastPathComponent)
        guard result.status == 0, FileManager.default.fileExists(atPath: converted.path) else {
            throw FixtureFailed(what: "soffice --convert-to xlsx", output: result.stdout + result.stderr)
        }
        return converted
    }

    /// A zip of `parts` (path → content), deflated, in memory.
    public static func zip(_ parts: [(path: String, data: Data)]) throws -> Data {
        let archive = try Archive(data: Data(), accessMode: .create)
        for part in parts {
            try archive.addEntry(with: part.path, type: .file, uncompressedSize: Int64(part.data.count), compressionMethod: .deflate,
                                 provider: { position, size in part.data.subdata(in: Int(position)..<Int(position) + size) })
        }
        guard let data = archive.data else { throw FixtureFailed(what: "zip", output: "no data") }
        return data
    }

    /// A zip whose part at `path` is `head`, `chunks` pieces made by `chunk` (all of one size), then
    /// `tail` (a bomb, a huge sheet), next to `parts`; deflated while written, never held whole.
    public static func zip(_ parts: [(path: String, data: Data)], streaming path: String, head: Data = Data(), chunk: (Int) -> Data,
                           chunks: Int, tail: Data = Data()) throws -> Data {
        let archive = try Archive(data: Data(), accessMode: .create)
        for part in parts {
            try archive.addEntry(with: part.path, type: .file, uncompressedSize: Int64(part.data.count), compressionMethod: .deflate,
                                 provider: { position, size in part.data.subdata(in: Int(position)..<Int(position) + size) })
        }
        // The provider asks for ranges by position: each is put together from head, the chunk(s) it
        // covers (the last one made is kept) and tail.
        let chunkSize = chunk(0).count
        let total = head.count + tail.count + chunkSize * chunks
        var cached: (index: Int, data: Data) = (0, chunk(0))
        try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(total), compressionMethod: .deflate,
                             bufferSize: 64 * 1024, provider: { position, size in
            var piece = Data(capacity: size)
            var at = Int(position)
            let end = min(total, at + size)
            while at < end {
                if at < head.count {
                    let slice = head[at..<min(head.count, end)]
                    piece.append(slice)
                    at += slice.count
                } else if at < head.count + chunkSize * chunks {
                    let index = (at - head.count) / chunkSize
                    if cached.index != index { cached = (index, chunk(index)) }
                    let offset = (at - head.count) % chunkSize
                    let count = min(chunkSize - offset, end - at)
                    piece.append(cached.data[(cached.data.startIndex + offset)..<(cached.data.startIndex + offset + count)])
                    at += count
                } else {
                    let offset = at - head.count - chunkSize * chunks
                    let count = min(tail.count - offset, end - at)
                    piece.append(tail[(tail.startIndex + offset)..<(tail.startIndex + offset + count)])
                    at += count
                }
            }
            return piece
        })
        guard let data = archive.data else { throw FixtureFailed(what: "zip", output: "no data") }
        return data
    }

    /// A workbook of one sheet per entry (name → `<sheetData>` XML, without the element itself),
    /// with `sharedStrings` and `styles` parts when given; `hidden` names hidden sheets and
    /// `extraSheetXML` goes after sheetData (merge cells).
    public static func workbook(sheets: [(name: String, rows: String)], sharedStrings: [String]? = nil, styles: String? = nil,
                                hidden: Set<String> = [], afterSheetData: [String: String] = [:], date1904: Bool = false,
                                workbookPrefix: String = "") throws -> Data {
        try zip(workbookParts(sheets: sheets, sharedStrings: sharedStrings, styles: styles, hidden: hidden,
                              afterSheetData: afterSheetData, date1904: date1904, workbookPrefix: workbookPrefix))
    }

    public static func workbookParts(sheets: [(name: String, rows: String)], sharedStrings: [String]? = nil, styles: String? = nil,
                                     hidden: Set<String> = [], afterSheetData: [String: String] = [:], date1904: Bool = false,
                                     workbookPrefix: String = "") -> [(path: String, data: Data)] {
        let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
        let rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        var parts: [(String, String)] = []
        parts.append(("[Content_Types].xml", """
            <?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
            <Default Extension="xml" ContentType="application/xml"/></Types>
            """))
        parts.append(("_rels/.rels", """
            <?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
            <Relationship Id="rId1" Type="\(rel)/officeDocument" Target="xl/workbook.xml"/></Relationships>
            """))
        var sheetList = ""
        var rels = ""
        for (index, sheet) in sheets.enumerated() {
            let state = hidden.contains(sheet.name) ? " state=\"hidden\"" : ""
            sheetList += "<sheet name=\"\(sheet.name)\" sheetId=\"\(index + 1)\"\(state) r:id=\"rId\(index + 1)\"/>"
            rels += "<Relationship Id=\"rId\(index + 1)\" Type=\"\(rel)/worksheet\" Target=\"worksheets/sheet\(index + 1).xml\"/>"
            parts.append(("xl/worksheets/sheet\(index + 1).xml", """
                <?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="\(main)" xmlns:r="\(rel)"><sheetData>\(sheet.rows)</sheetData>\
                \(afterSheetData[sheet.name] ?? "")</worksheet>
                """))
        }
        if let sharedStrings {
            rels += "<Relationship Id=\"rIdS\" Type=\"\(rel)/sharedStrings\" Target=\"sharedStrings.xml\"/>"
            parts.append(("xl/sharedStrings.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><sst xmlns=\"\(main)\">"
                          + sharedStrings.map { $0.hasPrefix("<") ? "<si>\($0)</si>" : "<si><t>\($0)</t></si>" }.joined() + "</sst>"))
        }
        if let styles {
            rels += "<Relationship Id=\"rIdY\" Type=\"\(rel)/styles\" Target=\"/xl/styles.xml\"/>"
            parts.append(("xl/styles.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><styleSheet xmlns=\"\(main)\">\(styles)</styleSheet>"))
        }
        parts.append(("xl/workbook.xml", """
            <?xml version="1.0" encoding="UTF-8"?>\(workbookPrefix)<workbook xmlns="\(main)" xmlns:r="\(rel)">\
            <workbookPr date1904="\(date1904 ? 1 : 0)"/><sheets>\(sheetList)</sheets></workbook>
            """))
        parts.append(("xl/_rels/workbook.xml.rels", """
            <?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\(rels)</Relationships>
            """))
        return parts.map { ($0.0, Data($0.1.utf8)) }
    }

    /// An OLE compound file's first bytes with a directory entry named `stream` (UTF-16LE), as an
    /// old `.xls` ("Workbook") or a password-protected workbook ("EncryptedPackage") begins: what
    /// a reader must recognise by. (Generating a real encrypted workbook needs tools the test
    /// machine does not have; the reader decides on these bytes alone.)
    public static func oleFile(stream: String) -> Data {
        var data = Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1])
        data.append(Data(repeating: 0, count: 504))
        data.append(Data(stream.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }))
        data.append(Data(repeating: 0, count: 1024))
        return data
    }

    /// Runs a program that is not one of rekap's (python3, soffice) to its end, killed after `timeout`
    /// (the one runner: ``SpreadsheetTools/tool(_:_:within:)``).
    public static func tool(_ path: String, _ arguments: [String], within timeout: Duration) async throws -> (status: Int32, stdout: String, stderr: String) {
        try await SpreadsheetTools.tool(path, arguments, within: timeout)
    }

    private static func executable(_ name: String) -> URL? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for folder in path.split(separator: ":") {
            let candidate = URL(fileURLWithPath: String(folder)).appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return nil
    }
}

/// A fixture program failed.
public struct FixtureFailed: Error, CustomStringConvertible {
    public let what: String
    public let output: String
    public init(what: String, output: String) {
        self.what = what
        self.output = output
    }
    public var description: String { "\(what) failed: \(output)" }
}

extension WorkbookFixtures {
    /// The JSON `rekap convert` prints for `workbook` (without the final newline), through the built binary.
    public static func convertedJSON(_ workbook: [UInt8]) async throws -> String {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("convert-\(UUID().uuidString).xlsx")
        try Data(workbook).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let result = try await run("rekap", ["convert", file.path], within: .seconds(60))
        guard result.termination == .exited(0) else { throw FixtureFailed(what: "rekap convert", output: result.stderr) }
        return String(result.stdout.dropLast())
    }
}

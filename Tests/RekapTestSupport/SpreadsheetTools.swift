import Foundation

/// Real spreadsheet programs, to check that rekap's workbooks are valid beyond rekap's own reading:
/// openpyxl (PyPI) and LibreOffice headless. Each answers nil when the tool is missing, so a test can
/// skip with a message (CI installs both: .ci/run).
public enum SpreadsheetTools {
    /// What openpyxl sees in a workbook: `sheets` in order, each with `name`, `state`, `freeze`,
    /// `protected`, `validations` (`[sqref, formula1]`), `merged`, `widths` (letter → width) and
    /// `cells` (coordinate → `{v, t, f, locked, bold, indent}`; `v` as Python's `str`, `t` openpyxl's
    /// data type: `n` number, `s` text, `f` formula, `d` date).
    public static func openpyxl(_ file: URL) async throws -> [String: Any]? {
        let script = FileManager.default.temporaryDirectory.appendingPathComponent("rekap-openpyxl-\(UUID().uuidString).py")
        try Data(describeScript.utf8).write(to: script)
        defer { try? FileManager.default.removeItem(at: script) }
        let result = try await tool("/usr/bin/env", ["python3", script.path, file.path], within: .seconds(120))
        if result.stderr.contains("No module named 'openpyxl'") { return nil }
        guard result.status == 0 else {
            throw ToolFailed(description: "openpyxl could not load \(file.lastPathComponent): \(result.stderr)")
        }
        return try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
    }

    /// Converts `file` to PDF with LibreOffice headless; returns soffice's output, nil when LibreOffice
    /// is not installed. Throws when the conversion fails or writes no PDF.
    public static func libreOfficePDF(_ file: URL) async throws -> URL? {
        guard let soffice = ["/usr/bin/soffice", "/usr/local/bin/soffice", "/usr/lib/libreoffice/program/soffice"]
            .first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else { return nil }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rekap-soffice-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        // A profile of its own: parallel runs never share (or lock) one.
        let profile = "file://" + folder.appendingPathComponent("profile").path
        let result = try await tool(soffice, ["-env:UserInstallation=" + profile, "--headless", "--convert-to", "pdf",
                                              "--outdir", folder.path, file.path], within: .seconds(180))
        let pdf = folder.appendingPathComponent(file.deletingPathExtension().lastPathComponent + ".pdf")
        guard result.status == 0, FileManager.default.fileExists(atPath: pdf.path) else {
            throw ToolFailed(description: "LibreOffice did not convert \(file.lastPathComponent): \(result.status) \(result.stdout) \(result.stderr)")
        }
        return pdf
    }

    /// Runs a program of the system (not one of rekap's) to completion, its output in files; killed
    /// after `timeout`.
    public static func tool(_ path: String, _ arguments: [String], within timeout: Duration) async throws -> (status: Int32, stdout: String, stderr: String) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rekap-tool-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("out"), err = folder.appendingPathComponent("err")
        for file in [out, err] { _ = FileManager.default.createFile(atPath: file.path, contents: nil) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        try process.run()
        let deadline = ContinuousClock.now + timeout
        while process.isRunning {
            if ContinuousClock.now > deadline {
                process.terminate()
                throw ToolFailed(description: "\(path) did not finish within \(timeout)")
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        return (process.terminationStatus, (try? String(contentsOf: out, encoding: .utf8)) ?? "", (try? String(contentsOf: err, encoding: .utf8)) ?? "")
    }

    public struct ToolFailed: Error, CustomStringConvertible {
        public let description: String
    }

    static let describeScript = #"""
    import json, sys
    import openpyxl
    wb = openpyxl.load_workbook(sys.argv[1])
    out = {"sheets": []}
    for ws in wb.worksheets:
        sheet = {"name": ws.title, "state": ws.sheet_state, "freeze": ws.freeze_panes,
                 "protected": bool(ws.protection.sheet),
                 "validations": [[str(dv.sqref), dv.formula1] for dv in ws.data_validations.dataValidation],
                 "merged": [str(r) for r in ws.merged_cells.ranges],
                 "widths": {k: v.width for k, v in ws.column_dimensions.items()},
                 "cells": {}}
        for row in ws.iter_rows(max_row=min(ws.max_row, 400)):
            for c in row:
                if c.value is None and c.protection.locked:
                    continue
                sheet["cells"][c.coordinate] = {"v": None if c.value is None else str(c.value), "t": c.data_type,
                                                "f": c.number_format, "locked": bool(c.protection.locked),
                                                "bold": bool(c.font.b), "indent": int(c.alignment.indent or 0)}
        out["sheets"].append(sheet)
    print(json.dumps(out))
    """#
}

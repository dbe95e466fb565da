import Foundation
import RekapDomain
import RekapTestSupport
import RekapWorkbook
import Testing

/// Dumai Timur's demo report (with PBB-P2 rows added) and its kelurahan, as template inputs.
enum TemplateFixtures {
    /// The demo report of Dumai Timur 2023 with two PBB-P2 rows, as JSON bytes.
    static func reportBytes() throws -> [UInt8] {
        guard var object = try JSONSerialization.jsonObject(with: Data(DemoSubmissions.bytes("14.72.02"))) as? [String: Any] else {
            throw FixtureError(description: "the demo report is not a JSON object")
        }
        object["pbb"] = [
            ["kelurahan": "14.72.02.1002", "ketetapan": "1250000000", "realisasi": "1100000000.5", "objek": 3200, "objek_lunas": 2900, "as_of": "2023-12-31"],
            ["kelurahan": "14.72.02.1004", "ketetapan": "812000000", "realisasi": "790500000", "as_of": "2023-12-31"],
        ]
        return Array(try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]))
    }

    static func decode(_ bytes: [UInt8]) throws -> Submission {
        var checker = SubmissionChecker()
        checker.knownRegion = nil
        guard case .accepted(let submission, _, _, _) = checker.check(bytes) else {
            throw FixtureError(description: "the fixture report is not accepted: \(checker.check(bytes))")
        }
        return submission
    }

    /// Dumai Timur's kelurahan from the demo's region file.
    static func kelurahan() throws -> [TemplateRegion] {
        try String(contentsOf: RepositoryFiles.dumaiCSV, encoding: .utf8).split(separator: "\n").compactMap { line in
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard fields.count >= 4, fields[3] == "14.72.02", let code = RegionCode(fields[0]) else { return nil }
            return TemplateRegion(code: code, name: fields[1])
        }
    }

    static let region = TemplateRegion(code: RegionCode("14.72.02")!, name: "Dumai Timur")

    struct FixtureError: Error, CustomStringConvertible {
        let description: String
    }
}

/// openpyxl's view of one sheet (``SpreadsheetTools/openpyxl(_:)``).
struct SheetView {
    let raw: [String: Any]
    var name: String { raw["name"] as! String }
    var state: String { raw["state"] as! String }
    var freeze: String? { raw["freeze"] as? String }
    var protected: Bool { raw["protected"] as! Bool }
    var validations: [[String]] { (raw["validations"] as! [[Any]]).map { $0.map { "\($0)" } } }
    var merged: [String] { raw["merged"] as! [String] }
    func cell(_ reference: String) -> [String: Any]? { (raw["cells"] as! [String: Any])[reference] as? [String: Any] }
    func value(_ reference: String) -> String? { cell(reference)?["v"] as? String }
    func type(_ reference: String) -> String? { cell(reference)?["t"] as? String }
    func locked(_ reference: String) -> Bool { cell(reference)?["locked"] as? Bool ?? true }
    func format(_ reference: String) -> String? { cell(reference)?["f"] as? String }
    func indent(_ reference: String) -> Int { cell(reference)?["indent"] as? Int ?? 0 }
    /// Column `letter`'s values from `row` down to the last written row.
    func column(_ letter: String, from row: Int = 4) -> [String?] {
        let cells = raw["cells"] as! [String: Any]
        let rows = cells.keys.compactMap { key -> Int? in key.hasPrefix(letter) ? Int(key.dropFirst(letter.count)) : nil }
        guard let last = rows.max(), last >= row else { return [] }
        return (row...last).map { value("\(letter)\($0)") }
    }

    static func sheets(_ description: [String: Any]) -> [SheetView] {
        (description["sheets"] as! [[String: Any]]).map(SheetView.init)
    }
}

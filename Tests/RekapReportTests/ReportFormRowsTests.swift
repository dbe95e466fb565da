import RekapDomain
import Testing
@testable import RekapReport

/// A form's rows as its fields imply them, kept up to date as fields are typed, rows added and
/// removed; and which posted names are fields at all.
@Suite struct ReportFormRowsTests {
    let region = RegionCode("14.72.02")!

    /// The row count as the fields say it, counted the slow way (every key, every time).
    func counted(_ form: ReportForm, _ prefix: String) -> Int {
        form.fields.keys.compactMap { key -> Int? in
            guard key.hasPrefix(prefix + "/") else { return nil }
            let rest = key.dropFirst(prefix.count + 1)
            guard let slash = rest.firstIndex(of: "/") else { return nil }
            return Int(rest[..<slash]).map { $0 + 1 }
        }.max() ?? 0
    }

    static let prefixes = ["indicators", "pbb", "awards", "budget/programs", "budget/programs/0/kegiatan", "budget/programs/1/kegiatan",
                           "budget/programs/0/kegiatan/0/sub_kegiatan", "budget/programs/0/kegiatan/1/sub_kegiatan",
                           "budget/programs/1/kegiatan/0/sub_kegiatan"]

    func expectCounts(_ form: ReportForm, _ expected: [String: Int], sourceLocation: SourceLocation = #_sourceLocation) {
        for prefix in Self.prefixes {
            #expect(form.rowCount(prefix) == counted(form, prefix), "\(prefix)", sourceLocation: sourceLocation)
            #expect(form.rowCount(prefix) == expected[prefix, default: 0], "\(prefix)", sourceLocation: sourceLocation)
        }
    }

    @Test func rowCountsFollowEveryChange() throws {
        var form = try ReportForm.posted([
            "indicators/0/code": "IKU-1", "indicators/2/target": "87",
            "budget/programs/0/name": "Penunjang", "budget/programs/0/kegiatan/1/sub_kegiatan/3/pagu": "1.000",
            "budget/programs/1/kegiatan/0/name": "Pelayanan", "action": "check", "budget/programs/x/name": "not a field",
        ], region: region, year: 2023, period: .fy)
        expectCounts(form, ["indicators": 3, "budget/programs": 2, "budget/programs/0/kegiatan": 2, "budget/programs/1/kegiatan": 1,
                            "budget/programs/0/kegiatan/1/sub_kegiatan": 4])

        form.addRow("pbb")
        form.addRow("budget/programs/0/kegiatan/0/sub_kegiatan")
        form["awards/0/title"] = "Kecamatan terbaik"
        expectCounts(form, ["indicators": 3, "pbb": 1, "awards": 1, "budget/programs": 2, "budget/programs/0/kegiatan": 2,
                            "budget/programs/1/kegiatan": 1, "budget/programs/0/kegiatan/0/sub_kegiatan": 1,
                            "budget/programs/0/kegiatan/1/sub_kegiatan": 4])

        // Removing program 0 takes its kegiatan with it; program 1's become program 0's.
        form.removeRow("budget/programs", 0)
        expectCounts(form, ["indicators": 3, "pbb": 1, "awards": 1, "budget/programs": 1, "budget/programs/0/kegiatan": 1])
        #expect(form["budget/programs/0/kegiatan/0/name"] == "Pelayanan")

        // Typing into an existing field changes no count; an equal form is equal.
        let before = form
        form["indicators/0/code"] = "IKU-2"
        form["indicators/0/code"] = "IKU-1"
        #expect(form == before)
    }

    @Test func onlyTheSchemasNamesAreFields() {
        for key in ["signed/by", "indicators/0/code", "indicators/12/previous/target", "budget/total/pagu", "budget/belanja/modal/pagu",
                    "budget/programs/3/pagu_murni", "budget/programs/0/kegiatan/9/realisasi",
                    "budget/programs/0/kegiatan/0/sub_kegiatan/99999/kelurahan", "pbb/0/as_of", "awards/4/given_by"] {
            #expect(ReportForm.isFieldKey(key), "\(key)")
        }
        for key in ["", "signed", "signed/by/x", "indicators", "indicators/0", "indicators/01/code", "indicators/-1/code",
                    "indicators/100000/code", "indicators/0/previous", "indicators/0/previous/year", "budget/total", "budget/total/x",
                    "budget/belanja/modal", "budget/programs/0", "budget/programs/0/kegiatan/0", "budget/programs/0/kegiatan/0/sub_kegiatan/0",
                    "budget/programs/0/kegiatan/0/sub_kegiatan/0/pagu_murni", "budget/programs/0/sub_kegiatan/0/pagu", "pbb/0/name",
                    "awards/0/code", "csrf", "action", "indicators/٣/code"] {
            #expect(!ReportForm.isFieldKey(key), "\(key)")
        }
    }
}

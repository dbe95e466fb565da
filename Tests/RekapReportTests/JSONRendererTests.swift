import Foundation
import RekapDomain
import Testing
@testable import RekapReport

@Suite struct JSONRendererTests {
    let text = JSONRenderer.render(SampleReport.report)

    func parsed(_ text: String) throws -> JSONValue { try JSONParser().parse(text) }

    @Test func roundTripsThroughTheProjectParser() throws {
        let value = try parsed(text)
        #expect(JSONWriter.string(value) + "\n" == text)
        #expect(value == JSONRenderer.value(SampleReport.report))
    }

    @Test func keysAreStableAndInOrder() throws {
        guard case .object(let members) = try parsed(text) else { Issue.record("not an object"); return }
        #expect(members.map(\.key) == ["format", "city", "year", "generated_at", "aggregated_at", "stale", "staleness_note", "iku",
                                       "budget", "efisiensi", "pbb", "leaderboards", "medals", "completeness", "findings",
                                       "quarter_plan_capaian", "cross_findings"])
        // The empty report has the same keys: sections are empty arrays, never missing.
        guard case .object(let emptyMembers) = try parsed(JSONRenderer.render(SampleReport.empty)) else { return }
        #expect(emptyMembers.map(\.key) == members.map(\.key))
        #expect(try parsed(JSONRenderer.render(SampleReport.empty))["iku"]?["kecamatan"] == .array([]))
    }

    @Test func decimalsAreStringsExactly() throws {
        let value = try parsed(text)
        let program = value["budget"]?["programs"].flatMap { if case .array(let items) = $0 { items[1] } else { nil } }
        #expect(program?["name"] == .string("Program \"Pemberdayaan\", Masyarakat & Desa"))
        #expect(program?["pagu"] == .string("20000"))
        #expect(program?["penyerapan"] == .string("98.51"))
        #expect(program?["code"] == .null)
        #expect(value["budget"]?["total"]?["sisa"] == .string("166047280"))
        #expect(value["year"] == .number("2023"))
        #expect(value["stale"] == .bool(true))
        let iku = value["iku"]?["kecamatan"].flatMap { if case .array(let items) = $0 { items[0] } else { nil } }
        #expect(iku?["capaian"] == .string("105.43"))
        #expect(iku?["realisasi"] == .string("91.72"))
        #expect(iku?["previous"]?["capaian"] == .string("103.45"))
        #expect(iku?["kecamatan"]?["code"] == .string("14.72.02"))
    }

    @Test func leaderboardsFollowTheContractRankingShape() throws {
        let value = try parsed(text)
        guard case .array(let boards) = value["leaderboards"], case .array(let entries) = boards[0]["entries"] else {
            Issue.record("no leaderboards"); return
        }
        #expect(entries[0] == JSONValue.object([
            JSONMember(key: "rank", value: .number("1")), JSONMember(key: "region", value: .string("14.72.02.1003")),
            JSONMember(key: "name", value: .string("Jaya Mukti | Baru")), JSONMember(key: "value", value: .string("100.00")),
            JSONMember(key: "numerator", value: .string("800000")), JSONMember(key: "denominator", value: .string("800000")),
        ]))
        #expect(entries[2]["rank"] == .null)
        #expect(entries[2]["value"] == .null)
        guard case .array(let iku) = boards[1]["entries"] else { return }
        #expect(iku[0]["value"] == .string("120.50"))
        #expect(iku[0]["numerator"] == .null)
    }

    @Test func completenessAndFindings() throws {
        let value = try parsed(text)
        guard case .array(let rows) = value["completeness"], case .array(let findings) = value["findings"] else { return }
        #expect(rows[0]["periods"]?["FY"]?["revision"] == .number("2"))
        #expect(rows[0]["periods"]?["Q1"] == .null)
        #expect(rows[1]["region"]?["name"] == .string(SampleReport.hostile.name))
        #expect(findings[0]["submission_id"] == .number("42"))
        guard case .array(let items) = findings[0]["findings"] else { return }
        #expect(items[0]["pointer"] == .string("/budget/programs/0/pagu"))
        #expect(items[1]["severity"] == .string("warning"))
    }
}

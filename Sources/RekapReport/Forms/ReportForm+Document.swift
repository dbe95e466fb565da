import Foundation
import ExactDecimal
import RekapDomain

/// A field whose text could not be read (a number not written as §1.4 says, a date that is not one).
public struct FormFieldProblem: Sendable, Hashable {
    /// The field's key (its JSON pointer without the leading `/`).
    public let key: String
    /// In Bahasa Indonesia, with how to write it.
    public let message: String
}

extension ReportForm {
    /// The document (contract §1) the form stands for, as JSON bytes, and the fields whose text could
    /// not be read (left out of the document; the caller shows them beside their fields and sends nothing).
    ///
    /// Rows keep their positions, so a checker's pointer names the field it came from. Empty fields are
    /// left out; an empty section is left out.
    /// `indent`: as the stored document is written (2); nil for a check, whose bytes are only read.
    public func document(indent: Int? = 2) -> (bytes: [UInt8], problems: [FormFieldProblem]) {
        var problems: [FormFieldProblem] = []
        func object(_ prefix: String, _ specs: [ReportFormSchema.Field]) -> [JSONMember] {
            var members: [JSONMember] = []
            var nested: [String: [JSONMember]] = [:]
            var nestedOrder: [String] = []
            for field in specs {
                let key = prefix.isEmpty ? field.key : prefix + "/" + field.key
                let text = String(self[key].trimmedText)
                guard !text.isEmpty, let value = Self.value(text, field.kind, key: key, &problems) else { continue }
                let parts = field.key.split(separator: "/").map(String.init)
                if parts.count == 2 {
                    if nested[parts[0]] == nil { nestedOrder.append(parts[0]) }
                    nested[parts[0], default: []].append(JSONMember(key: parts[1], value: value))
                } else {
                    members.append(JSONMember(key: field.key, value: value))
                }
            }
            for name in nestedOrder {
                var inner = nested[name] ?? []
                // Last year's figures are of the year before, always.
                if name == "previous" { inner.insert(JSONMember(key: "year", value: .number(String(year - 1))), at: 0) }
                members.append(JSONMember(key: name, value: .object(inner)))
            }
            return members
        }
        func rows(_ prefix: String, _ list: ReportFormSchema.RowList, children: ((String) -> [JSONMember])? = nil) -> JSONValue {
            .array((0..<rowCount(prefix)).map { index in
                let rowPrefix = "\(prefix)/\(index)"
                return .object(object(rowPrefix, list.fields) + (children?(rowPrefix) ?? []))
            })
        }
        var members: [JSONMember] = [
            JSONMember(key: "format", value: .string("rekap.submission/v1")), JSONMember(key: "region", value: .string(region.text)),
            JSONMember(key: "year", value: .number(String(year))), JSONMember(key: "period", value: .string(period.rawValue)),
        ]
        let signed = object("signed", ReportFormSchema.signed)
        if !signed.isEmpty { members.append(JSONMember(key: "signed", value: .object(signed))) }
        if rowCount("indicators") > 0 { members.append(JSONMember(key: "indicators", value: rows("indicators", ReportFormSchema.indicators))) }
        var budget: [JSONMember] = []
        if rowCount("budget/programs") > 0 {
            budget.append(JSONMember(key: "programs", value: rows("budget/programs", ReportFormSchema.programs) { program in
                let count = rowCount(program + "/kegiatan")
                guard count > 0 else { return [] }
                return [JSONMember(key: "kegiatan", value: rows(program + "/kegiatan", ReportFormSchema.kegiatan) { kegiatan in
                    rowCount(kegiatan + "/sub_kegiatan") > 0
                        ? [JSONMember(key: "sub_kegiatan", value: rows(kegiatan + "/sub_kegiatan", ReportFormSchema.subKegiatan))] : []
                })]
            }))
        }
        let belanja = object("budget/belanja", ReportFormSchema.belanjaTotals)
        if !belanja.isEmpty { budget.append(JSONMember(key: "belanja", value: .object(belanja))) }
        let total = object("budget/total", ReportFormSchema.total)
        if !total.isEmpty { budget.append(JSONMember(key: "total", value: .object(total))) }
        if !budget.isEmpty { members.append(JSONMember(key: "budget", value: .object(budget))) }
        if rowCount("pbb") > 0 { members.append(JSONMember(key: "pbb", value: rows("pbb", ReportFormSchema.pbb))) }
        if rowCount("awards") > 0 { members.append(JSONMember(key: "awards", value: rows("awards", ReportFormSchema.awards))) }
        return (Array(JSONWriter.string(.object(members), indent: indent).utf8), problems)
    }

    /// The document's value for typed `text` of `kind`; nil (with a problem) when it cannot be read.
    static func value(_ text: String, _ kind: ReportFormSchema.Kind, key: String, _ problems: inout [FormFieldProblem]) -> JSONValue? {
        switch kind {
        case .choice(_, number: true):
            // Anything else than digits stays a string, for the checker to name (never raw JSON text).
            return text.allSatisfy({ $0.isASCII && $0.isNumber }) && text.count <= 3 ? .number(text) : .string(text)
        case .text, .choice:
            return .string(text)
        case .amount, .value:
            switch TypedNumberText.read(text, limits: kind == .amount ? .rupiah : .indicatorValue) {
            case .success(let reading): return .string(reading.strictText)
            case .failure(let error):
                problems.append(FormFieldProblem(key: key, message: "\"\(text)\": \(error.indonesian)"))
                return nil
            }
        case .integer:
            // Plain digits, or digits grouped in threes by dots (3.200).
            let groups: [Substring] = text.split(separator: ".", omittingEmptySubsequences: false)
            let digits = groups.joined()
            let grouped = groups.dropFirst().allSatisfy { $0.count == 3 }
            guard !digits.isEmpty, digits.count <= 12, digits.allSatisfy({ $0.isASCII && $0.isNumber }), grouped else {
                problems.append(FormFieldProblem(key: key, message: "\"\(text)\": bukan bilangan bulat; tulis misalnya 3.200"))
                return nil
            }
            return .number(String(Int(digits) ?? 0))
        case .date:
            if let date = try? CalendarDate(parsing: text) { return .string(date.description) }
            let parts = text.split(separator: "/")
            if parts.count == 3, let day = Int(parts[0]), let month = Int(parts[1]), let year = Int(parts[2]), parts[2].count == 4,
               let date = try? CalendarDate(year: year, month: month, day: day) {
                return .string(date.description)
            }
            problems.append(FormFieldProblem(key: key, message: "\"\(text)\": bukan tanggal; tulis dd/mm/yyyy, misalnya 31/12/2023"))
            return nil
        }
    }

    /// The form showing stored document `document` (its values the Indonesian way: `12.763.150.960`, `91,72`).
    public static func showing(_ document: JSONValue, region: RegionCode, year: Int, period: Period) -> ReportForm {
        var form = ReportForm(region: region, year: year, period: period)
        func take(_ value: JSONValue?, _ prefix: String, _ specs: [ReportFormSchema.Field]) {
            guard let value else { return }
            for field in specs {
                var node: JSONValue? = value
                for part in field.key.split(separator: "/") { node = node?[String(part)] }
                let key = prefix + "/" + field.key
                switch node {
                case .string(let text)?: form[key] = shown(text, field.kind)
                case .number(let text)?: form[key] = shown(text, field.kind)
                case nil where true: if !(field.key.contains("/")) { form[key] = "" }
                default: break
                }
            }
        }
        func rows(_ value: JSONValue?, _ prefix: String, _ list: ReportFormSchema.RowList, _ children: ((JSONValue, String) -> Void)? = nil) {
            guard case .array(let items)? = value else { return }
            for (index, item) in items.prefix(list.limit).enumerated() {
                take(item, "\(prefix)/\(index)", list.fields)
                children?(item, "\(prefix)/\(index)")
            }
        }
        if let signed = document["signed"] {
            for field in ReportFormSchema.signed { if let text = signed[field.key].flatMap(Self.text) { form["signed/" + field.key] = text } }
        }
        rows(document["indicators"], "indicators", ReportFormSchema.indicators)
        let budget = document["budget"]
        rows(budget?["programs"], "budget/programs", ReportFormSchema.programs) { program, prefix in
            rows(program["kegiatan"], prefix + "/kegiatan", ReportFormSchema.kegiatan) { kegiatan, prefix in
                rows(kegiatan["sub_kegiatan"], prefix + "/sub_kegiatan", ReportFormSchema.subKegiatan)
            }
        }
        take(budget?["belanja"], "budget/belanja", ReportFormSchema.belanjaTotals)
        take(budget?["total"], "budget/total", ReportFormSchema.total)
        rows(document["pbb"], "pbb", ReportFormSchema.pbb)
        rows(document["awards"], "awards", ReportFormSchema.awards)
        // Belanja and total fields without a value are not rows: drop their empty placeholders.
        form.fields = form.fields.filter { !($0.key.hasPrefix("budget/belanja/") || $0.key.hasPrefix("budget/total/")) || !$0.value.isEmpty }
        return form
    }

    private static func text(_ value: JSONValue) -> String? {
        switch value {
        case .string(let text), .number(let text): text
        default: nil
        }
    }

    /// A stored value as the form shows it: numbers the Indonesian way, anything else as stored.
    static func shown(_ text: String, _ kind: ReportFormSchema.Kind) -> String {
        switch kind {
        case .amount, .value:
            guard let value = try? DecimalText.parse(text) else { return text }
            return TypedNumberText.format(value)
        default:
            return text
        }
    }

    /// Fills a new report's indicators from the signed PK (`PlanCapaian.startingIndicators`): a row
    /// already there (from last year's report) matched by code or name gets the PK's target; the PK's
    /// other indicators are added with their code, name, sasaran, unit, polarity and target.
    public mutating func startFromPlan(_ planned: [(indicator: PKIndicator, target: Decimal?)]) {
        for (indicator, target) in planned {
            let rows = rowCount("indicators")
            let existing = (0..<rows).first { index in
                let code = self["indicators/\(index)/code"]
                return PlanMatching.matches(code: code.isEmpty ? nil : code, name: self["indicators/\(index)/name"],
                                            otherCode: indicator.code, otherName: indicator.name)
            }
            let index: Int
            if let existing {
                index = existing
            } else {
                // An empty first row (a form started from nothing) is used before adding one.
                if rows == 1, self["indicators/0/name"].isEmpty, self["indicators/0/code"].isEmpty {
                    index = 0
                } else {
                    guard addRow("indicators") else { return }
                    index = rows
                }
                self["indicators/\(index)/code"] = indicator.code ?? ""
                self["indicators/\(index)/name"] = indicator.name
                self["indicators/\(index)/sasaran"] = indicator.sasaran ?? ""
                self["indicators/\(index)/unit"] = indicator.unit ?? ""
                if let polarity = indicator.polarity { self["indicators/\(index)/polarity"] = polarity.rawValue }
            }
            if let target { self["indicators/\(index)/target"] = TypedNumberText.format(target) }
        }
    }

    /// A new report's form started from last year's report `document`: its names, codes, programs,
    /// kegiatan, sub kegiatan and kelurahan kept, its amounts cleared, and its indicators' target,
    /// realisasi and capaian moved to last year's columns.
    public static func startingFromLastYear(_ document: JSONValue, region: RegionCode, year: Int, period: Period) -> ReportForm {
        let old = showing(document, region: region, year: year, period: period)
        var form = ReportForm(region: region, year: year, period: period)
        let carried: Set<String> = ["code", "name", "sasaran", "unit", "polarity", "sumber_dana", "belanja", "kelurahan", "renstra_target"]
        for (key, value) in old.fields {
            guard !key.hasPrefix("signed/"), !key.hasPrefix("awards/"), !key.hasPrefix("budget/total/"), !key.hasPrefix("budget/belanja/")
            else { continue }
            let last = String(key.split(separator: "/").last ?? "")
            if key.hasPrefix("indicators/"), ["target", "realisasi", "reported_capaian"].contains(last), !key.contains("/previous/") {
                form[key.replacingOccurrences(of: "/" + last, with: "/previous/" + last)] = value
                form[key] = ""
            } else if key.hasPrefix("indicators/"), key.contains("/previous/") {
                continue
            } else {
                form[key] = carried.contains(last) ? value : ""
            }
        }
        return form
    }
}

import Foundation

/// Turns a parsed `rekap.pk/v1` document into a `PerjanjianKinerja`, collecting every problem.
///
/// Fields are read by `SubmissionDecoder`'s readers, so a PK refuses the same values the same way as a
/// report. Decisions: indicators need `name` and `target`, programs and lines need `name`; codes are
/// optional (matching falls back to names) but unique per level; `quarters` keys are Q1…Q4; every
/// amount follows the rupiah rules.
public struct PKDecoder {
    private var reader = SubmissionDecoder()

    /// Decodes `document` (the parsed JSON).
    public static func decode(_ document: JSONValue) -> PlanDecodingOutcome<PerjanjianKinerja> {
        var decoder = PKDecoder()
        let pk = decoder.decodeDocument(document)
        return PlanDecodingOutcome(pk, reader: decoder.reader)
    }

    private mutating func decodeDocument(_ document: JSONValue) -> PerjanjianKinerja? {
        guard case .object = document else {
            reader.problems.append(Problem(.notObject, at: .root, "the document must be a JSON object, not \(reader.article(document.typeName))"))
            return nil
        }
        let top = reader.fields(document, at: .root, known: ["format", "region", "year", "kind", "signed", "indicators", "programs", "total"])!
        let format = reader.string(top, "format", required: true)
        if let format, format != PerjanjianKinerja.formatV1 {
            reader.problems.append(Problem(.unknownFormat, at: top.pointer / "format",
                                           "unknown format version \"\(format)\"; a Perjanjian Kinerja is \"\(PerjanjianKinerja.formatV1)\""))
            return nil
        }
        let region = reader.submittingRegion(top, what: "a Perjanjian Kinerja")
        let year = reader.integer(top, "year", required: true, range: 1900...2999)
        let kind: PKKind? = reader.choice(top, "kind", required: true)
        let signed = decodeSignature(top)
        let indicators = decodeIndicators(top)
        let programs = decodePrograms(top)
        let total = reader.amount(top, "total")
        guard let format, let region, let year, let kind else { return nil }
        return PerjanjianKinerja(format: format, region: region, year: year, kind: kind, signed: signed,
                                 indicators: indicators, programs: programs, total: total)
    }

    private mutating func decodeSignature(_ top: SubmissionDecoder.Fields) -> PKSignature? {
        guard let value = top.value("signed"),
              let object = reader.fields(value, at: top.pointer / "signed", known: ["date", "first", "second"]) else { return nil }
        let date = reader.date(object, "date")
        return PKSignature(date: date, first: decodeParty(object, "first"), second: decodeParty(object, "second"))
    }

    private mutating func decodeParty(_ signed: SubmissionDecoder.Fields, _ key: String) -> PKParty? {
        guard let value = signed.value(key),
              let object = reader.fields(value, at: signed.pointer / key, known: ["name", "nip", "jabatan"]) else { return nil }
        return PKParty(name: reader.string(object, "name"), nip: reader.string(object, "nip"), jabatan: reader.string(object, "jabatan"))
    }

    private mutating func decodeIndicators(_ top: SubmissionDecoder.Fields) -> [PKIndicator] {
        var result: [PKIndicator] = []
        var codes: [String: Int] = [:]
        for (index, value, pointer) in reader.array(top, "indicators") {
            guard let object = reader.fields(value, at: pointer, known: ["code", "name", "sasaran", "unit", "polarity", "target", "quarters"]) else { continue }
            let code = reader.string(object, "code")
            if let code { reader.duplicate(code, index: index, seen: &codes, what: "indicator code", at: pointer / "code") }
            let name = reader.string(object, "name", required: true)
            let sasaran = reader.string(object, "sasaran")
            let unit = reader.string(object, "unit")
            let polarity: Polarity? = reader.choice(object, "polarity")
            let target = reader.decimal(object, "target", required: true)
            let quarters = decodeQuarters(object)
            if let name, let target {
                result.append(PKIndicator(code: code, name: name, sasaran: sasaran, unit: unit, polarity: polarity, target: target, quarters: quarters))
            }
        }
        return result
    }

    /// `quarters`: Q1…Q4 to exact decimals (rencana aksi targets, cumulative).
    private mutating func decodeQuarters(_ indicator: SubmissionDecoder.Fields) -> [Period: Decimal] {
        guard let value = indicator.value("quarters"),
              let object = reader.fields(value, at: indicator.pointer / "quarters", known: nil) else { return [:] }
        var quarters: [Period: Decimal] = [:]
        for member in object.members {
            guard let quarter = Period(rawValue: member.key), quarter != .fy else {
                reader.problems.append(Problem(.notAllowed, at: object.pointer / member.key,
                                               "\"\(member.key)\" is not a quarter; use \"Q1\", \"Q2\", \"Q3\", \"Q4\""))
                continue
            }
            if let target = reader.decimal(object, member.key) { quarters[quarter] = target }
        }
        return quarters
    }

    private mutating func decodePrograms(_ top: SubmissionDecoder.Fields) -> [PKProgram] {
        var programs: [PKProgram] = []
        var codes: [String: Int] = [:]
        for (index, value, pointer) in reader.array(top, "programs") {
            guard let object = reader.fields(value, at: pointer, known: ["code", "name", "anggaran", "sumber_dana", "lines"]) else { continue }
            let code = reader.string(object, "code")
            if let code { reader.duplicate(code, index: index, seen: &codes, what: "program code", at: pointer / "code") }
            let name = reader.string(object, "name", required: true)
            let anggaran = reader.amount(object, "anggaran")
            let sumberDana = reader.string(object, "sumber_dana")
            var lines: [PKLine] = []
            var lineCodes: [String: Int] = [:]
            for (lIndex, lValue, lPointer) in reader.array(object, "lines") {
                guard let line = reader.fields(lValue, at: lPointer, known: ["code", "name", "anggaran"]) else { continue }
                let lCode = reader.string(line, "code")
                if let lCode { reader.duplicate(lCode, index: lIndex, seen: &lineCodes, what: "line code in this program", at: lPointer / "code") }
                let lName = reader.string(line, "name", required: true)
                let lAnggaran = reader.amount(line, "anggaran")
                if let lName { lines.append(PKLine(code: lCode, name: lName, anggaran: lAnggaran)) }
            }
            if let name {
                programs.append(PKProgram(code: code, name: name, anggaran: anggaran, sumberDana: sumberDana, lines: lines))
            }
        }
        return programs
    }
}

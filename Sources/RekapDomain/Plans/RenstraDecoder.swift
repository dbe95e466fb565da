import Foundation

/// Turns a parsed `rekap.renstra/v1` document into a `Renstra`, collecting every problem.
///
/// Fields are read by `SubmissionDecoder`'s readers, so a Renstra refuses the same values the same way
/// as a report (types, decimals, regions). Decisions: `name` is required on an indicator, `code` is
/// optional (matching falls back to the name) but unique; a `targets` key is a year within `from`…`to`.
public struct RenstraDecoder {
    private var reader = SubmissionDecoder()

    /// Decodes `document` (the parsed JSON).
    public static func decode(_ document: JSONValue) -> PlanDecodingOutcome<Renstra> {
        var decoder = RenstraDecoder()
        let renstra = decoder.decodeDocument(document)
        return PlanDecodingOutcome(renstra, reader: decoder.reader)
    }

    private mutating func decodeDocument(_ document: JSONValue) -> Renstra? {
        guard case .object = document else {
            reader.problems.append(Problem(.notObject, at: .root, "the document must be a JSON object, not \(reader.article(document.typeName))"))
            return nil
        }
        let top = reader.fields(document, at: .root, known: ["format", "region", "from", "to", "indicators"])!
        let format = reader.string(top, "format", required: true)
        if let format, format != Renstra.formatV1 {
            reader.problems.append(Problem(.unknownFormat, at: top.pointer / "format",
                                           "unknown format version \"\(format)\"; a Renstra is \"\(Renstra.formatV1)\""))
            return nil
        }
        let region = reader.submittingRegion(top, what: "a Renstra")
        let from = reader.integer(top, "from", required: true, range: 1900...2999)
        var to = reader.integer(top, "to", required: true, range: 1900...2999)
        if let from, let span = to.map({ $0 - from }), !(0...Renstra.maximumSpan).contains(span) {
            reader.problems.append(Problem(.notAllowed, at: top.pointer / "to",
                                           span < 0 ? "\"to\" \(to!) is before \"from\" \(from)"
                                               : "the period \(from)–\(to!) spans \(span) years; a Renstra's \"to\" − \"from\" is at most \(Renstra.maximumSpan)"))
            to = nil
        }
        let years = from.flatMap { from in to.map { from...$0 } }
        var indicators: [RenstraIndicator] = []
        var codes: [String: Int] = [:]
        for (index, value, pointer) in reader.array(top, "indicators") {
            guard let object = reader.fields(value, at: pointer, known: ["code", "name", "sasaran", "unit", "polarity", "formula", "baseline", "targets"]) else { continue }
            let code = reader.string(object, "code")
            if let code { reader.duplicate(code, index: index, seen: &codes, what: "indicator code", at: pointer / "code") }
            let name = reader.string(object, "name", required: true)
            let polarity: Polarity? = reader.choice(object, "polarity")
            let baseline = decodeBaseline(object)
            let targets = decodeTargets(object, years: years)
            if let name {
                indicators.append(RenstraIndicator(code: code, name: name, sasaran: reader.string(object, "sasaran"), unit: reader.string(object, "unit"),
                                                   polarity: polarity ?? .higher, formula: reader.string(object, "formula"),
                                                   baseline: baseline, targets: targets))
            }
        }
        guard let format, let region, let from, let to else { return nil }
        return Renstra(format: format, region: region, from: from, to: to, indicators: indicators)
    }

    private mutating func decodeBaseline(_ indicator: SubmissionDecoder.Fields) -> RenstraBaseline? {
        guard let value = indicator.value("baseline"),
              let object = reader.fields(value, at: indicator.pointer / "baseline", known: ["year", "value"]) else { return nil }
        return RenstraBaseline(year: reader.integer(object, "year", range: 1900...2999), value: reader.decimal(object, "value"))
    }

    /// `targets`: an object from year ("2023") to an exact decimal; every year within the period.
    private mutating func decodeTargets(_ indicator: SubmissionDecoder.Fields, years: ClosedRange<Int>?) -> [Int: Decimal] {
        guard let value = indicator.value("targets"),
              let object = reader.fields(value, at: indicator.pointer / "targets", known: nil) else { return [:] }
        var targets: [Int: Decimal] = [:]
        for member in object.members {
            let pointer = object.pointer / member.key
            guard member.key.utf8.count == 4, member.key.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
                  let year = Int(member.key) else {
                reader.problems.append(Problem(.notAllowed, at: pointer, "\"\(member.key)\" is not a year; write targets as \"2023\": \"87\""))
                continue
            }
            if let years, !years.contains(year) {
                reader.problems.append(Problem(.notAllowed, at: pointer,
                                               "\(year) lies outside the Renstra's period \(years.lowerBound)–\(years.upperBound)"))
                continue
            }
            if let target = reader.decimal(object, member.key, required: true) { targets[year] = target }
        }
        return targets
    }
}

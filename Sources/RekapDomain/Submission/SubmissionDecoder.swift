import Foundation

/// Turns a parsed JSON document into a `Submission`, collecting every problem rather than the first.
///
/// Decisions not spelled out by the contract:
/// - Unknown keys are ignored (forward compatible) but listed in `unknownKeys`, which the checker
///   turns into `info` findings so a misspelt optional key does not vanish silently.
/// - `null` for an optional field means absent; for a required field it is reported as missing.
/// - An unknown `format` stops decoding: another version's fields may mean something else.
/// - Program and kegiatan amounts are optional (the contract calls them what the office "reported");
///   sub kegiatan (the lines) need `pagu` and `realisasi`. Indicators need `code`, `name`, `target`,
///   `realisasi`; awards need `region`, `title`, `level`; `signed` fields are all optional.
/// - "At most 2 decimals" is about the value: "1.500" is 1.5 and accepted.
/// - Two `pbb` rows for the same kelurahan and `as_of` are a duplicate (which one counts is ambiguous).
/// - An array longer than its cap (``SubmissionLimits``) is one `too-many` problem at the array and
///   is not walked; the problems kept are capped too (``ProblemList``), so a small hostile document
///   cannot grow its rejection.
/// - Indicator values have at most 6 decimals and a magnitude below 10^15
///   (``DecimalText/Limits/indicatorValue``), checked on the text.
/// - Text fields and keys hold no control character but tab and line feed (U+0000–U+001F, U+007F):
///   a NUL cannot be stored, and the others are never meant in a report.
public struct SubmissionDecoder {
    /// What decoding found.
    public struct Outcome: Sendable {
        /// The submission, when there were no problems.
        public var submission: Submission?
        /// The problems, capped (``SubmissionLimits/listedProblems``).
        public var problems: ProblemList
        /// Keys this version does not know, ignored: the first ``SubmissionLimits/listedUnknownKeys``.
        public var unknownKeys: [JSONPointer]
        /// Unknown keys met after those listed.
        public var omittedUnknownKeys: Int
        /// Every region code named, with its place (the submitting region first), for a registry check.
        public var regions: [RegionReference]
    }

    // Internal, with the field readers below, so the plan decoders read fields the same way.
    var problems = ProblemList()
    var unknownKeys: [JSONPointer] = []
    var omittedUnknownKeys = 0
    var regions: [RegionReference] = []

    public init() {}

    /// Decodes `document` (the parsed JSON).
    public static func decode(_ document: JSONValue) -> Outcome {
        var decoder = SubmissionDecoder()
        let submission = decoder.decodeDocument(document)
        return Outcome(submission: decoder.problems.isEmpty ? submission : nil,
                       problems: decoder.problems, unknownKeys: decoder.unknownKeys,
                       omittedUnknownKeys: decoder.omittedUnknownKeys, regions: decoder.regions)
    }

    // MARK: - Document

    private mutating func decodeDocument(_ document: JSONValue) -> Submission? {
        guard case .object = document else {
            problems.append(Problem(.notObject, at: .root, "the document must be a JSON object, not \(article(document.typeName))"))
            return nil
        }
        let top = fields(document, at: .root, known: ["format", "region", "year", "period", "signed", "indicators", "budget", "pbb", "awards"])!
        let format = string(top, "format", required: true)
        if let format, format != Submission.formatV1 {
            problems.append(Problem(.unknownFormat, at: top.pointer / "format",
                                    "unknown format version \"\(format)\"; this rekap reads \"\(Submission.formatV1)\""))
            return nil
        }
        let region = submittingRegion(top)
        let year = integer(top, "year", required: true, range: 1900...2999)
        let period: Period? = choice(top, "period", required: true)
        let signed = top.has("signed") ? decodeSignature(top) : nil
        let indicators = decodeIndicators(top, year: year)
        let budget = top.has("budget") ? decodeBudget(top) : nil
        let pbb = decodePBB(top)
        let awards = decodeAwards(top)
        if let region { checkScope(region) }
        guard let format, let region, let year, let period else { return nil }
        return Submission(format: format, region: region, year: year, period: period, signed: signed,
                          indicators: indicators, budget: budget, pbb: pbb, awards: awards)
    }

    /// Kelurahan named inside must lie within the submitting region (a kelurahan: only itself).
    private mutating func checkScope(_ region: RegionCode) {
        guard region.level >= .kecamatan else { return }
        for reference in regions.dropFirst() where !reference.code.isWithin(region) {
            problems.append(Problem(.outOfScope, at: reference.pointer,
                                    "\(reference.code) is not within the submitting region \(region)"
                                        + (region.level == .desaKelurahan ? "; a kelurahan or desa may only name itself" : "")))
        }
    }

    private mutating func decodeSignature(_ top: Fields) -> Signature? {
        guard let value = top.value("signed"), let object = fields(value, at: top.pointer / "signed", known: ["by", "nip", "role", "date"]) else { return nil }
        return Signature(by: string(object, "by"), nip: string(object, "nip"), role: string(object, "role"), date: date(object, "date"))
    }

    private mutating func decodeIndicators(_ top: Fields, year: Int?) -> [Indicator] {
        var result: [Indicator] = []
        var seen: [String: Int] = [:]
        for (index, value, pointer) in array(top, "indicators") {
            guard let object = fields(value, at: pointer, known: ["code", "name", "sasaran", "unit", "polarity", "target", "realisasi", "reported_capaian", "renstra_target",
                                                                  "previous", "reported_penyerapan", "reported_efisiensi"]) else { continue }
            let code = string(object, "code", required: true)
            if let code { duplicate(code, index: index, seen: &seen, what: "indicator code", at: pointer / "code") }
            let name = string(object, "name", required: true)
            let polarity: Polarity? = choice(object, "polarity")
            let target = decimal(object, "target", required: true)
            let realisasi = decimal(object, "realisasi", required: true)
            let indicator = Indicator(code: code ?? "", name: name ?? "", sasaran: string(object, "sasaran"), unit: string(object, "unit"),
                                      polarity: polarity ?? .higher, target: target ?? 0, realisasi: realisasi ?? 0,
                                      reportedCapaian: decimal(object, "reported_capaian"), renstraTarget: decimal(object, "renstra_target"),
                                      previous: previousResult(object, year: year),
                                      reportedPenyerapan: decimal(object, "reported_penyerapan"), reportedEfisiensi: decimal(object, "reported_efisiensi"))
            result.append(indicator)
        }
        return result
    }

    private mutating func decodeBudget(_ top: Fields) -> Budget? {
        guard let value = top.value("budget"), let budget = fields(value, at: top.pointer / "budget", known: ["programs", "belanja", "total"]) else { return nil }
        var programs: [Program] = []
        var programCodes: [String: Int] = [:]
        for (index, value, pointer) in array(budget, "programs") {
            guard let object = fields(value, at: pointer, known: ["code", "name", "sumber_dana", "pagu_murni", "pagu", "realisasi", "kegiatan"]) else { continue }
            let code = string(object, "code")
            if let code { duplicate(code, index: index, seen: &programCodes, what: "program code", at: pointer / "code") }
            var kegiatan: [Kegiatan] = []
            var kegiatanCodes: [String: Int] = [:]
            for (kIndex, kValue, kPointer) in array(object, "kegiatan") {
                guard let kObject = fields(kValue, at: kPointer, known: ["code", "name", "pagu", "realisasi", "sub_kegiatan"]) else { continue }
                let kCode = string(kObject, "code")
                if let kCode { duplicate(kCode, index: kIndex, seen: &kegiatanCodes, what: "kegiatan code in this program", at: kPointer / "code") }
                var lines: [SubKegiatan] = []
                var lineCodes: [String: Int] = [:]
                for (sIndex, sValue, sPointer) in array(kObject, "sub_kegiatan") {
                    guard let sObject = fields(sValue, at: sPointer, known: ["code", "name", "belanja", "pagu", "realisasi", "kelurahan"]) else { continue }
                    let sCode = string(sObject, "code")
                    if let sCode { duplicate(sCode, index: sIndex, seen: &lineCodes, what: "sub kegiatan code in this kegiatan", at: sPointer / "code") }
                    let name = string(sObject, "name", required: true)
                    let belanja: BelanjaType? = choice(sObject, "belanja")
                    let pagu = amount(sObject, "pagu", required: true)
                    let realisasi = amount(sObject, "realisasi", required: true)
                    let kelurahan = village(sObject, "kelurahan")
                    if let name, let pagu, let realisasi {
                        lines.append(SubKegiatan(code: sCode, name: name, belanja: belanja, pagu: pagu, realisasi: realisasi, kelurahan: kelurahan))
                    }
                }
                let name = string(kObject, "name", required: true)
                let pagu = amount(kObject, "pagu")
                let realisasi = amount(kObject, "realisasi")
                kegiatan.append(Kegiatan(code: kCode, name: name ?? "", pagu: pagu, realisasi: realisasi, subKegiatan: lines))
            }
            let name = string(object, "name", required: true)
            programs.append(Program(code: code, name: name ?? "", sumberDana: string(object, "sumber_dana"),
                                    paguMurni: amount(object, "pagu_murni"), pagu: amount(object, "pagu"),
                                    realisasi: amount(object, "realisasi"), kegiatan: kegiatan))
        }
        var belanja: [BelanjaType: PaguRealisasi] = [:]
        if let value = budget.value("belanja"), let object = fields(value, at: budget.pointer / "belanja", known: nil) {
            for member in object.members {
                let pointer = object.pointer / member.key
                guard let type = BelanjaType(rawValue: member.key) else {
                    problems.append(Problem(.notAllowed, at: pointer, "\"\(member.key)\" is not a belanja type; use \(listing(BelanjaType.allCases.map(\.rawValue)))"))
                    continue
                }
                guard let pair = fields(member.value, at: pointer, known: ["pagu", "realisasi"]) else { continue }
                // Both read before testing, so a bad pagu does not hide a bad realisasi.
                let pagu = amount(pair, "pagu", required: true)
                let realisasi = amount(pair, "realisasi", required: true)
                if let pagu, let realisasi {
                    belanja[type] = PaguRealisasi(pagu: pagu, realisasi: realisasi)
                }
            }
        }
        var total: BudgetTotal?
        if let value = budget.value("total"), let object = fields(value, at: budget.pointer / "total", known: ["pagu_murni", "pagu", "realisasi"]) {
            let murni = amount(object, "pagu_murni")
            let pagu = amount(object, "pagu", required: true)
            let realisasi = amount(object, "realisasi", required: true)
            if let pagu, let realisasi {
                total = BudgetTotal(paguMurni: murni, pagu: pagu, realisasi: realisasi)
            }
        }
        return Budget(programs: programs, belanja: belanja, total: total)
    }

    private mutating func decodePBB(_ top: Fields) -> [PBBRow] {
        var rows: [PBBRow] = []
        var seen: [String: Int] = [:]
        for (index, value, pointer) in array(top, "pbb") {
            guard let object = fields(value, at: pointer, known: ["kelurahan", "ketetapan", "realisasi", "objek", "objek_lunas", "as_of"]) else { continue }
            let kelurahan = village(object, "kelurahan", required: true)
            let ketetapan = amount(object, "ketetapan", required: true)
            let realisasi = amount(object, "realisasi", required: true)
            let objek = integer(object, "objek", range: 0...1_000_000_000)
            let lunas = integer(object, "objek_lunas", range: 0...1_000_000_000)
            let asOf = date(object, "as_of", required: true)
            if let kelurahan, let asOf {
                duplicate("\(kelurahan) as of \(asOf)", index: index, seen: &seen, what: "PBB row for", at: pointer)
            }
            if let kelurahan, let ketetapan, let realisasi, let asOf {
                rows.append(PBBRow(kelurahan: kelurahan, ketetapan: ketetapan, realisasi: realisasi, objek: objek, objekLunas: lunas, asOf: asOf))
            }
        }
        return rows
    }

    private mutating func decodeAwards(_ top: Fields) -> [Award] {
        var awards: [Award] = []
        for (_, value, pointer) in array(top, "awards") {
            guard let object = fields(value, at: pointer, known: ["region", "title", "place", "label", "level", "given_by", "date"]) else { continue }
            let region = regionCode(object, "region", required: true)
            let title = string(object, "title", required: true)
            let place = integer(object, "place", range: 1...3, rangeReason: "place is 1, 2 or 3 for a podium place, or null with a label such as \"Harapan 1\"")
            let level: AwardLevel? = choice(object, "level", required: true)
            let label = string(object, "label")
            let given = string(object, "given_by")
            let date = date(object, "date")
            if let region, let title, let level {
                awards.append(Award(region: region, title: title, place: place, label: label, level: level, givenBy: given, date: date))
            }
        }
        return awards
    }

    // MARK: - Field readers (each reports its own problems)

    /// An object's members with its pointer.
    struct Fields {
        let pointer: JSONPointer
        let members: [JSONMember]

        func value(_ key: String) -> JSONValue? {
            guard let value = members.first(where: { $0.key == key })?.value else { return nil }
            if case .null = value { return nil }
            return value
        }

        func has(_ key: String) -> Bool { value(key) != nil }
        func isNull(_ key: String) -> Bool { members.first(where: { $0.key == key })?.value == .null }
    }

    /// `value` as an object, or a wrong-type problem; records keys outside `known`.
    mutating func fields(_ value: JSONValue, at pointer: JSONPointer, known: Set<String>?) -> Fields? {
        guard case .object(let members) = value else {
            problems.append(Problem(.wrongType, at: pointer, "expected an object, found \(article(value.typeName))"))
            return nil
        }
        if let offset = members.lazy.compactMap({ Self.controlCharacterOffset(in: $0.key) }).first {
            // Such a key would reach the stored findings (an unknown key's pointer) or messages.
            problems.append(Problem(.controlCharacter, at: pointer,
                                    "a key of this object holds a control character (U+\(offset.hex)); keys are plain text"))
            // Still read (the caller may need the object), but the document is rejected.
            return Fields(pointer: pointer, members: members)
        }
        if let known {
            for member in members where !known.contains(member.key) {
                if unknownKeys.count < SubmissionLimits.listedUnknownKeys {
                    unknownKeys.append(pointer / member.key)
                } else {
                    omittedUnknownKeys += 1
                }
            }
        }
        return Fields(pointer: pointer, members: members)
    }

    mutating func present(_ object: Fields, _ key: String, required: Bool) -> JSONValue? {
        if let value = object.value(key) { return value }
        if required {
            problems.append(Problem(.missing, at: object.pointer / key,
                                    object.isNull(key) ? "\"\(key)\" is required and must not be null" : "\"\(key)\" is required"))
        }
        return nil
    }

    mutating func array(_ object: Fields, _ key: String) -> [(Int, JSONValue, JSONPointer)] {
        guard let value = present(object, key, required: false) else { return [] }
        guard case .array(let elements) = value else {
            problems.append(Problem(.wrongType, at: object.pointer / key, "\"\(key)\" must be an array, found \(article(value.typeName))"))
            return []
        }
        if let cap = SubmissionLimits.cap(of: key), elements.count > cap {
            // One problem for the array, none for its items: not walked at all.
            problems.append(Problem(.tooMany, at: object.pointer / key,
                                    "\"\(key)\" has \(elements.count) items; at most \(cap) are accepted in one submission"))
            return []
        }
        return elements.enumerated().map { ($0.offset, $0.element, object.pointer / key / $0.offset) }
    }

    mutating func string(_ object: Fields, _ key: String, required: Bool = false) -> String? {
        guard let value = present(object, key, required: required) else { return nil }
        guard case .string(let text) = value else {
            problems.append(Problem(.wrongType, at: object.pointer / key, "\"\(key)\" must be a string, found \(article(value.typeName))"))
            return nil
        }
        if let offset = Self.controlCharacterOffset(in: text) {
            // Not echoed: the value may be binary junk, and a NUL would cut it short further on.
            problems.append(Problem(.controlCharacter, at: object.pointer / key,
                                    "\"\(key)\" holds a control character (U+\(offset.hex)) at character \(offset.position + 1); "
                                        + "text may hold tab and line feed but no other control characters"))
            return nil
        }
        if required, text.allSatisfy(\.isWhitespace) {
            problems.append(Problem(.missing, at: object.pointer / key, "\"\(key)\" must not be empty"))
            return nil
        }
        return text
    }

    /// Text of a decimal written as a JSON string or number.
    mutating func numberText(_ object: Fields, _ key: String, required: Bool) -> String? {
        guard let value = present(object, key, required: required) else { return nil }
        switch value {
        case .string(let text), .number(let text): return text
        default:
            problems.append(Problem(.wrongType, at: object.pointer / key, "\"\(key)\" must be a decimal number (as a string or a number), found \(article(value.typeName))"))
            return nil
        }
    }

    mutating func amount(_ object: Fields, _ key: String, required: Bool = false) -> Amount? {
        guard let text = numberText(object, key, required: required) else { return nil }
        do {
            return try Amount(parsing: text)
        } catch {
            problems.append(Problem(.invalidAmount, at: object.pointer / key, error.description))
            return nil
        }
    }

    /// An indicator value: exact, within ``DecimalText/Limits/indicatorValue``.
    mutating func decimal(_ object: Fields, _ key: String, required: Bool = false) -> Decimal? {
        guard let text = numberText(object, key, required: required) else { return nil }
        switch DecimalText.parseResult(text, limits: .indicatorValue) {
        case .success(let parsed): return parsed.value
        case .failure(let error):
            problems.append(Problem(.invalidNumber, at: object.pointer / key, error.description))
            return nil
        }
    }

    mutating func integer(_ object: Fields, _ key: String, required: Bool = false, range: ClosedRange<Int>, rangeReason: String? = nil) -> Int? {
        guard let value = present(object, key, required: required) else { return nil }
        let pointer = object.pointer / key
        guard case .number(let text) = value else {
            problems.append(Problem(.wrongType, at: pointer, "\"\(key)\" must be a whole number, found \(article(value.typeName))"))
            return nil
        }
        guard let number = Int(text), text.utf8.count <= 12 else {
            problems.append(Problem(.wrongType, at: pointer, "\"\(key)\" must be a whole number, found \(text)"))
            return nil
        }
        guard range.contains(number) else {
            problems.append(Problem(.notAllowed, at: pointer, rangeReason ?? "\"\(key)\" is \(number); it must be from \(range.lowerBound) to \(range.upperBound)"))
            return nil
        }
        return number
    }

    mutating func date(_ object: Fields, _ key: String, required: Bool = false) -> CalendarDate? {
        guard let text = string(object, key, required: required) else { return nil }
        do {
            return try CalendarDate(parsing: text)
        } catch {
            problems.append(Problem(.invalidDate, at: object.pointer / key, error.description))
            return nil
        }
    }

    mutating func choice<T: RawRepresentable & CaseIterable>(_ object: Fields, _ key: String, required: Bool = false) -> T? where T.RawValue == String {
        guard let text = string(object, key, required: required) else { return nil }
        guard let value = T(rawValue: text) else {
            problems.append(Problem(.notAllowed, at: object.pointer / key,
                                    "\"\(text)\" is not an allowed \(key); use \(listing(T.allCases.map(\.rawValue)))"))
            return nil
        }
        return value
    }

    mutating func regionCode(_ object: Fields, _ key: String, required: Bool = false) -> RegionCode? {
        guard let text = string(object, key, required: required) else { return nil }
        do {
            let code = try RegionCode(parsing: text)
            regions.append(RegionReference(code: code, pointer: object.pointer / key))
            return code
        } catch {
            problems.append(Problem(.invalidRegion, at: object.pointer / key, error.description))
            return nil
        }
    }

    /// A region code that must name a kelurahan or desa (level 4).
    mutating func village(_ object: Fields, _ key: String, required: Bool = false) -> RegionCode? {
        guard let code = regionCode(object, key, required: required) else { return nil }
        guard code.level == .desaKelurahan else {
            regions.removeLast()
            problems.append(Problem(.invalidRegion, at: object.pointer / key, "\(code) is a \(code.level); \"\(key)\" must name a kelurahan or desa"))
            return nil
        }
        return code
    }

    /// The first control character of `text` other than tab and line feed (U+0000–U+001F, U+007F):
    /// its code as 4 hex digits and its position in Unicode scalars.
    static func controlCharacterOffset(in text: String) -> (hex: String, position: Int)? {
        for (position, scalar) in text.unicodeScalars.enumerated()
        where (scalar.value < 0x20 && scalar != "\t" && scalar != "\n") || scalar.value == 0x7F {
            let hex = String(scalar.value, radix: 16, uppercase: true)
            return (String(repeating: "0", count: 4 - hex.count) + hex, position)
        }
        return nil
    }

    mutating func duplicate(_ code: String, index: Int, seen: inout [String: Int], what: String, at pointer: JSONPointer) {
        if let first = seen[code] {
            problems.append(Problem(.duplicateCode, at: pointer, "duplicate \(what) \"\(code)\" (already used by item \(first))"))
        } else {
            seen[code] = index
        }
    }

    func article(_ typeName: String) -> String {
        typeName == "array" || typeName == "object" ? "an \(typeName)" : "a \(typeName)"
    }

    func listing(_ values: [String]) -> String {
        values.map { "\"\($0)\"" }.joined(separator: ", ")
    }
}

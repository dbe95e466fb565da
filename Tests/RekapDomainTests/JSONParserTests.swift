import Testing
@testable import RekapDomain

@Suite struct JSONParserTests {
    let parser = JSONParser()

    func parseError(_ bytes: [UInt8]) -> JSONParseError? {
        do {
            _ = try parser.parse(bytes)
            return nil
        } catch {
            return error
        }
    }

    func parseError(_ text: String) -> JSONParseError? { parseError(Array(text.utf8)) }

    @Test func parsesAllValueKindsKeepingOrderAndNumberText() throws {
        let value = try parser.parse(#"{"z": 1, "a": [true, false, null, "s\u00e9\n", -0.5e+3, 143512700.07], "m": {}}"#)
        guard case .object(let members) = value else { Issue.record("not an object"); return }
        #expect(members.map(\.key) == ["z", "a", "m"])
        #expect(value["a"] == .array([.bool(true), .bool(false), .null, .string("sé\n"), .number("-0.5e+3"), .number("143512700.07")]))
        #expect(value["m"] == .object([]))
        #expect(value["z"] == .number("1"))
    }

    @Test func surrogatePairsAndEscapes() throws {
        #expect(try parser.parse(#""\uD83D\uDE00 \" \\ \/ \b\f\r\t""#) == .string("😀 \" \\ / \u{08}\u{0C}\r\t"))
        #expect(parseError(#""\uD83D""#)?.reason.contains("lone") == true)
        #expect(parseError(#""\uDE00""#)?.reason.contains("lone") == true)
        #expect(parseError(#""\uD83D\u0041""#)?.reason.contains("not a low surrogate") == true)
        #expect(parseError(#""\x""#)?.reason.contains("invalid escape") == true)
        #expect(parseError(#""\u12G4""#)?.reason.contains("hexadecimal") == true)
    }

    @Test(arguments: [
        ("", "empty"), ("   ", "only whitespace"), ("{", "truncated"), (#"{"a": 1"#, "truncated"), (#"{"a": "x"#, "truncated"),
        (#"{"a": 1} x"#, "after the end"), ("[1,]", "trailing comma"), (#"{"a":1,}"#, "trailing comma"),
        ("01", "leading zeros"), ("-01", "leading zeros"), ("1.", "followed by a digit"), (".5", "must start"),
        ("+1", "must start"), ("1e", "exponent"), ("-", "truncated"), ("NaN", "where a value"), ("Infinity", "where a value"),
        ("tru", "truncated"), ("nul", "truncated"), ("trUe", "unknown word"), ("\"a\u{01}b\"", "control character"),
        ("\"a\tb\"", "control character"), ("{a: 1}", "key in double quotes"), ("[1 2]", "expected ','"),
        ("// c\n1", "where a value"), (#"{"a" 1}"#, "':'"), ("'a'", "where a value"),
    ])
    func rejects(text: String, reasonContains: String) {
        let error = parseError(text)
        #expect(error != nil, "\(text) was accepted")
        #expect(error?.reason.contains(reasonContains) == true, "\(text): \(error?.reason ?? "-")")
    }

    @Test func invalidUTF8() {
        for bytes: [UInt8] in [[0x22, 0xFF, 0x22], [0x22, 0xC0, 0xAF, 0x22], [0x22, 0xED, 0xA0, 0x80, 0x22], [0x22, 0xF5, 0x80, 0x80, 0x80, 0x22],
                               [0x22, 0xE2, 0x82, 0x22], [0x22, 0x80, 0x22], [0x22, 0xF4, 0x90, 0x80, 0x80, 0x22]] {
            let error = parseError(bytes)
            #expect(error?.reason.contains("UTF-8") == true, "\(bytes)")
            #expect(error?.offset == 1)
        }
        #expect(UTF8Validation.firstInvalidOffset(in: Array("Regapu’u 😀 é".utf8)) == nil)
    }

    @Test func byteOrderMarkIsSkipped() throws {
        #expect(try parser.parse([0xEF, 0xBB, 0xBF] + Array("[1]".utf8)) == .array([.number("1")]))
    }

    @Test func duplicateKeysAreRejectedWithTheirPointer() {
        let error = parseError(#"{"budget": {"total": {"pagu": "1", "pagu": "2"}}}"#)
        #expect(error?.reason.contains("twice") == true)
        #expect(error?.pointer.description == "/budget/total/pagu")
    }

    @Test func positionsAndPointersOfErrors() {
        let error = parseError("{\n  \"a\": [1,\n    2,\n    x]\n}")
        #expect(error?.line == 4)
        #expect(error?.column == 5)
        #expect(error?.pointer.description == "/a/2")
    }

    @Test func depthIsLimited() throws {
        let deep = String(repeating: "[", count: 65) + String(repeating: "]", count: 65)
        #expect(parseError(deep)?.reason.contains("deeper") == true)
        let fine = String(repeating: "[", count: 64) + String(repeating: "]", count: 64)
        _ = try parser.parse(fine)
    }

    @Test func pointerEscaping() {
        let pointer = JSONPointer.root / "a/b~c" / 0 / "~1"
        #expect(pointer.description == "/a~1b~0c/0/~01")
        #expect(JSONPointer(pointer.description) == pointer)
        #expect(JSONPointer.root.description == "")
        #expect(JSONPointer("/budget/programs/0").tokens == ["budget", "programs", "0"])
        #expect((JSONPointer.root / "").description == "/")
    }

    /// Random documents survive writing and parsing unchanged.
    @Test func generatedWriteParseRoundTrip() throws {
        var random = SplitMix64(seed: 0x15_0E)
        func value(_ depth: Int) -> JSONValue {
            switch Int.random(in: 0..<(depth > 3 ? 4 : 6), using: &random) {
            case 0: return .null
            case 1: return .bool(Bool.random(using: &random))
            case 2: return .number((Bool.random(using: &random) ? "-" : "") + String(Int.random(in: 0...1_000_000, using: &random)) + (Bool.random(using: &random) ? ".25" : ""))
            case 3:
                let alphabet: [String] = ["a", "é", "\"", "\\", "/", "~", "\n", "\u{01}", "😀", " ", "’"]
                return .string((0..<Int.random(in: 0...8, using: &random)).map { _ in alphabet.randomElement(using: &random)! }.joined())
            case 4: return .array((0..<Int.random(in: 0...4, using: &random)).map { _ in value(depth + 1) })
            default:
                let count = Int.random(in: 0...4, using: &random)
                return .object((0..<count).map { JSONMember(key: "k\($0)~/", value: value(depth + 1)) })
            }
        }
        for index in 0..<2000 {
            let document = value(0)
            let text = JSONWriter.string(document, indent: index % 2 == 0 ? nil : 2)
            #expect(try parser.parse(text) == document, "\(text)")
        }
    }
}

@Suite struct JSONParseErrorKindTests {
    @Test func kinds() {
        func kind(_ bytes: [UInt8]) -> JSONParseError.Kind? {
            do { _ = try JSONParser().parse(bytes); return nil } catch { return error.kind }
        }
        #expect(kind([0xFF]) == .invalidUTF8)
        #expect(kind(Array("  ".utf8)) == .empty)
        #expect(kind(Array(#"{"a":1,"a":2}"#.utf8)) == .duplicateKey)
        #expect(kind(Array(String(repeating: "[", count: 100).utf8)) == .tooDeep)
        #expect(kind(Array("[1".utf8)) == .syntax)
    }
}

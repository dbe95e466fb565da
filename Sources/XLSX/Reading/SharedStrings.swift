import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// `xl/sharedStrings.xml`: the workbook's strings, each the text of its plain or rich-text runs
/// (phonetic guides left out), with OOXML's `_xHHHH_` escapes decoded.
enum SharedStrings {
    static func parse(_ data: Data, part: String, maxCount: Int) throws(XLSXReadError) -> [String] {
        let delegate = SharedStringsDelegate(part: part, maxCount: maxCount)
        try SafeXMLParsing.parse(data, part: part, delegate: delegate)
        return delegate.strings
    }
}

/// Collects the text of `<t>` elements inside a string item, outside phonetic runs (`rPh`); used for
/// shared strings and inline strings alike.
struct RichTextCollector {
    private(set) var text = ""
    private var inText = false
    private var phoneticDepth = 0

    mutating func start(_ name: Substring) {
        if name == "rPh" { phoneticDepth += 1 }
        if name == "t", phoneticDepth == 0 { inText = true }
    }

    mutating func end(_ name: Substring) {
        if name == "rPh" { phoneticDepth -= 1 }
        if name == "t" { inText = false }
    }

    mutating func characters(_ string: String) {
        if inText { text += string }
    }

    /// The collected text, escapes decoded; the collector is emptied.
    mutating func take() -> String {
        defer { text = "" }
        return Self.decodeEscapes(text)
    }

    /// `_x000D_` → CR: how OOXML writes characters XML cannot hold.
    static func decodeEscapes(_ text: String) -> String {
        guard text.contains("_x") else { return text }
        var result = ""
        var rest = Substring(text)
        while let range = rest.range(of: "_x") {
            result += rest[..<range.lowerBound]
            let after = rest[range.upperBound...]
            let hex = after.prefix(4)
            if hex.count == 4, after.dropFirst(4).first == "_", let code = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(code) {
                result.unicodeScalars.append(scalar)
                rest = after.dropFirst(5)
            } else {
                result += "_x"
                rest = after
            }
        }
        return result + rest
    }
}

private final class SharedStringsDelegate: GuardedXMLDelegate {
    var strings: [String] = []
    private var collector = RichTextCollector()
    private var inItem = false
    let maxCount: Int

    init(part: String, maxCount: Int) {
        self.maxCount = maxCount
        super.init(part: part)
    }

    override func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName: String?, attributes: [String: String] = [:]) {
        let name = SafeXMLParsing.localName(elementName)
        if name == "si" { inItem = true }
        if inItem { collector.start(name) }
    }

    override func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
        let name = SafeXMLParsing.localName(elementName)
        if inItem { collector.end(name) }
        if name == "si" {
            inItem = false
            strings.append(collector.take())
            if strings.count > maxCount { stop(parser, .tooLarge(part: part, reason: "lebih dari \(grouped(maxCount)) teks")) }
        }
    }

    override func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inItem { collector.characters(string) }
    }
}

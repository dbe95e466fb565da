import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Foundation's streaming `XMLParser` over one part, with document type declarations refused before
/// parsing (no DTD, so no entity expansion and no external entity is ever seen by the parser) and
/// external entities never resolved.
enum SafeXMLParsing {
    /// Parses `data` with `delegate`; throws the delegate's own stop reason, or a malformed-part error.
    static func parse(_ data: Data, part: String, delegate: some StoppableXMLDelegate) throws(XLSXReadError) {
        if data.range(of: Data("<!DOCTYPE".utf8)) != nil || data.range(of: Data("<!ENTITY".utf8)) != nil {
            throw .documentTypeDeclaration(part: part)
        }
        let parser = XMLParser(data: data)
        parser.shouldResolveExternalEntities = false
        parser.shouldProcessNamespaces = false
        parser.delegate = delegate
        let parsed = parser.parse()
        if let stop = delegate.stopReason { throw stop }
        if !parsed {
            let reason = parser.parserError.map { "XML tidak sah di baris \(parser.lineNumber) (\(($0 as NSError).code))" } ?? "XML tidak sah"
            throw .malformed(part: part, reason: reason)
        }
    }

    /// The local name of a possibly prefixed element name (`x:row` → `row`).
    static func localName(_ name: String) -> Substring {
        guard let colon = name.lastIndex(of: ":") else { return Substring(name) }
        return name[name.index(after: colon)...]
    }
}

/// A parser delegate that can stop the parse with a reason (a limit reached, an entity declared).
protocol StoppableXMLDelegate: XMLParserDelegate {
    var stopReason: XLSXReadError? { get }
}

/// Refuses what a DTD could still declare if one slipped through the check above. The element and
/// text callbacks are declared here and overridden by each part's delegate: on Linux, without the
/// Objective-C runtime, only methods of the conforming class itself are called through the protocol.
class GuardedXMLDelegate: NSObject, StoppableXMLDelegate {
    var stopReason: XLSXReadError?
    let part: String

    init(part: String) { self.part = part }

    func stop(_ parser: XMLParser, _ reason: XLSXReadError) {
        if stopReason == nil { stopReason = reason }
        parser.abortParsing()
    }

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName: String?, attributes: [String: String] = [:]) {}

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {}

    func parser(_ parser: XMLParser, foundCharacters string: String) {}

    func parser(_ parser: XMLParser, foundInternalEntityDeclarationWithName name: String, value: String?) {
        stop(parser, .documentTypeDeclaration(part: part))
    }

    func parser(_ parser: XMLParser, foundExternalEntityDeclarationWithName name: String, publicID: String?, systemID: String?) {
        stop(parser, .documentTypeDeclaration(part: part))
    }

    func parser(_ parser: XMLParser, resolveExternalEntityName name: String, systemID: String?) -> Data? {
        stop(parser, .documentTypeDeclaration(part: part))
        return nil
    }
}

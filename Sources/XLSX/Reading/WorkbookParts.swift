import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// The workbook part's sheet list and the relationships that say where each part lives.
struct WorkbookParts {
    struct SheetEntry {
        let name: String
        let hidden: Bool
        let relationshipID: String
    }

    /// `Id` → (type, target) of a `.rels` part.
    static func relationships(_ data: Data, part: String) throws(XLSXReadError) -> [String: (type: String, target: String)] {
        let delegate = RelationshipsDelegate(part: part)
        try SafeXMLParsing.parse(data, part: part, delegate: delegate)
        return delegate.relationships
    }

    /// The sheets in order and whether dates count from 1904.
    static func workbook(_ data: Data, part: String, limits: XLSXReadLimits) throws(XLSXReadError) -> (sheets: [SheetEntry], date1904: Bool) {
        let delegate = WorkbookDelegate(part: part, maxSheets: limits.maxSheets)
        try SafeXMLParsing.parse(data, part: part, delegate: delegate)
        return (delegate.sheets, delegate.date1904)
    }

    /// The part path a relationship `target` names, from the folder of the part that holds it:
    /// `worksheets/sheet1.xml` from `xl/workbook.xml` is `xl/worksheets/sheet1.xml`; `/xl/…` is absolute.
    static func resolve(_ target: String, from part: String) -> String {
        var components: [Substring]
        if target.hasPrefix("/") {
            components = []
        } else {
            components = part.split(separator: "/")
            if !components.isEmpty { components.removeLast() }
        }
        for component in target.split(separator: "/") {
            switch component {
            case ".": continue
            case "..": if !components.isEmpty { components.removeLast() }
            default: components.append(component)
            }
        }
        return components.joined(separator: "/")
    }

    /// `_rels/.rels` of `xl/workbook.xml` is `xl/_rels/workbook.xml.rels`.
    static func relationshipsPath(of part: String) -> String {
        var components = part.split(separator: "/").map(String.init)
        let file = components.popLast() ?? ""
        return (components + ["_rels", file + ".rels"]).joined(separator: "/")
    }
}

private final class RelationshipsDelegate: GuardedXMLDelegate {
    var relationships: [String: (type: String, target: String)] = [:]

    override func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName: String?, attributes: [String: String] = [:]) {
        guard SafeXMLParsing.localName(elementName) == "Relationship",
              let id = attributes["Id"], let target = attributes["Target"] else { return }
        if attributes["TargetMode"] == "External" { return }
        relationships[id] = (attributes["Type"] ?? "", target)
        if relationships.count > 10_000 { stop(parser, .malformed(part: part, reason: "terlalu banyak relasi")) }
    }
}

private final class WorkbookDelegate: GuardedXMLDelegate {
    var sheets: [WorkbookParts.SheetEntry] = []
    var date1904 = false
    let maxSheets: Int

    init(part: String, maxSheets: Int) {
        self.maxSheets = maxSheets
        super.init(part: part)
    }

    override func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName: String?, attributes: [String: String] = [:]) {
        switch SafeXMLParsing.localName(elementName) {
        case "workbookPr":
            let value = attributes["date1904"]?.lowercased()
            date1904 = value == "1" || value == "true"
        case "sheet":
            // The relationship attribute is `r:id` with whatever prefix the file binds.
            guard let name = attributes["name"],
                  let id = attributes.first(where: { SafeXMLParsing.localName($0.key) == "id" && $0.key.contains(":") })?.value
            else { return }
            let state = attributes["state"] ?? "visible"
            sheets.append(.init(name: name, hidden: state != "visible", relationshipID: id))
            if sheets.count > maxSheets { stop(parser, .malformed(part: part, reason: "lebih dari \(maxSheets) lembar")) }
        default: break
        }
    }
}

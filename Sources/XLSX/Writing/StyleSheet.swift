/// The workbook's `styles.xml`: every distinct ``CellStyle`` used, numbered in order of first use
/// (index 0 is the default style).
final class StyleSheet {
    private var styles: [CellStyle] = [CellStyle()]
    private var indices: [CellStyle: Int] = [CellStyle(): 0]

    /// The `s` attribute of a cell with `style`.
    func index(of style: CellStyle) -> Int {
        if let index = indices[style] { return index }
        styles.append(style)
        indices[style] = styles.count - 1
        return styles.count - 1
    }

    private struct Font: Hashable {
        var bold: Bool
        var size: Int
    }

    /// The style sheet part.
    func xml() -> String {
        var fonts: [Font] = [Font(bold: false, size: 11)]
        var formats: [String] = []
        func fontID(_ style: CellStyle) -> Int {
            let font = Font(bold: style.bold, size: style.fontSize ?? 11)
            if let index = fonts.firstIndex(of: font) { return index }
            fonts.append(font)
            return fonts.count - 1
        }
        func formatID(_ format: NumberFormat) -> Int {
            if let builtin = format.builtinID { return builtin }
            if let index = formats.firstIndex(of: format.code) { return 164 + index }
            formats.append(format.code)
            return 164 + formats.count - 1
        }
        var xfs = ""
        for style in styles {
            let font = fontID(style), format = formatID(style.numberFormat)
            let fill = style.shaded ? 2 : 0, border = style.bordered ? 1 : 0
            xfs += "<xf numFmtId=\"\(format)\" fontId=\"\(font)\" fillId=\"\(fill)\" borderId=\"\(border)\" xfId=\"0\""
            xfs += format != 0 ? " applyNumberFormat=\"1\"" : ""
            xfs += font != 0 ? " applyFont=\"1\"" : ""
            xfs += fill != 0 ? " applyFill=\"1\"" : ""
            xfs += border != 0 ? " applyBorder=\"1\"" : ""
            let aligned = style.indent > 0 || style.wrap || style.alignment != nil
            xfs += aligned ? " applyAlignment=\"1\"" : ""
            xfs += style.locked ? "" : " applyProtection=\"1\""
            xfs += ">"
            if aligned {
                xfs += "<alignment"
                if let alignment = style.alignment { xfs += " horizontal=\"\(alignment.rawValue)\"" }
                else if style.indent > 0 { xfs += " horizontal=\"left\"" }
                if style.indent > 0 { xfs += " indent=\"\(style.indent)\"" }
                if style.wrap { xfs += " wrapText=\"1\" vertical=\"top\"" }
                xfs += "/>"
            }
            if !style.locked { xfs += "<protection locked=\"0\"/>" }
            xfs += "</xf>"
        }
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
        out += "<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
        if !formats.isEmpty {
            out += "<numFmts count=\"\(formats.count)\">"
            for (index, code) in formats.enumerated() {
                out += "<numFmt numFmtId=\"\(164 + index)\" formatCode=\"\(XMLText.escaped(code))\"/>"
            }
            out += "</numFmts>"
        }
        out += "<fonts count=\"\(fonts.count)\">"
        for font in fonts {
            out += "<font>" + (font.bold ? "<b/>" : "") + "<sz val=\"\(font.size)\"/><name val=\"Calibri\"/><family val=\"2\"/></font>"
        }
        out += "</fonts>"
        out += "<fills count=\"3\"><fill><patternFill patternType=\"none\"/></fill><fill><patternFill patternType=\"gray125\"/></fill>"
        out += "<fill><patternFill patternType=\"solid\"><fgColor rgb=\"FFE7E6E6\"/><bgColor indexed=\"64\"/></patternFill></fill></fills>"
        out += "<borders count=\"2\"><border><left/><right/><top/><bottom/><diagonal/></border>"
        out += "<border>" + ["left", "right", "top", "bottom"].map { "<\($0) style=\"thin\"><color rgb=\"FFA6A6A6\"/></\($0)>" }.joined()
        out += "<diagonal/></border></borders>"
        out += "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>"
        out += "<cellXfs count=\"\(styles.count)\">" + xfs + "</cellXfs>"
        out += "<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>"
        out += "</styleSheet>"
        return out
    }
}

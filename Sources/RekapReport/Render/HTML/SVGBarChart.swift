import Foundation
import RekapDomain

/// A horizontal bar chart as inline SVG: one bar per entry with its label above, its value after it,
/// and a `<title>` per bar for screen readers and hover.
///
/// Bars are scaled to the largest value, but never to less than the reference (100%), so a board where
/// everyone is at 60% does not look full and a value above 100% gets a longer bar than 100%, past the
/// dashed 100% line. Labels sit above the bars so the bars keep the full width on a phone.
enum SVGBarChart {
    // Coordinates are Decimal too: no binary floating point anywhere near the figures.
    static let width: Decimal = 460
    static let rowHeight: Decimal = 34
    static let barHeight: Decimal = 14
    static let top: Decimal = 8
    static let axisHeight: Decimal = 18
    /// Rough width of one character at the chart's 12-unit font, to keep value labels inside the frame.
    static let characterWidth: Decimal = 7

    static func render(_ chart: BarChart, id: String) -> String {
        guard !chart.bars.isEmpty else { return "" }
        let totals = chart.bars.map { $0.segments.reduce(Decimal(0), +) }
        var scaleMax = max(totals.max() ?? 0, chart.reference ?? 0)
        if scaleMax <= 0 { scaleMax = 1 }
        func x(_ value: Decimal) -> Decimal {
            DecimalText.rounded(max(0, min(1, value / scaleMax)) * width, scale: 2)
        }
        let height = top + Decimal(chart.bars.count) * rowHeight + axisHeight
        let titleID = "\(id)-title"
        var svg = "<svg class=\"chart\" viewBox=\"0 0 \(fmt(width)) \(fmt(height))\" role=\"img\" aria-labelledby=\"\(titleID)\" xmlns=\"http://www.w3.org/2000/svg\">"
        svg += "<title id=\"\(titleID)\">\(HTMLEscape.text(chart.title))</title>"
        for (index, bar) in chart.bars.enumerated() {
            let y = top + Decimal(index) * rowHeight
            let barY = y + 15
            svg += "<g class=\"row\"><title>\(HTMLEscape.text(bar.title))</title>"
            svg += "<text class=\"label\" x=\"0\" y=\"\(fmt(y + 10))\">\(HTMLEscape.text(truncated(bar.label, 64)))</text>"
            var start = Decimal(0)
            for (segmentIndex, segment) in bar.segments.enumerated() where segment > 0 {
                let from = x(start), to = x(start + segment)
                let className = chart.segmentClasses[min(segmentIndex, chart.segmentClasses.count - 1)]
                svg += "<rect class=\"\(className)\" x=\"\(fmt(from))\" y=\"\(fmt(barY))\" width=\"\(fmt(max(to - from, 1)))\" height=\"\(fmt(barHeight))\"/>"
                start += segment
            }
            let end = x(start)
            let textWidth = Decimal(bar.valueText.count) * characterWidth
            if end + 4 + textWidth <= width {
                svg += "<text class=\"value\" x=\"\(fmt(end + 4))\" y=\"\(fmt(barY + 11))\">\(HTMLEscape.text(bar.valueText))</text>"
            } else {
                svg += "<text class=\"value inside\" x=\"\(fmt(end - 4))\" y=\"\(fmt(barY + 11))\" text-anchor=\"end\">\(HTMLEscape.text(bar.valueText))</text>"
            }
            svg += "</g>"
        }
        let axisY = top + Decimal(chart.bars.count) * rowHeight
        if let reference = chart.reference {
            let refX = x(reference)
            svg += "<line class=\"reference\" x1=\"\(fmt(refX))\" y1=\"\(fmt(top))\" x2=\"\(fmt(refX))\" y2=\"\(fmt(axisY))\"/>"
            let anchor = refX > width - 30 ? "end" : "middle"
            svg += "<text class=\"axis\" x=\"\(fmt(refX))\" y=\"\(fmt(axisY + 13))\" text-anchor=\"\(anchor)\">\(HTMLEscape.text(DecimalText.string(reference)))%</text>"
        }
        svg += "<text class=\"axis\" x=\"0\" y=\"\(fmt(axisY + 13))\">0</text>"
        svg += "</svg>"
        return svg
    }

    static func truncated(_ text: String, _ limit: Int) -> String {
        text.count <= limit ? text : String(text.prefix(limit - 1)) + "…"
    }

    /// SVG coordinates: at most 2 decimals, plain digits.
    static func fmt(_ value: Decimal) -> String {
        DecimalText.string(DecimalText.rounded(value, scale: 2))
    }
}

import Foundation

/// Plain-text tables for terminal output.
public enum TextTable {
    /// Rows as aligned columns separated by two spaces, each line ending with a newline; the last
    /// column is not padded (no trailing spaces). Widths count characters, not bytes.
    public static func render(_ rows: [[String]]) -> String {
        guard let first = rows.first else { return "" }
        let widths = (0..<first.count).map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { index, cell in
                index == row.count - 1 ? cell : cell.padding(toLength: widths[index], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }.joined(separator: "\n") + "\n"
    }
}

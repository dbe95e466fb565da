/// The bounds a workbook is read within, so memory and time stay small whatever the file claims.
/// Sizes are counted while inflating, never taken from the zip headers alone.
public struct XLSXReadLimits: Sendable, Hashable {
    /// The file itself.
    public var maxFileBytes: Int
    /// One part (a sheet's XML, the shared strings) once inflated.
    public var maxPartBytes: Int
    /// All parts read, once inflated.
    public var maxTotalBytes: Int
    /// Inflated ÷ compressed size of a part, checked once a part passes ``ratioGraceBytes``.
    public var maxInflationRatio: Int
    public var ratioGraceBytes: Int
    /// Rows (with cells) of one sheet, and cells of one sheet.
    public var maxRows: Int
    public var maxCells: Int
    /// Sheets of a workbook.
    public var maxSheets: Int

    public init(maxFileBytes: Int = 20 << 20, maxPartBytes: Int = 64 << 20, maxTotalBytes: Int = 160 << 20,
                maxInflationRatio: Int = 250, ratioGraceBytes: Int = 1 << 20, maxRows: Int = 20_000,
                maxCells: Int = 400_000, maxSheets: Int = 255) {
        self.maxFileBytes = maxFileBytes
        self.maxPartBytes = maxPartBytes
        self.maxTotalBytes = maxTotalBytes
        self.maxInflationRatio = maxInflationRatio
        self.ratioGraceBytes = ratioGraceBytes
        self.maxRows = maxRows
        self.maxCells = maxCells
        self.maxSheets = maxSheets
    }

    /// Well above any report (a few thousand budget lines), far below what hurts the server.
    public static let `default` = XLSXReadLimits()
}

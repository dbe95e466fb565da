import Foundation

/// A program of a PK attachment with the amount it commits and, optionally, its lines.
public struct PKProgram: Sendable, Hashable {
    public var code: String?
    public var name: String
    public var anggaran: Amount?
    public var sumberDana: String?
    /// The kegiatan or sub kegiatan listed under the program.
    public var lines: [PKLine]
}

/// A kegiatan or sub kegiatan line under a PK program.
public struct PKLine: Sendable, Hashable {
    public var code: String?
    public var name: String
    public var anggaran: Amount?
}

import Foundation

/// A Perjanjian Kinerja (contract §1.2, `rekap.pk/v1`): the year's targets and program amounts the
/// camat signs with the wali kota, `murni` at the start of the year and `perubahan` after the budget
/// amendment. What the document prints is kept; `total` is checked against its programs, never replaced.
public struct PerjanjianKinerja: Sendable, Hashable {
    /// The only format version this library reads.
    public static let formatV1 = "rekap.pk/v1"

    public var format: String
    public var region: RegionCode
    public var year: Int
    public var kind: PKKind
    public var signed: PKSignature?
    public var indicators: [PKIndicator]
    public var programs: [PKProgram]
    /// The total the document prints ("JUMLAH"), if any.
    public var total: Amount?
}

/// Which PK of the year: the original one or the one re-signed after the budget amendment.
public enum PKKind: String, Sendable, Hashable, CaseIterable {
    case murni
    case perubahan
}

/// The signatures of a PK. A PK signed "Januari 2023" has no day, so `date` is optional.
public struct PKSignature: Sendable, Hashable {
    public var date: CalendarDate?
    /// Pihak pertama (the camat or lurah).
    public var first: PKParty?
    /// Pihak kedua (the wali kota or camat above).
    public var second: PKParty?
}

/// One signatory of a PK.
public struct PKParty: Sendable, Hashable {
    public var name: String?
    public var nip: String?
    public var jabatan: String?
}

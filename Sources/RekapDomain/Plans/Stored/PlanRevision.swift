/// Which plan document a stored row is: the key a region's revisions are numbered under.
public enum PlanKind: String, Sendable, Hashable, CaseIterable {
    case renstra
    case pkMurni = "pk_murni"
    case pkPerubahan = "pk_perubahan"

    /// The kind of a decoded plan document.
    public init(_ document: PlanDocument) {
        switch document {
        case .renstra: self = .renstra
        case .pk(let pk): self = pk.kind == .murni ? .pkMurni : .pkPerubahan
        }
    }

    /// "Renstra", "PK murni", "PK perubahan".
    public var label: String {
        switch self {
        case .renstra: "Renstra"
        case .pkMurni: "PK murni"
        case .pkPerubahan: "PK perubahan"
        }
    }
}

/// One stored revision of a plan document: a Renstra's (region, from, to) or a PK's (region, year,
/// kind), numbered like a submission's revisions. Its `id` comes from the same sequence as
/// submission ids, so an id names one stored document whatever its kind.
public struct PlanRevision: Sendable, Hashable, CustomStringConvertible {
    public let id: Int64
    public let region: RegionCode
    public let kind: PlanKind
    /// A Renstra's first year; a PK's year.
    public let from: Int
    /// A Renstra's last year; a PK's year.
    public let to: Int
    /// 1, 2, … within (region, kind, from, to).
    public let revision: Int

    public init(id: Int64, region: RegionCode, kind: PlanKind, from: Int, to: Int, revision: Int) {
        self.id = id
        self.region = region
        self.kind = kind
        self.from = from
        self.to = to
        self.revision = revision
    }

    /// The kota or kabupaten the region lies in.
    public var city: RegionCode { region.ancestor(at: .kabupatenKota) ?? region }

    /// The years the document covers (a PK: its one year).
    public var years: ClosedRange<Int> { from...to }

    /// "Renstra 2022–2026 14.72.02 revisi 1", "PK murni 2023 14.72.02 revisi 2".
    public var description: String {
        let years = kind == .renstra ? "\(from)–\(to)" : String(from)
        return "\(kind.label) \(years) \(region) revisi \(revision)"
    }
}

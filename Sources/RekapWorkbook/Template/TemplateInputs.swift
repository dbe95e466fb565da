import Foundation
import RekapDomain

/// A region as a template shows it: its code and name.
public struct TemplateRegion: Sendable, Hashable {
    public var code: RegionCode
    public var name: String

    public init(code: RegionCode, name: String) {
        self.code = code
        self.name = name
    }

    /// How a dropdown lists it: "14.72.02.1001 Jaya Mukti" (the reader takes the code before the space).
    public var choiceLabel: String { code.text + " " + name }
}

/// What is known when a report's template is made: pure values, gathered by the store.
public struct ReportTemplateInput: Sendable, Hashable {
    public var region: TemplateRegion
    public var year: Int
    public var period: Period
    /// The region's kelurahan and desa (a kelurahan's own template: itself), by code.
    public var kelurahan: [TemplateRegion]
    /// The latest revision of this report and its number: every value it holds is written, so a
    /// convert of the untouched template gives this document back.
    public var latest: LatestRevision<Submission>?
    /// Last year's FY report, used when there is no revision yet: its rows (codes, names, programs)
    /// without values.
    public var lastYear: Submission?
    /// The PK's target per indicator code, shown beside each indicator (never read back).
    public var pkTargets: [String: Decimal]

    public init(region: TemplateRegion, year: Int, period: Period, kelurahan: [TemplateRegion],
                latest: LatestRevision<Submission>? = nil, lastYear: Submission? = nil, pkTargets: [String: Decimal] = [:]) {
        self.region = region
        self.year = year
        self.period = period
        self.kelurahan = kelurahan
        self.latest = latest
        self.lastYear = lastYear
        self.pkTargets = pkTargets
    }
}

/// A stored document and its revision number.
public struct LatestRevision<Document: Sendable & Hashable>: Sendable, Hashable {
    public var revision: Int
    public var document: Document

    public init(revision: Int, document: Document) {
        self.revision = revision
        self.document = document
    }
}

/// What is known when a Renstra's template is made.
public struct RenstraTemplateInput: Sendable, Hashable {
    public var region: TemplateRegion
    public var from: Int
    public var to: Int
    /// The stored Renstra of that period, written whole.
    public var latest: LatestRevision<Renstra>?

    public init(region: TemplateRegion, from: Int, to: Int, latest: LatestRevision<Renstra>? = nil) {
        self.region = region
        self.from = from
        self.to = to
        self.latest = latest
    }
}

/// What is known when a PK's template is made.
public struct PKTemplateInput: Sendable, Hashable {
    public var region: TemplateRegion
    public var year: Int
    public var kind: PKKind
    /// The stored PK of that year and kind, written whole.
    public var latest: LatestRevision<PerjanjianKinerja>?

    public init(region: TemplateRegion, year: Int, kind: PKKind, latest: LatestRevision<PerjanjianKinerja>? = nil) {
        self.region = region
        self.year = year
        self.kind = kind
        self.latest = latest
    }
}

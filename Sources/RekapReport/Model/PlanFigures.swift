import Foundation
import RekapDomain

/// A target taken from a stored plan document (a PK or the Renstra), with the document it comes from,
/// so a reader sees which signed document a report is measured against.
public struct PlanTarget: Sendable, Hashable {
    public var value: Decimal
    /// The document as people name it: "PK perubahan 2023 14.72.02", "Renstra 2022–2026 14.72.02".
    public var document: String

    public init(value: Decimal, document: String) {
        self.value = value
        self.document = document
    }
}

/// One indicator of one quarterly (Q1–Q4) submission measured against the PK's rencana aksi target for
/// that quarter (contract §1.3, "quarterly capaian"), beside the capaian against its own target.
public struct QuarterPlanCapaian: Sendable, Hashable {
    /// The region that filed the quarterly submission (a kecamatan, or a kelurahan of it).
    public var region: ReportRegion
    public var period: Period
    public var code: String
    public var name: String
    public var polarity: Polarity
    /// The target the submission states.
    public var target: Decimal
    public var realisasi: Decimal
    /// The PK's cumulative target for the quarter.
    public var pkTarget: PlanTarget

    public init(region: ReportRegion, period: Period, code: String, name: String, polarity: Polarity = .higher,
                target: Decimal, realisasi: Decimal, pkTarget: PlanTarget) {
        self.region = region
        self.period = period
        self.code = code
        self.name = name
        self.polarity = polarity
        self.target = target
        self.realisasi = realisasi
        self.pkTarget = pkTarget
    }

    /// Capaian against the submission's own target; nil when it cannot be computed.
    public var capaian: Decimal? { Capaian.compute(target: target, realisasi: realisasi, polarity: polarity).percent }
    /// Capaian against the PK's quarterly target; nil when it cannot be computed.
    public var pkCapaian: Decimal? { Capaian.compute(target: pkTarget.value, realisasi: realisasi, polarity: polarity).percent }
}

/// An open finding across two stored documents (contract §1.3), both named.
public struct CrossDocumentFinding: Sendable, Hashable {
    /// The region whose documents disagree.
    public var region: ReportRegion
    public var severity: Finding.Severity
    /// The rule id (`plan.pk-target-vs-report` …), kept as text like a submission finding's.
    public var rule: String
    /// The figure found wrong or missing.
    public var subject: Side
    /// The document it is measured against.
    public var against: Side
    /// The message in both languages; pages show Bahasa Indonesia by default.
    public var text: LocalizedText
    /// The English message (the JSON's and the CSV's).
    public var message: String { text.en }

    /// One of the two documents: its name, stored id and revision, and the place in it.
    public struct Side: Sendable, Hashable, CustomStringConvertible {
        /// "LKjIP 2023 14.72.02", "PK murni 2023 14.72.02", "Renstra 2022–2026 14.72.02".
        public var document: String
        public var id: Int64
        public var revision: Int
        /// A JSON pointer into the document ("" for the whole document).
        public var pointer: String

        public init(document: String, id: Int64, revision: Int, pointer: String) {
            self.document = document
            self.id = id
            self.revision = revision
            self.pointer = pointer
        }

        /// "PK murni 2023 14.72.02 (id 18, revisi 1) /indicators/0/target".
        public var description: String {
            "\(document) (id \(id), revisi \(revision))\(pointer.isEmpty ? "" : " \(pointer)")"
        }
    }

    public init(region: ReportRegion, severity: Finding.Severity, rule: String, subject: Side, against: Side, text: LocalizedText) {
        self.region = region
        self.severity = severity
        self.rule = rule
        self.subject = subject
        self.against = against
        self.text = text
    }
}

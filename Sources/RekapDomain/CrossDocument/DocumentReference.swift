/// Names one stored document in a cross-document finding: its kind, region and year, and an opaque
/// `id` the store fills (a revision id, say); the domain never reads it.
public struct DocumentReference: Sendable, Hashable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable {
        /// An LKjIP (FY) or a quarterly realisation.
        case report(Period)
        /// A Renstra for `year`…`to`.
        case renstra(to: Int)
        case pk(PKKind)
    }

    public var kind: Kind
    public var region: RegionCode
    /// The report's or PK's year; a Renstra's first year (`from`).
    public var year: Int
    public var id: String?

    public init(kind: Kind, region: RegionCode, year: Int, id: String? = nil) {
        self.kind = kind
        self.region = region
        self.year = year
        self.id = id
    }

    public static func report(_ submission: Submission, id: String? = nil) -> DocumentReference {
        DocumentReference(kind: .report(submission.period), region: submission.region, year: submission.year, id: id)
    }

    public static func renstra(_ renstra: Renstra, id: String? = nil) -> DocumentReference {
        DocumentReference(kind: .renstra(to: renstra.to), region: renstra.region, year: renstra.from, id: id)
    }

    public static func pk(_ pk: PerjanjianKinerja, id: String? = nil) -> DocumentReference {
        DocumentReference(kind: .pk(pk.kind), region: pk.region, year: pk.year, id: id)
    }

    /// "LKjIP 2023 14.72.02", "laporan Q2 2023 14.72.02", "Renstra 2022–2026 14.72.02", "PK murni 2023 14.72.02".
    public var description: String {
        switch kind {
        case .report(.fy): "LKjIP \(year) \(region)"
        case .report(let period): "laporan \(period.rawValue) \(year) \(region)"
        case .renstra(let to): "Renstra \(year)–\(to) \(region)"
        case .pk(let kind): "PK \(kind.rawValue) \(year) \(region)"
        }
    }
}

/// A place in a named document.
public struct DocumentPlace: Sendable, Hashable, CustomStringConvertible {
    public let document: DocumentReference
    public let pointer: JSONPointer

    public init(_ document: DocumentReference, _ pointer: JSONPointer) {
        self.document = document
        self.pointer = pointer
    }

    public var description: String { "\(document) \(pointer.description.isEmpty ? "(document)" : pointer.description)" }
}

/// A decoded document together with the reference that names it.
public struct Filed<Document: Sendable & Hashable>: Sendable, Hashable {
    public var document: Document
    public var reference: DocumentReference

    public init(_ document: Document, reference: DocumentReference) {
        self.document = document
        self.reference = reference
    }
}

extension Filed where Document == Submission {
    public init(_ submission: Submission, id: String? = nil) { self.init(submission, reference: .report(submission, id: id)) }
}

extension Filed where Document == Renstra {
    public init(_ renstra: Renstra, id: String? = nil) { self.init(renstra, reference: .renstra(renstra, id: id)) }
}

extension Filed where Document == PerjanjianKinerja {
    public init(_ pk: PerjanjianKinerja, id: String? = nil) { self.init(pk, reference: .pk(pk, id: id)) }
}

import Foundation
import PostgresLibPQ
import RekapDomain

/// A web form's draft (`sql/0013_form_drafts.sql`): the fields as typed, kept on the server so a report
/// can be resumed from another device. Never read by consolidation.
public struct FormDraft: Sendable, Hashable {
    /// Field pointer (`indicators/0/target`) → text as typed.
    public let fields: [String: String]
    /// Who saved it last, in words (``FormDraftStore/save(_:key:by:at:on:)``'s `by`).
    public let savedBy: String
    public let savedAt: Date
    /// The Kirim button's one-time token.
    public let submitToken: String
    /// When the draft was sent as a revision (its fields are then what was sent); nil while unsent.
    public let sentAt: Date?
}

/// Which draft: one per region, year, period (and document kind: reports only for now).
public struct FormDraftKey: Sendable, Hashable {
    public let region: RegionCode
    public let year: Int
    public let period: Period
    public let kind: String

    public init(region: RegionCode, year: Int, period: Period, kind: String = SubmissionFormat.v1) {
        self.region = region
        self.year = year
        self.period = period
        self.kind = kind
    }
}

/// The document format a draft stands for.
public enum SubmissionFormat {
    public static let v1 = "rekap.submission/v1"
}

/// Why a form's send was refused before anything was stored.
public enum FormDraftError: Error, Sendable, Equatable {
    /// The form's one-time send token was already used (a double click, a resent page) or belongs to an
    /// older showing of the form.
    case alreadySent
}

/// Reads and writes drafts on a connection already inside the caller's access scope (row-level security
/// limits drafts to the regions the caller may submit for).
public enum FormDraftStore {
    /// A new one-time send token.
    public static func newSubmitToken() -> String { TokenSecret.generate(prefix: "rekap_send_") }

    /// The draft of `key`, or nil when there is none (or none the scope may see).
    public static func load(_ key: FormDraftKey, on conn: PGConnection) throws -> FormDraft? {
        let rows = try conn.query("""
            SELECT content, saved_by, saved_at, submit_token, sent_at FROM form_draft
             WHERE region_code = \(key.region.text) AND year = \(key.year) AND period = \(key.period.rawValue) AND kind = \(key.kind)
            """)
        guard let row = rows.first else { return nil }
        return FormDraft(fields: try row.decode(PGJSON.self, column: "content").decode([String: String].self),
                         savedBy: try row.decode(String.self, column: "saved_by"), savedAt: try row.decode(Date.self, column: "saved_at"),
                         submitToken: try row.decode(String.self, column: "submit_token"), sentAt: try row.decode(Date?.self, column: "sent_at"))
    }

    /// Saves `fields` as the draft of `key` (replacing the previous one; its send token is kept).
    public static func save(_ fields: [String: String], key: FormDraftKey, by: String, at: Date, on conn: PGConnection) throws {
        // The object is built by PostgreSQL from two arrays: Foundation's JSON encoder took a tenth of a Periksa.
        let names = PGArray(Array(fields.keys))
        let values = PGArray(Array(fields.values))
        try conn.execute("""
            INSERT INTO form_draft (region_code, year, period, kind, content, saved_by, saved_at, submit_token)
            VALUES (\(key.region.text), \(key.year), \(key.period.rawValue), \(key.kind), jsonb_object(\(names)::text[], \(values)::text[]),
                    \(by), \(at), \(newSubmitToken()))
            ON CONFLICT (region_code, year, period, kind) DO UPDATE
               SET content = excluded.content, saved_by = excluded.saved_by, saved_at = excluded.saved_at, sent_at = NULL
            """)
    }

    /// Uses the one-time send `token` of `key`'s draft, under the draft's row lock (so of two
    /// concurrent sends one waits and then finds the token gone), and keeps `fields` as the draft,
    /// marked sent, with a new token. Throws ``FormDraftError/alreadySent`` when the token is not the
    /// draft's (then the caller's transaction stores nothing). Without a draft, any well-formed token
    /// starts one: the form was shown from a revision, not a draft.
    public static func consumeSubmitToken(_ token: String, fields: [String: String], key: FormDraftKey, by: String, at: Date,
                                          on conn: PGConnection) throws {
        guard TokenSecret.isWellFormed(token, prefix: "rekap_send_") else { throw FormDraftError.alreadySent }
        let current = try conn.query("""
            SELECT submit_token FROM form_draft
             WHERE region_code = \(key.region.text) AND year = \(key.year) AND period = \(key.period.rawValue) AND kind = \(key.kind)
             FOR UPDATE
            """).first.map { try $0.decode(String.self, at: 0) }
        if let current {
            guard current == token else { throw FormDraftError.alreadySent }
            try conn.execute("""
                UPDATE form_draft SET content = \(try PGJSON(encoding: fields))::jsonb, saved_by = \(by), saved_at = \(at),
                       submit_token = \(newSubmitToken()), sent_at = \(at)
                 WHERE region_code = \(key.region.text) AND year = \(key.year) AND period = \(key.period.rawValue) AND kind = \(key.kind)
                """)
        } else {
            // A concurrent first send inserts the same key: the unique constraint refuses the second.
            do {
                try conn.execute("""
                    INSERT INTO form_draft (region_code, year, period, kind, content, saved_by, saved_at, submit_token, sent_at)
                    VALUES (\(key.region.text), \(key.year), \(key.period.rawValue), \(key.kind), \(try PGJSON(encoding: fields))::jsonb,
                            \(by), \(at), \(newSubmitToken()), \(at))
                    """)
            } catch let error as PGError where error.sqlState == .uniqueViolation {
                throw FormDraftError.alreadySent
            }
        }
    }

    /// Records who sent revision `submission` (in the revision's transaction).
    public static func recordSender(_ by: String, of revision: SubmissionRevision, on conn: PGConnection) throws {
        try conn.execute("""
            INSERT INTO submission_sender (submission_id, region_code, sent_by) VALUES (\(revision.id), \(revision.region.text), \(by))
            """)
    }

    /// Who sent each of `ids` through the forms (ids sent another way are absent).
    public static func senders(of ids: [Int64], on conn: PGConnection) throws -> [Int64: String] {
        var senders: [Int64: String] = [:]
        for row in try conn.query("SELECT submission_id, sent_by FROM submission_sender WHERE submission_id = ANY(\(PGArray(ids)))") {
            senders[try row.decode(Int64.self, column: "submission_id")] = try row.decode(String.self, column: "sent_by")
        }
        return senders
    }

    /// The original bytes of the latest revision of `region`'s report for `year` and `period`, or nil.
    public static func latestDocument(region: RegionCode, year: Int, period: Period, on conn: PGConnection) throws -> [UInt8]? {
        try conn.query("""
            SELECT document FROM submission WHERE region_code = \(region.text) AND year = \(year) AND period = \(period.rawValue)
             ORDER BY revision DESC LIMIT 1
            """).first?.decode([UInt8].self, column: "document")
    }

    /// Every revision of `key`'s report, newest first, with who sent it through the forms (nil: another way).
    public static func revisions(_ key: FormDraftKey, on conn: PGConnection) throws -> [FormRevision] {
        try conn.query("""
            SELECT s.id, s.revision, s.submitted_at, ss.sent_by,
                   (SELECT count(*) FROM submission_finding f WHERE f.submission_id = s.id)::int AS findings
              FROM submission s LEFT JOIN submission_sender ss ON ss.submission_id = s.id
             WHERE s.region_code = \(key.region.text) AND s.year = \(key.year) AND s.period = \(key.period.rawValue)
             ORDER BY s.revision DESC
            """).map { row in
            FormRevision(id: try row.decode(Int64.self, column: "id"), revision: try row.decode(Int.self, column: "revision"),
                         submittedAt: try row.decode(Date.self, column: "submitted_at"), sentBy: try row.decode(String?.self, column: "sent_by"),
                         findings: try row.decode(Int.self, column: "findings"))
        }
    }

    /// The original bytes of revision number `revision` of `key`'s report, or nil.
    public static func document(_ key: FormDraftKey, revision: Int, on conn: PGConnection) throws -> [UInt8]? {
        try conn.query("""
            SELECT document FROM submission WHERE region_code = \(key.region.text) AND year = \(key.year)
               AND period = \(key.period.rawValue) AND revision = \(revision)
            """).first?.decode([UInt8].self, column: "document")
    }
}

/// One revision of a report as the form's history lists it.
public struct FormRevision: Sendable, Hashable {
    public let id: Int64
    public let revision: Int
    public let submittedAt: Date
    /// Who sent it through the forms; nil when a program sent it (API, CLI).
    public let sentBy: String?
    /// How many findings it has.
    public let findings: Int

    public init(id: Int64, revision: Int, submittedAt: Date, sentBy: String?, findings: Int) {
        self.id = id
        self.revision = revision
        self.submittedAt = submittedAt
        self.sentBy = sentBy
        self.findings = findings
    }
}

import Foundation
import PostgresLibPQ
import RekapDomain

/// Whether a city/year's aggregates reflect everything stored now.
public enum Staleness: Sendable, Hashable {
    /// Computed after every submission, PBB-P2 load, region and setting now stored.
    case fresh(computedAt: Date)
    /// Something arrived or changed after the last recompute.
    case stale(StaleReason)
    /// Never computed for this city and year.
    case neverComputed

    /// When the aggregates were computed, fresh or stale; nil when never.
    public var computedAt: Date? {
        switch self {
        case .fresh(let computedAt): computedAt
        case .stale(let reason): reason.computedAt
        case .neverComputed: nil
        }
    }

    /// Compares the `agg_run` row of `city`/`year` with the database now (read-only).
    ///
    /// - Throws: `ConsolidationError` when `city` is not a kota/kabupaten in the registry.
    public static func check(city: RegionCode, year: Int, on connection: PGConnection) throws -> Staleness {
        try ConsolidationScope.checkCity(city, on: connection)
        guard let run = try ConsolidationRun.read(city: city, year: year, on: connection) else { return .neverComputed }
        let now = try ConsolidationInputs.read(city: city, year: year, on: connection)
        let settings = try ConsolidationSettings.load(city: city, year: year, on: connection)
        let reason = StaleReason(
            computedAt: run.computedAt,
            newSubmissions: max(0, now.submissions - run.inputs.submissions),
            newestSubmission: now.newestSubmission,
            newLoads: max(0, now.pbbLoads - run.inputs.pbbLoads),
            newestLoad: now.newestLoad,
            regionsChanged: now.regions != run.inputs.regions,
            settingsChanged: settings.fingerprint != run.settingsFingerprint)
        return reason.isStale ? .stale(reason) : .fresh(computedAt: run.computedAt)
    }
}

/// What changed since a city/year's aggregates were computed.
public struct StaleReason: Sendable, Hashable, CustomStringConvertible {
    /// When the aggregates were computed.
    public let computedAt: Date
    /// Submissions (revisions) of the city/year stored since, and the newest submission time now.
    public let newSubmissions: Int
    public let newestSubmission: Date?
    /// PBB-P2 loads since (of any city: a load is not tied to one), and the newest load time now.
    public let newLoads: Int
    public let newestLoad: Date?
    /// Regions were added under the city.
    public let regionsChanged: Bool
    /// The capaian cap or the predikat scale changed.
    public let settingsChanged: Bool

    var isStale: Bool { newSubmissions > 0 || newLoads > 0 || regionsChanged || settingsChanged }

    /// Plain words, e.g. "2 submissions (the newest at 2024-01-23 08:00:00 UTC) since the aggregates
    /// were computed at 2024-01-22 10:00:00 UTC".
    public var description: String { text.en }

    /// The same words in both languages (the report shows them in its reader's): "2 laporan (terbaru
    /// 2024-01-23 08:00:00 UTC) sejak agregat dihitung 2024-01-22 10:00:00 UTC".
    public var text: LocalizedText { LocalizedText(id: words(.id), en: words(.en)) }

    private func words(_ language: Language) -> String {
        if language == .id {
            var changes: [String] = []
            if newSubmissions > 0 { changes.append("\(newSubmissions) laporan" + (newestSubmission.map { " (terbaru \(Self.text($0)))" } ?? "")) }
            if newLoads > 0 { changes.append("\(newLoads) muatan PBB-P2" + (newestLoad.map { " (terbaru \(Self.text($0)))" } ?? "")) }
            if regionsChanged { changes.append("wilayah baru di registri") }
            if settingsChanged { changes.append("pengaturan konsolidasi berubah") }
            return changes.joined(separator: ", ") + " sejak agregat dihitung \(Self.text(computedAt))"
        }
        var changes: [String] = []
        if newSubmissions > 0 {
            changes.append("\(newSubmissions) submission\(newSubmissions == 1 ? "" : "s")"
                + (newestSubmission.map { " (the newest at \(Self.text($0)))" } ?? ""))
        }
        if newLoads > 0 {
            changes.append("\(newLoads) PBB-P2 load\(newLoads == 1 ? "" : "s")"
                + (newestLoad.map { " (the newest at \(Self.text($0)))" } ?? ""))
        }
        if regionsChanged { changes.append("new regions in the registry") }
        if settingsChanged { changes.append("changed consolidation settings") }
        return changes.joined(separator: ", ") + " since the aggregates were computed at \(Self.text(computedAt))"
    }

    /// `YYYY-MM-DD HH:MM:SS UTC`.
    static func text(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        func pad(_ value: Int?, _ width: Int = 2) -> String {
            let text = String(value ?? 0)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(c.year, 4))-\(pad(c.month))-\(pad(c.day)) \(pad(c.hour)):\(pad(c.minute)):\(pad(c.second)) UTC"
    }
}

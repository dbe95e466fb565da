import HTTPTypes
import Logging
import PostgresLibPQ
import RekapDomain
import RekapStore

/// What the ranking and report routes do before reading a city's aggregates, by the store's one
/// rule (``AggregateFreshness``, as `rekap rank` and `rekap report` do): aggregates never computed
/// are computed now (there would be nothing to read), stale ones are read as they are and said so in
/// the `Rekap-Aggregates` header, or recomputed first with `fresh=true`.
///
/// Runs as the daemon itself, after the route has checked that the caller may read the city: the
/// staleness check counts every input of the city (a revenue token cannot see submissions) and the
/// recompute writes aggregates, which `rekap_api` may not. The read that follows is scoped.
struct AggregateReadiness {
    let dependencies: ServerDependencies

    /// `fresh`, `stale` or `recomputed`, for the `Rekap-Aggregates` header; with the reason when stale.
    struct State: Sendable {
        var word: String
        var staleReason: String?

        var headers: HTTPFields {
            var fields: HTTPFields = [HTTPField.Name.rekapAggregates: word]
            if let staleReason { fields[HTTPField.Name.rekapStaleReason] = staleReason }
            return fields
        }
    }

    /// - Parameter tokenID: the caller's token: `fresh=true` recomputes at most once per
    ///   ``ServerSettings/freshRecomputeInterval`` per token (429 with `Retry-After` beyond).
    /// - Throws: 404 (``APIError``) when the city has no data for `year` and no aggregates: nothing
    ///   is recomputed for a year nobody reported.
    func prepare(city: RegionCode, year: Int, fresh: Bool, tokenID: Int64?, reason: String) async throws -> State {
        let decision: AggregateFreshness
        do {
            decision = try await dependencies.client.withConnection { conn in
                try AggregateFreshness.decide(city: city, year: year, fresh: fresh, on: conn)
            }
        } catch let error as ConsolidationGaveUp {
            throw APIError(.internalServerError, code: "consolidation_failed", error.description)
        }
        switch decision {
        case .fresh:
            return State(word: "fresh")
        case .stale(let why):
            return State(word: "stale", staleReason: why.description)
        case .noData:
            throw APIError(.notFound, code: "no_data", "\(city.text) has no submissions and no PBB-P2 data for \(year)")
        case .recompute(let staleness):
            if case .stale = staleness, let tokenID, let wait = dependencies.freshRecomputes.admit(tokenID: tokenID) {
                throw APIError.tooManyRequests(
                    "fresh=true recomputes at most once every \(APIError.retryAfterText(dependencies.settings.freshRecomputeInterval)) seconds per token; leave it out to read the aggregates as they are",
                    retryAfter: wait)
            }
            let target = try CityYear(city: city, year: year)
            try await ConsolidationRuns(dependencies: dependencies).runNow(target, reason: reason)
            return State(word: "recomputed")
        }
    }
}

extension HTTPField.Name {
    /// `fresh`, `stale` or `recomputed`: the state of the aggregates a ranking or report was read from.
    static let rekapAggregates = HTTPField.Name("Rekap-Aggregates")!
    /// Why the aggregates are stale, in plain words.
    static let rekapStaleReason = HTTPField.Name("Rekap-Stale-Reason")!
}

/// Recomputes asked for by the API, through the shared queue (`ConsolidationQueue.consolidateAndWait`:
/// this process does the work unless a worker already holds the job), timed into the metrics.
struct ConsolidationRuns {
    let dependencies: ServerDependencies

    @discardableResult
    func runNow(_ target: CityYear, reason: String) async throws -> WaitedConsolidation {
        let queue = ConsolidationQueue(
            workerID: dependencies.workerID, retryPolicy: dependencies.settings.retryPolicy, logger: dependencies.logger)
        let start = ContinuousClock.now
        do {
            let waited = try await queue.consolidateAndWait(target, reason: reason, using: dependencies.client)
            if waited.ranHere { dependencies.metrics.recomputed(duration: ContinuousClock.now - start, outcome: "done") }
            return waited
        } catch let error as ConsolidationJobFailed {
            dependencies.metrics.recomputed(duration: ContinuousClock.now - start, outcome: "failed")
            throw APIError(.internalServerError, code: "consolidation_failed", error.description)
        } catch let error as ConsolidationGaveUp {
            throw APIError(.internalServerError, code: "consolidation_failed", error.description)
        }
    }
}

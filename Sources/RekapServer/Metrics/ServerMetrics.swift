import CoreMetrics
import Foundation
import Metrics
import PostgresLibPQ
import Prometheus
import RekapDomain
import RekapStore

/// rekapd's metrics, kept in its own Prometheus registry (swift-metrics API, swift-prometheus
/// backend) and written by `GET /metrics` in the Prometheus text format:
///
/// - `rekap_http_requests_total{method, route, status}`: requests answered.
/// - `rekap_http_request_duration_seconds{method, route}`: latency histogram.
/// - `rekap_answer_cache_lookups_total{route, source}`: ranking answers by where they came from
///   (`stored`, `joined` a read under way, or `read`): the answer cache's hit ratio.
/// - `rekap_consolidation_duration_seconds{outcome}`: recompute durations (worker and API).
/// - `rekap_consolidation_jobs{status}` (`pending`, `running`: being recomputed now, `failed`),
///   `rekap_consolidation_lag_seconds` (the oldest pending job's age), `rekap_stale_aggregates` (city/years
///   whose aggregates are older than their data) and `rekap_stale_aggregates_lag_seconds` (how long the
///   oldest have been): read at scrape time (``ConsolidationSnapshot``).
/// - `rekap_db_pool_connections{state}`, `rekap_db_pool_waiters`: the connection pool, at scrape time.
///
/// Not bootstrapped into the global `MetricsSystem`: each daemon (and each test) has its own registry.
public final class ServerMetrics: Sendable {
    public let registry: PrometheusCollectorRegistry
    private let factory: PrometheusMetricsFactory

    public init() {
        let registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        // Recomputes take seconds to minutes for a province; requests milliseconds to seconds.
        factory.durationHistogramBuckets["rekap_consolidation_duration_seconds"] = [
            .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1),
            .milliseconds(2500), .seconds(5), .seconds(10), .seconds(30), .seconds(60), .seconds(120), .seconds(300),
        ]
        self.registry = registry
        self.factory = factory
    }

    /// Counts one answered request and records its duration.
    func requestAnswered(method: String, route: String, status: Int, duration: Duration) {
        Counter(label: "rekap_http_requests_total", dimensions: [("method", method), ("route", route), ("status", String(status))], factory: factory)
            .increment()
        Metrics.Timer(label: "rekap_http_request_duration_seconds", dimensions: [("method", method), ("route", route)], factory: factory)
            .record(duration: duration)
    }

    /// Counts one ranking answer by where it came from (``AnswerCache/Source``).
    func answerServed(route: String, source: AnswerCache.Source) {
        Counter(label: "rekap_answer_cache_lookups_total", dimensions: [("route", route), ("source", source.rawValue)], factory: factory)
            .increment()
    }

    /// Records one recompute of a city's aggregates: `outcome` is `done` or `failed`.
    public func recomputed(duration: Duration, outcome: String) {
        Metrics.Timer(label: "rekap_consolidation_duration_seconds", dimensions: [("outcome", outcome)], factory: factory)
            .record(duration: duration)
    }

    /// Reads the gauges that describe the present (queue, pool), then writes every metric as
    /// Prometheus text. A database that cannot be reached leaves the queue gauges as they were.
    func scrape(client: PGClient) async -> [UInt8] {
        gauge("rekap_db_pool_connections", [("state", "open")], client.openConnectionCount)
        gauge("rekap_db_pool_connections", [("state", "idle")], client.idleConnectionCount)
        gauge("rekap_db_pool_connections", [("state", "in_use")], client.openConnectionCount - client.idleConnectionCount)
        gauge("rekap_db_pool_connections", [("state", "max")], client.options.maxConnections)
        gauge("rekap_db_pool_waiters", [], client.waiterCount)
        let read = try? await client.withConnection { conn in
            (try ConsolidationSnapshot.read(on: conn), try ConsolidationSnapshot.runningJobs(on: conn))
        }
        if case let (snapshot, running)? = read {
            gauge("rekap_consolidation_jobs", [("status", "pending")], snapshot.pendingJobs)
            gauge("rekap_consolidation_jobs", [("status", "running")], running)
            gauge("rekap_consolidation_jobs", [("status", "failed")], snapshot.failedJobs)
            Gauge(label: "rekap_consolidation_lag_seconds", dimensions: [], factory: factory).record(Self.double(snapshot.queueLagSeconds))
            gauge("rekap_stale_aggregates", [], snapshot.staleAggregates)
            Gauge(label: "rekap_stale_aggregates_lag_seconds", dimensions: [], factory: factory)
                .record(Self.double(snapshot.staleLagSeconds))
        }
        var buffer: [UInt8] = []
        registry.emit(into: &buffer)
        return buffer
    }

    private func gauge(_ label: String, _ dimensions: [(String, String)], _ value: Int) {
        Gauge(label: label, dimensions: dimensions, factory: factory).record(value)
    }

    /// Seconds for a gauge (Prometheus' values are floating point anyway).
    private static func double(_ seconds: Decimal) -> Double {
        Double(DecimalText.string(seconds)) ?? 0
    }
}


import Foundation
import Hummingbird
import PostgresLibPQ
import RekapDomain
import RekapStore

/// `GET /healthz`: whether the API can do its work, for load balancers and monitoring. Public.
///
/// 200 when the database answers and consolidation keeps up (``ConsolidationSnapshot/isLagging(beyond:)``
/// with ``ServerSettings/maxConsolidationLag``: no pending job and no stale aggregates older than
/// that); 503 otherwise. Both with a JSON body: `{"status":"ok","database":"reachable",
/// "pending_jobs":0,"consolidation_lag_seconds":0,"failed_jobs":0,"stale_aggregates":0,
/// "stale_lag_seconds":0,"max_consolidation_lag_seconds":600}`.
enum HealthRoutes {
    static func add(to router: Router<RekapRequestContext>, _ dependencies: ServerDependencies) {
        router.get("/healthz") { _, _ -> Response in
            await check(dependencies)
        }
    }

    static func check(_ dependencies: ServerDependencies) async -> Response {
        let snapshot: ConsolidationSnapshot
        do {
            snapshot = try await dependencies.client.withConnection { conn in try ConsolidationSnapshot.read(on: conn) }
        } catch {
            // Every pooled connection in use is a busy server, not an unreachable database: a load
            // balancer should wait (Retry-After), not page someone about PostgreSQL.
            let busy = (error as? PGError)?.kind == .poolTimeout
            var response = Response.json(
                .object([
                    JSONMember(key: "status", value: .string(busy ? "busy" : "unavailable")),
                    JSONMember(key: "database", value: .string(busy ? "busy" : "unreachable")),
                    JSONMember(key: "error", value: .string(Self.reason(error))),
                ]),
                status: .serviceUnavailable)
            if busy { response.headers[.retryAfter] = "5" }
            return response
        }
        let limit = dependencies.settings.maxConsolidationLag
        let lagging = snapshot.isLagging(beyond: limit)
        return .json(
            .object([
                JSONMember(key: "status", value: .string(lagging ? "lagging" : "ok")),
                JSONMember(key: "database", value: .string("reachable")),
                JSONMember(key: "pending_jobs", value: .number(String(snapshot.pendingJobs))),
                JSONMember(key: "consolidation_lag_seconds", value: .number(DecimalText.string(snapshot.queueLagSeconds))),
                JSONMember(key: "failed_jobs", value: .number(String(snapshot.failedJobs))),
                JSONMember(key: "stale_aggregates", value: .number(String(snapshot.staleAggregates))),
                JSONMember(key: "stale_lag_seconds", value: .number(DecimalText.string(snapshot.staleLagSeconds))),
                JSONMember(key: "max_consolidation_lag_seconds", value: .number(String(limit.components.seconds))),
            ]),
            status: lagging ? .serviceUnavailable : .ok)
    }

    /// What went wrong, without the connection string (it may hold a password).
    private static func reason(_ error: any Error) -> String {
        if let error = error as? PGError { return error.message }
        return "\(error)"
    }
}

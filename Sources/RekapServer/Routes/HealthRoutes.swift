import Foundation
import Hummingbird
import PostgresLibPQ
import RekapDomain

/// `GET /healthz`: whether the API can do its work, for load balancers and monitoring. Public.
///
/// 200 when the database answers and the oldest pending consolidation job is younger than
/// ``ServerSettings/maxConsolidationLag``; 503 otherwise. Both with a JSON body:
/// `{"status":"ok","database":"reachable","pending_jobs":0,"consolidation_lag_seconds":0}`.
enum HealthRoutes {
    static func add(to router: Router<RekapRequestContext>, _ dependencies: ServerDependencies) {
        router.get("/healthz") { _, _ -> Response in
            await check(dependencies)
        }
    }

    /// The pending consolidation jobs and the age of the oldest, as the database sees them.
    struct QueueState: Sendable {
        var pending: Int
        var lagSeconds: Decimal
    }

    static func check(_ dependencies: ServerDependencies) async -> Response {
        let state: QueueState
        do {
            state = try await dependencies.client.withConnection { conn in
                let row = try conn.query(
                    """
                    SELECT count(*)::bigint AS pending,
                           coalesce(round(extract(epoch FROM now() - min(requested_at))::numeric, 3), 0) AS lag
                    FROM consolidation_job WHERE status IN ('pending', 'running')
                    """
                ).first
                return QueueState(
                    pending: try row?.decode(Int.self, column: "pending") ?? 0,
                    lagSeconds: try row?.decode(Decimal.self, column: "lag") ?? 0)
            }
        } catch {
            return .json(
                .object([
                    JSONMember(key: "status", value: .string("unavailable")),
                    JSONMember(key: "database", value: .string("unreachable")),
                    JSONMember(key: "error", value: .string(Self.reason(error))),
                ]),
                status: .serviceUnavailable)
        }
        let limit = Decimal(dependencies.settings.maxConsolidationLag.components.seconds)
        let lagging = state.lagSeconds > limit
        return .json(
            .object([
                JSONMember(key: "status", value: .string(lagging ? "lagging" : "ok")),
                JSONMember(key: "database", value: .string("reachable")),
                JSONMember(key: "pending_jobs", value: .number(String(state.pending))),
                JSONMember(key: "consolidation_lag_seconds", value: .number(DecimalText.string(state.lagSeconds))),
                JSONMember(key: "max_consolidation_lag_seconds", value: .number(DecimalText.string(limit))),
            ]),
            status: lagging ? .serviceUnavailable : .ok)
    }

    /// What went wrong, without the connection string (it may hold a password).
    private static func reason(_ error: any Error) -> String {
        if let error = error as? PGError { return error.message }
        return "\(error)"
    }
}

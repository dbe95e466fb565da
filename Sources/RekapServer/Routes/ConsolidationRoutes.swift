import Hummingbird
import NIOCore
import RekapDomain
import RekapStore

/// `POST /v1/consolidations` with `{"city": "14.72", "year": 2023, "wait": true}`: asks for the city's
/// aggregates of that year to be recomputed, through the shared queue (``ConsolidationQueue``), as
/// `rekap consolidate` does. Bappeda of the city only (403 otherwise).
///
/// The job is queued in the caller's scope (row-level security checks the insert), folded into the
/// pending job of the same city and year if there is one. Then:
/// - `wait` true (the default): recomputed now, here or by the worker already holding it; 200 with
///   `{"job_id", "city", "year", "status": "done", "ran_here", "worker_id"}`.
/// - `wait` false: 202 with `{"job_id", "city", "year", "status": "pending", "coalesced"}`; rekapd's
///   worker is woken for it.
enum ConsolidationRoutes {
    static let maxBodyBytes = 4096

    static func add(to group: RouterGroup<RekapRequestContext>, _ dependencies: ServerDependencies) {
        group.post("consolidations") { request, context -> Response in
            try await consolidate(request, context, dependencies)
        }
    }

    struct Ask {
        var target: CityYear
        var wait: Bool
    }

    static func consolidate(_ request: Request, _ context: RekapRequestContext, _ dependencies: ServerDependencies) async throws -> Response {
        let scope = try context.requireIdentity()
        var request = request
        let body: ByteBuffer
        do {
            body = try await request.collectBody(upTo: maxBodyBytes)
        } catch let error as any HTTPResponseError where error.status == .contentTooLarge {
            throw APIError.tooLarge(limit: maxBodyBytes)
        }
        let ask = try parse(body)
        guard scope.mayConsolidate(city: ask.target.city) else {
            throw APIError.forbidden("this \(scope.role.rawValue) token (\(scope.region.text)) may not recompute \(ask.target.city.text); Bappeda tokens of the city may")
        }
        let reason = "API (token \(context.tokenID.map(String.init) ?? "-"))"
        let queue = ConsolidationQueue(workerID: dependencies.workerID, logger: dependencies.logger)
        let target = ask.target
        let queued = try await dependencies.client.withTransaction(scope: scope) { conn in
            try queue.enqueue(target, reason: reason, on: conn)
        }
        func members(_ id: Int64, _ status: String) -> [JSONMember] {
            [
                JSONMember(key: "job_id", value: .number(String(id))),
                JSONMember(key: "city", value: .string(target.city.text)),
                JSONMember(key: "year", value: .number(String(target.year))),
                JSONMember(key: "status", value: .string(status)),
            ]
        }
        guard ask.wait else {
            await dependencies.consolidationQueued(target)
            return .json(.object(members(queued.id, "pending") + [JSONMember(key: "coalesced", value: .bool(queued.coalesced))]), status: .accepted)
        }
        let done = try await ConsolidationRuns(dependencies: dependencies).runNow(target, reason: reason)
        return .json(.object(members(done.jobID, "done") + [
            JSONMember(key: "ran_here", value: .bool(done.ranHere)),
            JSONMember(key: "worker_id", value: done.workerID.map(JSONValue.string) ?? .null),
        ]))
    }

    /// The request body: `city` (a kota/kabupaten code) and `year` required, `wait` optional.
    static func parse(_ body: ByteBuffer) throws -> Ask {
        let document: JSONValue
        do {
            document = try JSONParser().parse(body.readableBytesView)
        } catch {
            throw APIError.badRequest("the body is not JSON: \(error)")
        }
        guard case .object = document else { throw APIError.badRequest("the body must be a JSON object like {\"city\": \"14.72\", \"year\": 2023}") }
        guard case .string(let cityText)? = document["city"] else { throw APIError.badRequest("/city: a kota or kabupaten code string is required") }
        guard case .number(let yearText)? = document["year"] else { throw APIError.badRequest("/year: a year number is required") }
        let city = try Request.city(cityText, name: "/city")
        let year = try Request.year(yearText, name: "/year")
        var wait = true
        switch document["wait"] {
        case nil, .null?: break
        case .bool(let value)?: wait = value
        default: throw APIError.badRequest("/wait must be true or false")
        }
        do {
            return Ask(target: try CityYear(city: city, year: year), wait: wait)
        } catch {
            throw APIError.badRequest(error.description)
        }
    }
}

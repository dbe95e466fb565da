import Foundation
import Hummingbird
import PostgresLibPQ
import RekapDomain
import RekapStore

/// `POST /v1/pbb/ketetapan` and `POST /v1/pbb/pembayaran`: a PBB-P2 feed (contract §2) as the CSV
/// body, loaded as `rekap pbb load` loads it (``PBBFeedLoader``, same checks, same COPY path, one
/// transaction). Revenue tokens of the city only (403 otherwise).
///
/// The body is first spooled to a temporary file (``UploadSpool``, at most
/// ``ServerSettings/maxFeedBytes``, 413 above): a client that sends slowly or stops holds no pooled
/// connection and no lock while it does. Then the loader reads the file on a pooled connection's
/// thread inside the token's scope (`prepareTransaction`), so row-level security checks every row:
/// a feed naming another city's objects is refused whole (403). A token has at most
/// ``ServerSettings/uploadsPerToken`` uploads in progress (429 with `Retry-After` beyond).
///
/// 201 loaded, 200 the same bytes were loaded before (nothing changed), 422 with the bad lines
/// (nothing stored). `?name=` is the file name recorded with the load (default `kind.csv`).
enum PBBRoutes {
    static func add(to group: RouterGroup<RekapRequestContext>, _ dependencies: ServerDependencies) {
        for kind in [PBBFeedKind.ketetapan, .pembayaran] {
            group.post("pbb/\(kind.rawValue)") { request, context -> Response in
                try await load(kind, request, context, dependencies)
            }
        }
    }

    static func load(
        _ kind: PBBFeedKind, _ request: Request, _ context: RekapRequestContext, _ dependencies: ServerDependencies
    ) async throws -> Response {
        let scope = try context.requireIdentity()
        guard scope.mayLoadPBB(city: scope.city) else {
            throw APIError.forbidden("a \(scope.role.rawValue) token cannot load PBB-P2 feeds; revenue tokens of the city do")
        }
        let name = request.query("name").flatMap { $0.isEmpty ? nil : String($0.prefix(200)) } ?? "\(kind.rawValue).csv"
        let settings = dependencies.settings
        if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > settings.maxFeedBytes {
            throw APIError.tooLarge(limit: settings.maxFeedBytes)
        }
        let tokenID = context.tokenID ?? 0
        let outcome: Result<PBBLoadResult, PBBFeedRejection>? = try await dependencies.uploads.withSlot(tokenID: tokenID) {
            let spool: UploadSpool
            do {
                spool = try await UploadSpool(request.body, limit: settings.maxFeedBytes, directory: settings.spoolDirectory)
            } catch let error as RequestBodyError {
                throw APIError.badRequest(error.description)
            }
            let feed = PBBFeed(kind: kind, name: name) { spool.source }
            let loader = PBBFeedLoader(prepareTransaction: { conn in try conn.enterAccessScope(scope) })
            do {
                return .success(try await loader.load([feed], client: dependencies.client))
            } catch let rejection as PBBFeedRejection {
                return .failure(rejection)
            } catch let error as PGError where error.sqlState == .insufficientPrivilege {
                throw APIError.forbidden(
                    "the feed names tax objects or kelurahan outside \(scope.city.text), which this token may not load; nothing was stored")
            }
        }
        let result: PBBLoadResult
        switch outcome {
        case nil:
            throw APIError.tooManyRequests(
                "this token already has \(settings.uploadsPerToken) PBB-P2 upload\(settings.uploadsPerToken == 1 ? "" : "s") in progress; send the next when one is done",
                retryAfter: .seconds(5))
        case .failure(let rejection)?:
            return .json(PBBLoadJSON.rejection(rejection), status: .unprocessableContent)
        case .success(let loaded)?:
            result = loaded
        }
        let loaded = result.feeds.contains { if case .loaded = $0.status { true } else { false } }
        return .json(PBBLoadJSON.result(result), status: loaded ? .created : .ok)
    }
}

/// What a PBB-P2 load answers, in JSON.
enum PBBLoadJSON {
    /// `{"status": "loaded" | "already_loaded", "feeds": [...], "cities": [...], "years": [...]}`.
    static func result(_ result: PBBLoadResult) -> JSONValue {
        let loaded = result.feeds.contains { if case .loaded = $0.status { true } else { false } }
        return .object([
            JSONMember(key: "status", value: .string(loaded ? "loaded" : "already_loaded")),
            JSONMember(key: "feeds", value: .array(result.feeds.map(feed))),
            JSONMember(key: "cities", value: .array(result.cities.map(JSONValue.string))),
            JSONMember(key: "years", value: .array(result.years.map { .number(String($0)) })),
        ])
    }

    static func feed(_ feed: PBBFeedOutcome) -> JSONValue {
        var members = [
            JSONMember(key: "kind", value: .string(feed.kind.rawValue)),
            JSONMember(key: "name", value: .string(feed.name)),
            JSONMember(key: "sha256", value: .string(feed.sha256)),
            JSONMember(key: "rows", value: .number(String(feed.rows))),
            JSONMember(key: "bytes", value: .number(String(feed.bytes))),
        ]
        switch feed.status {
        case .loaded(let loadID, let added, let replaced, let unchanged):
            members += [
                JSONMember(key: "status", value: .string("loaded")),
                JSONMember(key: "load_id", value: .number(String(loadID))),
                JSONMember(key: "added", value: .number(String(added))),
                JSONMember(key: "replaced", value: .number(String(replaced))),
                JSONMember(key: "unchanged", value: .number(String(unchanged))),
            ]
        case .alreadyLoaded(let loadID, let loadedAt):
            members += [
                JSONMember(key: "status", value: .string("already_loaded")),
                JSONMember(key: "load_id", value: .number(String(loadID))),
                JSONMember(key: "loaded_at", value: .string(loadedAt)),
            ]
        }
        return .object(members)
    }

    /// `{"status": "rejected", "files": [{"file", "total", "problems": [{"line", "reason"}]}]}`.
    static func rejection(_ rejection: PBBFeedRejection) -> JSONValue {
        .object([
            JSONMember(key: "status", value: .string("rejected")),
            JSONMember(key: "files", value: .array(rejection.files.map { file in
                .object([
                    JSONMember(key: "file", value: .string(file.file)),
                    JSONMember(key: "total", value: .number(String(file.total))),
                    JSONMember(key: "problems", value: .array(file.problems.map { problem in
                        .object([
                            JSONMember(key: "line", value: .number(String(problem.line))),
                            JSONMember(key: "reason", value: .string(problem.reason)),
                        ])
                    })),
                ])
            })),
        ])
    }
}

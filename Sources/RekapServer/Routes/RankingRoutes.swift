import Foundation
import HTTPTypes
import Hummingbird
import PostgresLibPQ
import RekapDomain
import RekapReport
import RekapStore

/// `GET /v1/rankings/{pbb|iku|penyerapan|awards}?city=&year=&level=&as_of=&lowest=&indicator=&fresh=&format=`:
/// the contract's ranking JSON (§3), the very text `rekap rank ... --format json` prints
/// (``LeaderboardJSON``), read in the caller's scope; `format=xlsx` answers the workbook
/// `rekap rank ... --format xlsx` writes (never cached: it is made on request).
///
/// `city` defaults to the token's city. PBB-P2 is for Bappeda and revenue of the city, the others for
/// Bappeda (403 otherwise). `level` (pbb: kelurahan or kecamatan), `as_of` (pbb: YYYY-MM-DD),
/// `indicator` (iku), `lowest` (all but awards) as the CLI options. The `Rekap-Aggregates` header
/// says whether the aggregates were fresh, stale (read as they are; `fresh=true` recomputes) or just
/// recomputed (never computed before).
///
/// Answers are kept in the ``AnswerCache`` (keyed by the caller's scope and the normalized query,
/// served while no submission, load or recompute has committed since the city's stamp, read with the
/// token); the access check runs before every lookup. A cached answer costs one statement.
enum RankingRoutes {
    enum Kind: String, CaseIterable {
        case pbb, iku, penyerapan, awards
    }

    /// A ranking as read, before it is rendered.
    enum Board: Sendable {
        case ratio(Leaderboard)
        case medals(MedalLeaderboard)

        var json: String {
            switch self {
            case .ratio(let board): LeaderboardJSON.text(board)
            case .medals(let board): LeaderboardJSON.text(board)
            }
        }

        func workbook(lines: [String], language: Language) throws -> Data {
            switch self {
            case .ratio(let board): try XLSXRenderer.render(board, lines: lines, language: language)
            case .medals(let board): try XLSXRenderer.render(board, lines: lines, language: language)
            }
        }
    }

    static func add(to group: RouterGroup<RekapRequestContext>, _ dependencies: ServerDependencies) {
        // One route per ranking, so logs and metrics tell them apart.
        for kind in Kind.allCases {
            group.get("rankings/\(kind.rawValue)") { request, context -> Response in
                try await rank(kind, request, context, dependencies)
            }
        }
    }

    static func rank(_ kind: Kind, _ request: Request, _ context: RekapRequestContext, _ dependencies: ServerDependencies) async throws -> Response {
        let scope = try context.requireIdentity()
        let city = try request.cityParameter(fallback: scope.city)
        let year = try request.yearParameter()
        let fresh = try request.flagParameter("fresh")
        let lowest = try request.flagParameter("lowest")
        let allowed = kind == .pbb ? scope.mayReadPBBRanking(city: city) : scope.mayReadCity(city)
        guard allowed else {
            let readers = kind == .pbb ? "Bappeda and revenue tokens of the city" : "Bappeda tokens of the city"
            throw APIError.forbidden("this \(scope.role.rawValue) token (\(scope.region.text)) may not read the \(kind.rawValue) ranking of \(city.text); \(readers) may")
        }
        let formatText = request.query("format") ?? "json"
        guard formatText == "json" || formatText == "xlsx" else {
            throw APIError.badRequest("format must be json or xlsx, not \"\(formatText)\"")
        }
        let (parameters, readBoard) = try rankingReader(kind, request, city: city, year: year, lowest: lowest)
        let read: @Sendable (PGConnection) throws -> String = { conn in try readBoard(conn).json }
        if formatText == "xlsx" {
            let state = try await AggregateReadiness(dependencies: dependencies)
                .prepare(city: city, year: year, fresh: fresh, tokenID: context.tokenID, reason: "API ranking (token \(context.tokenID.map(String.init) ?? "-"))")
            let board: Board
            do {
                board = try await dependencies.client.withTransaction(scope: scope, readBoard)
            } catch let error as ConsolidationError {
                throw APIError.notFound(error.reason)
            }
            let asOf = request.query("as_of").flatMap { try? CalendarDate(parsing: $0) }
            // The workbook is read by people: in their language, as pages are (the JSON has no text to translate).
            let language = RequestLanguage.of(request)
            let lines = XLSXRenderer.rankingLines(city: city, year: year, asOf: asOf, language: language)
            return .workbook(try board.workbook(lines: lines, language: language), filename: "rekap-peringkat-\(kind.rawValue)-\(city.text)-\(year).xlsx", headers: state.headers)
        }

        let tokenID = context.tokenID
        let reason = "API ranking (token \(tokenID.map(String.init) ?? "-"))"
        let readAnswer: @Sendable () async throws -> AnswerCache.ReadAnswer = {
            let state = try await AggregateReadiness(dependencies: dependencies).prepare(city: city, year: year, fresh: fresh, tokenID: tokenID, reason: reason)
            let text: String
            do {
                text = try await dependencies.client.withTransaction(scope: scope, read)
            } catch let error as ConsolidationError {
                throw APIError.notFound(error.reason)  // e.g. no kecamatan reported that indicator
            }
            let answer = AnswerCache.Answer(body: text, contentType: "application/json; charset=utf-8", headers: state.headers)
            // "recomputed" tells of this request's own recompute: the next reader gets "fresh" by reading.
            return AnswerCache.ReadAnswer(answer: answer, keep: state.word != "recomputed")
        }
        // Looked up only after the access check above; `fresh=true` always reads. The stamp is read
        // before the staleness check and the read, so a change committed meanwhile leaves the entry
        // stored with an older stamp than the next lookup's: it is never served.
        let answer: AnswerCache.Answer
        if fresh {
            answer = try await readAnswer().answer
        } else {
            // Read with the token when the city is the token's (always, for a caller who may read it).
            let stamp = if let cityStamp = context.cityStamp, city == scope.city {
                cityStamp
            } else {
                try await dependencies.client.withConnection { conn in try AggregateStamp.read(city: city, on: conn) }
            }
            let key = AnswerCache.Key(route: kind.rawValue, scope: scope, city: city, year: year, parameters: parameters)
            let source: AnswerCache.Source
            (answer, source) = try await dependencies.answers.answer(for: key, stamp: stamp, read: readAnswer)
            dependencies.metrics.answerServed(route: kind.rawValue, source: source)
        }
        return .text(answer.body, contentType: answer.contentType, headers: answer.headers)
    }

    /// Checks the kind's own parameters now (400 before any database work) and returns them
    /// normalized (defaults filled in: the answer cache's key) with the read.
    private static func rankingReader(
        _ kind: Kind, _ request: Request, city: RegionCode, year: Int, lowest: Bool
    ) throws -> (parameters: [String], read: @Sendable (PGConnection) throws -> Board) {
        switch kind {
        case .pbb:
            let levelText = request.query("level") ?? PBBRankingLevel.kelurahan.rawValue
            guard let level = PBBRankingLevel(rawValue: levelText) else {
                throw APIError.badRequest("level must be kelurahan or kecamatan, not \"\(levelText)\"")
            }
            let asOf: CalendarDate?
            do {
                asOf = try request.query("as_of").map { try CalendarDate(parsing: $0) }
            } catch {
                throw APIError.badRequest("as_of: \(error)")
            }
            return ([level.rawValue, asOf?.description ?? "-", String(lowest)], { conn in
                .ratio(try Rankings.pbb(city: city, year: year, level: level, asOf: asOf, lowest: lowest, on: conn))
            })
        case .iku:
            let indicator = request.query("indicator")
            return ([indicator.map { "indicator=" + $0 } ?? "every indicator", String(lowest)], { conn in
                .ratio(try Rankings.iku(city: city, year: year, indicator: indicator, lowest: lowest, on: conn))
            })
        case .penyerapan:
            return ([String(lowest)], { conn in .ratio(try Rankings.penyerapan(city: city, year: year, lowest: lowest, on: conn)) })
        case .awards:
            if request.query("lowest") != nil { throw APIError.badRequest("the awards ranking has no lowest order") }
            return ([], { conn in .medals(try Rankings.awards(city: city, year: year, on: conn)) })
        }
    }
}

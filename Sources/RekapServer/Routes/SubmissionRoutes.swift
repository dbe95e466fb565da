import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import RekapDomain
import RekapReport
import RekapStore
import RekapWorkbook

/// Submissions and plan documents (contract §1, §1.2), answered as `rekap submit / submissions list /
/// submissions show --format json` print them (``SubmissionJSON``, ``PlanJSON``); the document's
/// `format` decides whether it is a report, a Renstra or a PK:
///
/// - `POST /v1/submissions`: 201 stored (with `Location`), 200 a byte-identical repeat, 422 rejected
///   (every problem with its JSON pointer), 413 over ``ServerSettings/maxSubmissionBytes``, 403 for a
///   region outside the token's (Bappeda and revenue tokens never submit). A workbook (the
///   spreadsheet media type, or a body starting as one) is read into its JSON (``WorkbookReader``)
///   and that JSON is checked and stored as if it had been sent; its problems name their cells.
/// - `GET /v1/submissions?region=&year=`: the revisions of a region and the regions inside it; the
///   token's own region by default; 403 for a region it may not read.
/// - `GET /v1/submissions/{id}`: one revision; 404 when there is none the token may read (another
///   region's answers exactly as a missing id, so no answer tells whether it exists).
enum SubmissionRoutes {
    static func add(to group: RouterGroup<RekapRequestContext>, _ dependencies: ServerDependencies) {
        group.post("submissions") { request, context -> Response in
            try await submit(request, context, dependencies)
        }
        group.get("submissions") { request, context -> Response in
            try await list(request, context, dependencies)
        }
        group.get("submissions/{id}") { _, context -> Response in
            try await show(context, dependencies)
        }
    }

    static func submit(_ request: Request, _ context: RekapRequestContext, _ dependencies: ServerDependencies) async throws -> Response {
        let scope = try context.requireIdentity()
        guard scope.role == .kecamatan || scope.role == .kelurahan else {
            throw APIError.forbidden("a \(scope.role.rawValue) token cannot submit reports; kecamatan and kelurahan tokens do")
        }
        let limit = dependencies.settings.maxSubmissionBytes
        // Said before reading a byte when the client announces the size.
        if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > limit {
            throw APIError.tooLarge(limit: limit)
        }
        var request = request
        let body: ByteBuffer
        do {
            body = try await request.collectBody(upTo: limit)
        } catch let error as any HTTPResponseError where error.status == .contentTooLarge {
            throw APIError.tooLarge(limit: limit)
        }
        var document = Array(body.readableBytesView)
        var conversion: WorkbookConversion?
        if WorkbookDetection.isWorkbook(contentType: request.headers[.contentType], head: document.prefix(8)) {
            switch WorkbookReader.read(Data(document)) {
            case .success(let converted):
                conversion = converted
                document = Array(converted.json.utf8)
            case .failure(let rejection):
                return .json(WorkbookProblem.rejection(rejection.problems), status: .unprocessableContent)
            }
        }
        let outcome: DocumentSubmitOutcome
        do {
            outcome = try await SubmissionStore(client: dependencies.client, scope: scope).submitDocument(bytes: document)
        } catch SubmissionStoreError.notAllowed(let region, let scope) {
            throw APIError.forbidden("this \(scope.role.rawValue) token (\(scope.region.text)) may not submit for \(region.text); nothing was stored")
        }
        var json = PlanJSON.outcome(outcome)
        if let conversion, !outcome.problems.isEmpty {
            json = WorkbookProblem.replacingProblems(in: json, with: conversion.locate(outcome.problems))
        }
        switch outcome {
        case .report(.stored(let revision, _, _), _):
            return .json(json, status: .created, headers: [.location: "/v1/submissions/\(revision.id)"])
        case .plan(.stored(let revision, _, _, _)):
            return .json(json, status: .created, headers: [.location: "/v1/submissions/\(revision.id)"])
        case .report(.unchanged(let revision), _):
            return .json(json, status: .ok, headers: [.location: "/v1/submissions/\(revision.id)"])
        case .plan(.unchanged(let revision)):
            return .json(json, status: .ok, headers: [.location: "/v1/submissions/\(revision.id)"])
        case .report(.rejected, _), .plan(.rejected):
            return .json(json, status: .unprocessableContent)
        }
    }

    static func list(_ request: Request, _ context: RekapRequestContext, _ dependencies: ServerDependencies) async throws -> Response {
        let scope = try context.requireIdentity()
        let region: RegionCode
        if let text = request.query("region") {
            do {
                region = try RegionCode(parsing: text)
            } catch {
                throw APIError.badRequest("region: \(error.description)")
            }
        } else {
            region = scope.region
        }
        let year = try request.query("year").map { try Request.year($0, name: "year") }
        guard scope.mayRead(region) else {
            throw APIError.forbidden("this \(scope.role.rawValue) token (\(scope.region.text)) may not read the submissions of \(region.text)")
        }
        let listings = try await SubmissionStore(client: dependencies.client, scope: scope).list(region: region, year: year)
        let plans = try await PlanStore(client: dependencies.client, scope: scope).list(region: region, year: year)
        return .json(PlanJSON.listings(reports: listings, plans: plans))
    }

    static func show(_ context: RekapRequestContext, _ dependencies: ServerDependencies) async throws -> Response {
        let scope = try context.requireIdentity()
        let text = context.parameters.get("id") ?? ""
        // Not a number: it cannot exist, and says so the same way as any missing id.
        guard let id = Int64(text), id > 0 else {
            throw APIError.notFound("there is no submission \(text) that this token may read")
        }
        let plans = PlanStore(client: dependencies.client, scope: scope)
        if let shown = try await SubmissionStore(client: dependencies.client, scope: scope).show(id: id) {
            return .json(PlanJSON.storedReport(shown, crossFindings: try await plans.crossFindings(involving: id)))
        }
        guard let plan = try await plans.show(id: id) else {
            throw APIError.notFound("there is no submission \(text) that this token may read")
        }
        return .json(PlanJSON.stored(plan))
    }
}

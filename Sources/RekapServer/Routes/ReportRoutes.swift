import Hummingbird
import RekapDomain
import RekapReport
import RekapStore

/// `GET /v1/reports/{city}/{year}?format=json|html|md|csv|xlsx&fresh=`: the consolidated city report, as
/// `rekap report` renders it (RekapReport's renderers over ``CityReportLoader``), read in the
/// caller's scope; JSON by default. Bappeda of the city only (403 otherwise). Aggregates as for
/// rankings (``AggregateReadiness``, the `Rekap-Aggregates` header).
enum ReportRoutes {
    static func add(to group: RouterGroup<RekapRequestContext>, _ dependencies: ServerDependencies) {
        group.get("reports/{city}/{year}") { request, context -> Response in
            try await report(request, context, dependencies)
        }
    }

    static func contentType(_ format: ReportFormatKind) -> String {
        switch format {
        case .json: "application/json; charset=utf-8"
        case .html: "text/html; charset=utf-8"
        case .md: "text/markdown; charset=utf-8"
        case .csv: "text/csv; charset=utf-8"
        }
    }

    static func report(_ request: Request, _ context: RekapRequestContext, _ dependencies: ServerDependencies) async throws -> Response {
        let scope = try context.requireIdentity()
        let city = try Request.city(context.parameters.get("city") ?? "", name: "city")
        let year = try Request.year(context.parameters.get("year") ?? "", name: "year")
        let formatText = request.query("format") ?? ReportFormatKind.json.rawValue
        // nil: xlsx, the workbook (one sheet per table).
        let format: ReportFormatKind?
        if formatText == "xlsx" {
            format = nil
        } else if let text = ReportFormatKind(rawValue: formatText) {
            format = text
        } else {
            throw APIError.badRequest("format must be json, html, md, csv or xlsx, not \"\(formatText)\"")
        }
        let fresh = try request.flagParameter("fresh")
        guard scope.mayReadCity(city) else {
            throw APIError.forbidden("this \(scope.role.rawValue) token (\(scope.region.text)) may not read the report of \(city.text); Bappeda tokens of the city may")
        }
        let state = try await AggregateReadiness(dependencies: dependencies)
            .prepare(city: city, year: year, fresh: fresh, tokenID: context.tokenID, reason: "API report (token \(context.tokenID.map(String.init) ?? "-"))")
        let report: CityReport
        do {
            report = try await dependencies.client.withTransaction(scope: scope) { conn in
                try CityReportLoader.load(city: city, year: year, on: conn)
            }
        } catch let error as CityReportError {
            throw APIError.notFound(error.reason)
        }
        // Every format in the reader's language (`?lang=`, the cookie, Accept-Language), as pages are.
        let language = RequestLanguage.of(request)
        guard let format else {
            return .workbook(try XLSXRenderer.render(report, language: language), filename: "rekap-\(city.text)-\(year).xlsx", headers: state.headers)
        }
        return .text(format.render(report, language: language), contentType: contentType(format), headers: state.headers)
    }
}

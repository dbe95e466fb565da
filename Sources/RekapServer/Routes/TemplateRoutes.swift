import Foundation
import Hummingbird
import RekapDomain
import RekapStore
import RekapWorkbook
import XLSX

/// `GET /v1/templates/{region}/{year}?document=report|renstra|pk&period=&kind=&to=`: the workbook an
/// office fills, as `rekap template` writes it, read in the caller's scope. Kecamatan and kelurahan
/// tokens, for the regions they may submit for (403 otherwise, as for submitting). A Renstra's
/// period runs from `{year}` to `to` (default `{year}` + 4).
enum TemplateRoutes {
    static func add(to group: RouterGroup<RekapRequestContext>, _ dependencies: ServerDependencies) {
        group.get("templates/{region}/{year}") { request, context -> Response in
            try await template(request, context, dependencies)
        }
    }

    static func template(_ request: Request, _ context: RekapRequestContext, _ dependencies: ServerDependencies) async throws -> Response {
        let scope = try context.requireIdentity()
        let regionText = context.parameters.get("region") ?? ""
        guard let region = RegionCode(regionText) else { throw APIError.badRequest("region: \"\(regionText)\" is not a region code") }
        let year = try Request.year(context.parameters.get("year") ?? "", name: "year")
        let documentText = request.query("document") ?? WorkbookLayout.DocumentKind.report.rawValue
        guard let document = WorkbookLayout.DocumentKind(rawValue: documentText) else {
            throw APIError.badRequest("document must be report, renstra or pk, not \"\(documentText)\"")
        }
        let periodText = request.query("period") ?? Period.fy.rawValue
        guard let period = Period(rawValue: periodText) else { throw APIError.badRequest("period must be FY, Q1, Q2, Q3 or Q4, not \"\(periodText)\"") }
        let kindText = request.query("kind") ?? PKKind.murni.rawValue
        guard let kind = PKKind(rawValue: kindText) else { throw APIError.badRequest("kind must be murni or perubahan, not \"\(kindText)\"") }
        let to = try request.query("to").map { try Request.year($0, name: "to") } ?? year + 4
        if document == .renstra, !(year...(year + 5)).contains(to) {
            throw APIError.badRequest("a Renstra runs at most five years: \(year)–\(to) is not a period")
        }
        guard (scope.role == .kecamatan || scope.role == .kelurahan), scope.maySubmit(for: region) else {
            throw APIError.forbidden("this \(scope.role.rawValue) token (\(scope.region.text)) may not fetch the template of \(region.text); the region's own kecamatan and kelurahan tokens may")
        }
        let facts = TemplateFacts(client: dependencies.client, scope: scope)
        let data: Data
        let filename: String
        do {
            switch document {
            case .report:
                (data, filename) = try await reportWorkbook(region: region, year: year, period: period, facts: facts)
            case .renstra:
                data = try RenstraTemplate.workbook(try await facts.renstra(region: region, from: year, to: to)).data()
                filename = "rekap-renstra-\(region.text)-\(year)-\(to).xlsx"
            case .pk:
                data = try PKTemplate.workbook(try await facts.pk(region: region, year: year, kind: kind)).data()
                filename = "rekap-pk-\(region.text)-\(year)-\(kind.rawValue).xlsx"
            }
        } catch let error as TemplateFactsError {
            throw APIError.notFound(error.description)
        }
        return .workbook(data, filename: filename)
    }

    /// A report's template and its file name: the one the report form's download button also gives.
    static func reportWorkbook(region: RegionCode, year: Int, period: Period, facts: TemplateFacts) async throws -> (Data, String) {
        (try ReportTemplate.workbook(try await facts.report(region: region, year: year, period: period)).data(),
         "rekap-\(region.text)-\(year)-\(period.rawValue).xlsx")
    }
}

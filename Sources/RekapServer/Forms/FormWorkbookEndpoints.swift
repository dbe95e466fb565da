import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import RekapDomain
import RekapReport
import RekapStore
import RekapWorkbook

/// The report form's workbook (issue #14 on the form), under the form's session and scope checks:
///
/// - `GET /forms/{region}/{year}/{period}/workbook`: the report's template, the very workbook
///   `GET /v1/templates/{region}/{year}?period=` gives (``TemplateRoutes/reportWorkbook``);
/// - `POST /forms/{region}/{year}/{period}/workbook` (`multipart/form-data`: the anti-forgery and
///   region fields, the file in ``FormRoutes/workbookField``): a filled workbook read by
///   ``WorkbookReader`` into the report it stands for, which becomes the form's draft to review and
///   send; nothing is sent. A workbook that cannot be read (or is another region's, year's or
///   period's, or not a report) leaves the draft as it was and is listed by sheet and cell.
enum FormWorkbookEndpoints {
    static func add(to router: Router<RekapRequestContext>, _ dependencies: ServerDependencies) {
        router.get("/forms/{region}/{year}/{period}/workbook") { request, context in
            try await FormEndpoints.asCaller(request, dependencies) { caller in
                try await FormEndpoints.withTarget(context, caller, request, write: true) { key in
                    try await download(key, caller, dependencies, language: RequestLanguage.of(request))
                }
            }
        }
        router.post("/forms/{region}/{year}/{period}/workbook") { request, context in
            try await FormEndpoints.asCaller(request, dependencies) { caller in
                try await FormEndpoints.withTarget(context, caller, request, write: true) { key in
                    try await upload(key, caller, request, dependencies)
                }
            }
        }
    }

    static func download(_ key: FormDraftKey, _ caller: FormCaller, _ dependencies: ServerDependencies, language: Language) async throws -> Response {
        do {
            let (data, filename) = try await TemplateRoutes.reportWorkbook(region: key.region, year: key.year, period: key.period,
                                                                           facts: TemplateFacts(client: dependencies.client, scope: caller.scope))
            return .workbook(data, filename: filename)
        } catch let error as TemplateFactsError {
            return FormEndpoints.page(.notFound, Catalog.FormPages.templateUnavailable, LocalizedText(error.description), language)
        }
    }

    /// The largest upload: a workbook as large as `POST /v1/submissions` takes, and the form's few fields.
    static func limit(_ dependencies: ServerDependencies) -> Int { dependencies.settings.maxSubmissionBytes + 64 * 1024 }

    static func upload(_ key: FormDraftKey, _ caller: FormCaller, _ request: Request, _ dependencies: ServerDependencies) async throws -> Response {
        let limit = limit(dependencies)
        let language = RequestLanguage.of(request)
        func tooLarge() -> Response {
            FormEndpoints.page(.contentTooLarge, Catalog.FormPages.workbookTooLarge, Catalog.FormPages.workbookOver(kilobytes: limit / 1024), language)
        }
        let boundary = MultipartFormData.boundary(contentType: request.headers[.contentType])
        func notAnUpload() -> Response {
            FormEndpoints.page(.unsupportedMediaType, Catalog.FormPages.notAnUpload, Catalog.FormPages.uploadThroughForm, language)
        }
        return try await PostedForm.withBody(request, limit: limit, precheck: { _ in boundary == nil ? notAnUpload() : nil },
                                             refuse: { FormEndpoints.page(for: $0, tooLarge: tooLarge(), language) }) { body in
            guard let boundary else { return notAnUpload() }
            let form: MultipartFormData
            do throws(MultipartFormData.Refusal) {
                form = try MultipartFormData(Data(body.readableBytesView), boundary: boundary)
            } catch {
                return FormEndpoints.page(.badRequest, Catalog.FormPages.unreadableUpload, Catalog.FormPages.uploadNotRead(error.reason), language)
            }
            if let refused = FormEndpoints.refusal(forCSRF: form[field: FormRoutes.csrfField], region: form[field: FormRoutes.regionField], key, caller, language) {
                return refused
            }
            return try await upload(key, form, caller, request, dependencies)
        }
    }

    /// The uploaded (checked) `form`'s workbook read into the draft, or why it cannot be.
    static func upload(_ key: FormDraftKey, _ form: MultipartFormData, _ caller: FormCaller, _ request: Request,
                       _ dependencies: ServerDependencies) async throws -> Response {
        let data = form.part(FormRoutes.workbookField)?.data ?? Data()
        switch read(data, for: key) {
        case .failure(let rejection):
            return try await refused(rejection.problems, key, caller, dependencies, language: RequestLanguage.of(request))
        case .success(let conversion):
            let filled = ReportForm.showing(conversion.document, region: key.region, year: key.year, period: key.period)
            let fields = filled.fields
            let who = caller.who
            try await dependencies.client.withTransaction(scope: caller.scope) { conn in
                try FormDraftStore.save(fields, key: key, by: who, at: Date(), on: conn)
            }
            // Periksa at once, the problems naming their cells too, so what to fix in the workbook shows.
            let language = RequestLanguage.of(request)
            let notes = try await FormEndpoints.check(filled, caller, dependencies, language: language).map { note in
                guard note.kind == .problem, let cell = conversion.cell(for: JSONPointer(tokens: note.key.split(separator: "/").map(String.init))) else { return note }
                return FormNote(key: note.key, kind: note.kind, rule: note.rule, message: "\(cell): \(note.message)")
            }
            let sendToken = try await dependencies.client.withTransaction(scope: caller.scope) { conn in try FormDraftStore.load(key, on: conn)?.submitToken }
            return try await FormEndpoints.render(filled, key, caller, dependencies, sendToken: sendToken ?? FormDraftStore.newSubmitToken(),
                                                  notice: Catalog.Forms.workbookRead(language), notes: notes, checked: true, language: language)
        }
    }

    /// The report `data` stands for, when it is a readable report workbook of this form's region, year and period.
    static func read(_ data: Data, for key: FormDraftKey) -> Result<WorkbookConversion, WorkbookRejection> {
        guard !data.isEmpty else {
            return .failure(WorkbookRejection(problems: [WorkbookProblem(cell: nil, .missing, "tidak ada berkas yang diunggah; pilih workbook .xlsx terisi")]))
        }
        let conversion: WorkbookConversion
        switch WorkbookReader.read(data) {
        case .failure(let rejection): return .failure(rejection)
        case .success(let read): conversion = read
        }
        guard conversion.kind == .report else {
            return .failure(WorkbookRejection(problems: [WorkbookProblem(cell: nil, .notAllowed, "workbook ini templat \(conversion.kind.rawValue), bukan laporan; unduh templat laporan dari halaman ini")]))
        }
        let expected: [(String, String)] = [("region", key.region.text), ("year", String(key.year)), ("period", key.period.rawValue)]
        let wrong = expected.compactMap { name, value -> WorkbookProblem? in
            let found = conversion.document[name].map { value -> String in
                switch value {
                case .string(let text), .number(let text): text
                default: ""
                }
            } ?? ""
            guard found != value else { return nil }
            let pointer = JSONPointer(tokens: [name])
            return WorkbookProblem(cell: conversion.cell(for: pointer), name == "region" ? .outOfScope : .notAllowed, at: pointer,
                                   "workbook ini untuk \(found.isEmpty ? "(kosong)" : found), bukan \(value) seperti formulir ini; unduh templat dari halaman ini")
        }
        return wrong.isEmpty ? .success(conversion) : .failure(WorkbookRejection(problems: wrong))
    }

    /// The form as it stands, with why the workbook was not read (the draft is untouched).
    static func refused(_ problems: [WorkbookProblem], _ key: FormDraftKey, _ caller: FormCaller,
                        _ dependencies: ServerDependencies, language: Language) async throws -> Response {
        let draft = try await dependencies.client.withTransaction(scope: caller.scope) { conn in try FormDraftStore.load(key, on: conn) }
        let form = draft.map { ReportForm(region: key.region, year: key.year, period: key.period, fields: $0.fields) }
            ?? ReportForm(region: key.region, year: key.year, period: key.period)
        let name = try await RegionRegistry(client: dependencies.client).name(of: key.region)
        var page = ReportFormPage(form: form, regionName: name, csrfToken: caller.csrfToken,
                                  sendToken: draft?.submitToken ?? FormDraftStore.newSubmitToken())
        page.language = language
        page.workbookProblems = problems.map { "\($0.cell ?? "workbook"): \($0.problem.reason)" }
        return DashboardResponses.html(page.render(), status: .unprocessableContent)
    }
}

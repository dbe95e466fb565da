import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import PostgresLibPQ
import RekapDomain
import RekapReport
import RekapStore

/// The report forms (issue #13), server-rendered HTML in Bahasa Indonesia that works without script:
///
/// - `GET /forms`: the caller's own region's annual report form (last year's);
/// - `GET /forms/{region}/{year}/{period}`: the form, from the draft, else the latest revision, else last
///   year's report (names, codes, programs), else empty;
/// - `POST /forms/{region}/{year}/{period}` with `action` = `save` (Simpan), `check` (Periksa: the checker
///   of `POST /v1/submissions`, problems and findings beside their fields), `send` (Kirim: stored through
///   ``RekapStore/SubmissionStore``, the API's path, once per one-time send token), `add:LIST` or
///   `remove:LIST/N` (a row more or less); every action keeps the fields as the draft;
/// - `GET /forms/{region}/{year}/{period}/history[?a=N&b=M]`: the revisions, who sent them and when, and
///   what changed between two.
///
/// A live session (or bearer token) whose scope may submit for the region uses the form (history: may
/// read it); posts need the session's anti-forgery token, the same origin, the region in the address
/// and the hidden field alike, and a body of at most ``maxFormBytes``.
enum FormEndpoints {
    /// The largest form body read: a seed-sized report is ~40 KB as a form.
    static let maxFormBytes = 512 * 1024

    static func add(to router: Router<RekapRequestContext>, _ dependencies: ServerDependencies) {
        router.get(RouterPath(FormRoutes.home)) { request, _ in
            try await asCaller(request, dependencies) { caller in
                let year = Calendar(identifier: .gregorian).component(.year, from: Date()) - 1
                return DashboardResponses.redirect(to: FormRoutes.form(caller.scope.region, year, .fy))
            }
        }
        router.get("/forms/{region}/{year}/{period}") { request, context in
            try await asCaller(request, dependencies) { caller in
                try await withTarget(context, caller, request, write: true) { key in try await show(key, caller, request, dependencies) }
            }
        }
        router.post("/forms/{region}/{year}/{period}") { request, context in
            try await asCaller(request, dependencies) { caller in
                try await withTarget(context, caller, request, write: true) { key in try await act(key, caller, request, dependencies) }
            }
        }
        router.get("/forms/{region}/{year}/{period}/history") { request, context in
            try await asCaller(request, dependencies) { caller in
                try await withTarget(context, caller, request, write: false) { key in try await history(key, caller, request, dependencies) }
            }
        }
        FormWorkbookEndpoints.add(to: router, dependencies)
        router.get(RouterPath(FormRoutes.script)) { _, _ in
            Response(status: .ok, headers: [.contentType: "text/javascript; charset=utf-8", .cacheControl: "no-cache"],
                     body: .init(byteBuffer: ByteBuffer(string: FormScript.source)))
        }
    }

    // MARK: Who and what

    static func asCaller(_ request: Request, _ dependencies: ServerDependencies,
                         _ body: (FormCaller) async throws -> Response) async throws -> Response {
        guard let caller = try await FormCaller.identify(request, client: dependencies.client) else {
            var headers = HTTPFields()
            if request.cookies[DashboardSession.cookieName] != nil { headers[.setCookie] = DashboardSession.clearing(request).description }
            if request.method == .get && DashboardCaller.wantsHTML(request) {
                return DashboardResponses.redirect(to: DashboardRoutes.login, headers: headers)
            }
            return page(.unauthorized, Catalog.FormPages.pleaseLogIn, Catalog.FormPages.sessionEnded, RequestLanguage.of(request), headers: headers)
        }
        return try await body(caller)
    }

    /// The form's region, year and period from the address, when the caller may use them.
    static func withTarget(_ context: RekapRequestContext, _ caller: FormCaller, _ request: Request, write: Bool,
                           _ body: (FormDraftKey) async throws -> Response) async throws -> Response {
        guard let regionText = context.parameters.get("region"), let region = RegionCode(regionText), region.level >= .kecamatan,
              let yearText = context.parameters.get("year"), let year = Int(yearText), (1900...2999).contains(year),
              let periodText = context.parameters.get("period"), let period = Period(rawValue: periodText)
        else {
            return page(.notFound, Catalog.FormPages.notFound, Catalog.FormPages.unknownAddress, RequestLanguage.of(request))
        }
        let allowed = write ? caller.scope.maySubmit(for: region) : caller.scope.mayRead(region)
        guard allowed else {
            return page(.forbidden, Catalog.FormPages.notAllowed,
                        Catalog.FormPages.mayNotOpen(role: caller.scope.role.rawValue, region: caller.scope.region.text, target: region.text),
                        RequestLanguage.of(request))
        }
        return try await body(FormDraftKey(region: region, year: year, period: period))
    }

    /// A page saying why a form was refused, in `language`.
    static func page(_ status: HTTPResponse.Status, _ title: LocalizedText, _ message: LocalizedText, _ language: Language,
                     headers: HTTPFields = [:]) -> Response {
        let body = "<main><h1>\(HTMLEscape.text(title(language)))</h1>\n<p>\(HTMLEscape.text(message(language)))</p>\n<p><a href=\"\(FormRoutes.home)\">\(Catalog.Forms.formsHome(language))</a> · <a href=\"\(DashboardRoutes.login)\">\(Catalog.Forms.logIn(language))</a></p></main>\n"
        return DashboardResponses.html(ReportFormPage.document(title: title(language), body: body, language: language), status: status, headers: headers)
    }

    // MARK: The form

    /// The form as it stands: the unsent draft, else the latest revision, else last year's report, else empty.
    static func show(_ key: FormDraftKey, _ caller: FormCaller, _ request: Request, _ dependencies: ServerDependencies) async throws -> Response {
        let (draft, latest, lastYear, plans, zone) = try await dependencies.client.withTransaction(scope: caller.scope) { conn in
            (try FormDraftStore.load(key, on: conn),
             try FormDraftStore.latestDocument(region: key.region, year: key.year, period: key.period, on: conn),
             try FormDraftStore.latestDocument(region: key.region, year: key.year - 1, period: .fy, on: conn),
             try PlanStore.documents(region: key.region, year: key.year, on: conn).documents(for: key.period),
             try cityTimeZone(key, on: conn))
        }
        let language = RequestLanguage.of(request)
        var notice: String?
        var form: ReportForm
        if let draft, draft.sentAt == nil {
            form = ReportForm(region: key.region, year: key.year, period: key.period, fields: draft.fields)
            notice = Catalog.Forms.draftSaved(by: draft.savedBy, at: LocalizedDate.dateTime(draft.savedAt, in: zone, language))(language)
        } else if let latest, case .success(let document) = SubmissionChecker().parse(latest) {
            form = .showing(document, region: key.region, year: key.year, period: key.period)
            notice = Catalog.Forms.showingLatest(language)
        } else if let lastYear, case .success(let document) = SubmissionChecker().parse(lastYear) {
            form = .startingFromLastYear(document, region: key.region, year: key.year, period: key.period)
            form.startFromPlan(PlanCapaian.startingIndicators(period: key.period, in: plans))
            notice = Catalog.Forms.fromLastYear(key.year - 1)(language)
        } else {
            form = ReportForm(region: key.region, year: key.year, period: key.period)
            form.addRow("indicators")
            form.addRow("budget/programs")
            form.startFromPlan(PlanCapaian.startingIndicators(period: key.period, in: plans))
        }
        switch request.uri.queryParameters["m"] {
        case "saved": notice = Catalog.Forms.saved(language)
        default: break
        }
        let name = try await RegionRegistry(client: dependencies.client).name(of: key.region)
        var page = ReportFormPage(
            form: form, regionName: name, csrfToken: caller.csrfToken, sendToken: draft?.submitToken ?? FormDraftStore.newSubmitToken(),
            notice: notice)
        page.language = language
        return DashboardResponses.html(page.render(), headers: RequestLanguage.remembering(request))
    }

    /// A posted form: checked for forgery and size, kept as the draft, then acted on.
    static func act(_ key: FormDraftKey, _ caller: FormCaller, _ request: Request, _ dependencies: ServerDependencies) async throws -> Response {
        try await PostedForm.withBody(request, limit: maxFormBytes, refuse: { page(for: $0, tooLarge: tooLarge(RequestLanguage.of(request)), RequestLanguage.of(request)) }) { body in
            let values = FormFields.parse(String(buffer: body))
            if let refused = refusal(forCSRF: values[FormRoutes.csrfField], region: values[FormRoutes.regionField], key, caller,
                                         RequestLanguage.of(request)) { return refused }
            return try await act(key, values, caller, request, dependencies)
        }
    }

    /// The page of a form refused before its fields are read (``PostedForm``).
    static func page(for refusal: PostedForm.Refusal, tooLarge: @autoclosure () -> Response, _ language: Language) -> Response {
        switch refusal {
        case .otherSite: page(.forbidden, Catalog.FormPages.notAllowed, Catalog.FormPages.fromOtherSite, language)
        case .tooLarge: tooLarge()
        }
    }

    /// The page refusing a posted form (the report form or its upload) whose anti-forgery field is not
    /// the caller's session's, or whose hidden region is not the address's; nil when both are right.
    static func refusal(forCSRF csrf: String?, region: String?, _ key: FormDraftKey, _ caller: FormCaller, _ language: Language) -> Response? {
        guard caller.csrfMatches(csrf) else {
            return page(.forbidden, Catalog.FormPages.formExpired, Catalog.FormPages.tokenMismatch, language)
        }
        guard region == key.region.text else {
            return page(.forbidden, Catalog.FormPages.notAllowed, Catalog.FormPages.otherRegion, language)
        }
        return nil
    }

    /// The posted form's `values` (checked) kept as the draft, then acted on.
    static func act(_ key: FormDraftKey, _ values: [String: String], _ caller: FormCaller, _ request: Request,
                    _ dependencies: ServerDependencies) async throws -> Response {
        var form: ReportForm
        do throws(ReportForm.Refusal) {
            form = try ReportForm.posted(values, region: key.region, year: key.year, period: key.period)
        } catch {
            return page(.contentTooLarge, Catalog.FormPages.formTooLarge, error.message, RequestLanguage.of(request))
        }
        let action = values[FormRoutes.actionField] ?? "save"
        let sendToken = values[FormRoutes.sendTokenField] ?? ""
        let now = Date()
        var notice: String?
        if action.hasPrefix("add:") {
            let prefix = String(action.dropFirst(4))
            if !form.addRow(prefix) { notice = Catalog.Forms.rowNotAdded(RequestLanguage.of(request)) }
        } else if action.hasPrefix("remove:") {
            let target = action.dropFirst(7)
            if let slash = target.lastIndex(of: "/"), let index = Int(target[target.index(after: slash)...]),
               ReportForm.list(at: String(target[..<slash])) != nil {
                form.removeRow(String(target[..<slash]), index)
            }
        }
        if action == "send" { return try await send(key, form, sendToken: sendToken, caller, dependencies, language: RequestLanguage.of(request)) }

        let fields = form.fields
        try await dependencies.client.withTransaction(scope: caller.scope) { conn in
            try FormDraftStore.save(fields, key: key, by: caller.who, at: now, on: conn)
        }
        if action == "save" { return DashboardResponses.redirect(to: FormRoutes.form(key.region, key.year, key.period) + "?m=saved") }
        var notes: [FormNote] = []
        if action == "check" { notes = try await check(form, caller, dependencies, language: RequestLanguage.of(request)) }
        return try await render(form, key, caller, dependencies, sendToken: sendToken, notice: notice, notes: notes, checked: action == "check",
                                language: RequestLanguage.of(request))
    }

    static func tooLarge(_ language: Language) -> Response {
        page(.contentTooLarge, Catalog.FormPages.formTooLarge, Catalog.FormPages.formOver(kilobytes: maxFormBytes / 1024), language)
    }

    static func render(_ form: ReportForm, _ key: FormDraftKey, _ caller: FormCaller, _ dependencies: ServerDependencies, sendToken: String,
                       notice: String?, notes: [FormNote], checked: Bool, status: HTTPResponse.Status = .ok, language: Language) async throws -> Response {
        let name = try await RegionRegistry(client: dependencies.client).name(of: key.region)
        var page = ReportFormPage(form: form, regionName: name, csrfToken: caller.csrfToken, sendToken: sendToken,
                                  notice: notice, notes: notes, checked: checked)
        page.language = language
        return DashboardResponses.html(page.render(), status: status)
    }

    /// Periksa: the typed values that cannot be read, then what `POST /v1/submissions` would say.
    static func check(_ form: ReportForm, _ caller: FormCaller, _ dependencies: ServerDependencies, language: Language = .id) async throws -> [FormNote] {
        let (bytes, typing) = form.document(indent: nil)
        var notes = typing.map { FormNote(key: $0.key, kind: .problem, rule: "angka", message: $0.message) }
        let unreadable = Set(typing.map(\.key))
        switch try await SubmissionStore(client: dependencies.client, scope: caller.scope).check(bytes: bytes) {
        case .rejected(let problems):
            // A field left out because it could not be read is not "missing" a second time.
            notes += problems.filter { !unreadable.contains(key($0.pointer)) }
                .map { FormNote(key: key($0.pointer), kind: .problem, rule: $0.kind.rawValue, message: $0.reason) }
        case .accepted(_, let findings, _, _):
            notes += findings.map { finding in
                let kind: FormNote.Kind = switch finding.severity {
                case .error: .error
                case .warning: .warning
                case .info: .info
                }
                return FormNote(key: key(finding.pointer), kind: kind, rule: finding.rule, message: finding.text(language))
            }
        }
        return notes
    }

    static func key(_ pointer: JSONPointer) -> String { pointer.tokens.joined(separator: "/") }

    /// Kirim: stored as the API stores a document, in one transaction that also uses the form's
    /// one-time send token and records who sent it; a second click finds the token used.
    static func send(_ key: FormDraftKey, _ form: ReportForm, sendToken: String, _ caller: FormCaller,
                     _ dependencies: ServerDependencies, language: Language) async throws -> Response {
        let (bytes, typing) = form.document()
        let fields = form.fields
        let now = Date()
        let who = caller.who
        if typing.isEmpty {
            let outcome: SubmitOutcome
            do {
                outcome = try await SubmissionStore(client: dependencies.client, scope: caller.scope).submit(
                    bytes: bytes,
                    before: { conn in try FormDraftStore.consumeSubmitToken(sendToken, fields: fields, key: key, by: who, at: now, on: conn) },
                    after: { conn, revision in try FormDraftStore.recordSender(who, of: revision, on: conn) })
            } catch FormDraftError.alreadySent {
                return DashboardResponses.redirect(to: FormRoutes.history(key.region, key.year, key.period) + "?m=already-sent")
            } catch SubmissionStoreError.notAllowed {
                return page(.forbidden, Catalog.FormPages.notAllowed, Catalog.FormPages.outsideRegion, language)
            }
            switch outcome {
            case .stored:
                return DashboardResponses.redirect(to: FormRoutes.history(key.region, key.year, key.period) + "?m=sent")
            case .unchanged:
                return DashboardResponses.redirect(to: FormRoutes.history(key.region, key.year, key.period) + "?m=unchanged")
            case .rejected:
                break
            }
        }
        try await dependencies.client.withTransaction(scope: caller.scope) { conn in
            try FormDraftStore.save(fields, key: key, by: who, at: now, on: conn)
        }
        let notes = try await check(form, caller, dependencies, language: language)
        return try await render(form, key, caller, dependencies, sendToken: sendToken, notice: Catalog.Forms.notSent(language),
                                notes: notes, checked: true, status: .unprocessableContent, language: language)
    }

    // MARK: History

    static func history(_ key: FormDraftKey, _ caller: FormCaller, _ request: Request, _ dependencies: ServerDependencies) async throws -> Response {
        let query = request.uri.queryParameters
        let pair = query["a"].flatMap { Int($0) }.flatMap { a in query["b"].flatMap { Int($0) }.map { (a, $0) } }
        let (revisions, documents, zone) = try await dependencies.client.withTransaction(scope: caller.scope) { conn in
            (try FormDraftStore.revisions(key, on: conn),
             try pair.map { (try FormDraftStore.document(key, revision: $0.0, on: conn), try FormDraftStore.document(key, revision: $0.1, on: conn)) },
             try cityTimeZone(key, on: conn))
        }
        var comparison: (from: Int, to: Int, changes: [FormHistoryPage.Change])?
        if let pair, let documents, let old = documents.0, let new = documents.1,
           case .success(let a) = SubmissionChecker().parse(old), case .success(let b) = SubmissionChecker().parse(new) {
            comparison = (pair.0, pair.1, FormHistoryPage.changes(from: .showing(a, region: key.region, year: key.year, period: key.period),
                                                                  to: .showing(b, region: key.region, year: key.year, period: key.period)))
        }
        var page = FormHistoryPage(region: key.region, year: key.year, period: key.period,
                                   entries: revisions.map { .init(revision: $0.revision, submittedAt: $0.submittedAt, sentBy: $0.sentBy, findings: $0.findings) },
                                   comparison: comparison, timeZone: zone)
        page.language = RequestLanguage.of(request)
        let notice: LocalizedText? = switch query["m"] {
        case "sent": Catalog.FormPages.sent
        case "unchanged": Catalog.FormPages.unchanged
        case "already-sent": Catalog.FormPages.alreadySent
        default: nil
        }
        page.notice = notice?(page.language)
        let html = page.render()
        return DashboardResponses.html(html)
    }

    /// The zone the form's city shows times in (its own setting, else its province's).
    static func cityTimeZone(_ key: FormDraftKey, on connection: PGConnection) throws -> IndonesianTimeZone {
        try CityTimeZoneSetting.zone(of: key.region.ancestor(at: .kabupatenKota) ?? key.region, on: connection)
    }
}

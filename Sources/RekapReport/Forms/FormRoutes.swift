import RekapDomain

/// The paths and field names of the report forms: the pages link to them and the server routes them.
public enum FormRoutes {
    /// Where the forms start: the caller's own region's reports.
    public static let home = "/forms"
    /// The form of `region`'s report for `year` and `period` (GET shows it, POST acts on it).
    public static func form(_ region: RegionCode, _ year: Int, _ period: Period) -> String {
        "/forms/\(region.text)/\(year)/\(period.rawValue)"
    }
    /// The report's revisions; `?a=N&b=M` adds what changed between revisions N and M.
    public static func history(_ region: RegionCode, _ year: Int, _ period: Period) -> String {
        form(region, year, period) + "/history"
    }
    /// The form's workbook: GET gives the report's template (as `GET /v1/templates/...` does), POST
    /// (`multipart/form-data`, the file in ``workbookField``) reads a filled one into the draft.
    public static func workbook(_ region: RegionCode, _ year: Int, _ period: Period) -> String {
        form(region, year, period) + "/workbook"
    }
    /// The file field of the workbook upload.
    public static let workbookField = "workbook"
    /// The forms' script (``FormScript``): live sums, auto-save, rows added and removed in place; the forms work without it.
    public static let script = "/forms/form.js"
    /// The hidden anti-forgery field of every form post.
    public static let csrfField = "csrf"
    /// The hidden one-time token that lets Kirim store one revision.
    public static let sendTokenField = "send_token"
    /// The name of every button: `save`, `check`, `send`, `add:PREFIX`, `remove:PREFIX/INDEX`.
    public static let actionField = "action"
    /// The hidden field naming the region the form is for (compared with the address).
    public static let regionField = "form_region"
}

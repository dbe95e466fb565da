import Foundation
import RekapDomain

/// The report form as one HTML page (Bahasa Indonesia), working without script: every button posts the
/// whole form (adding a row re-renders it with one more row), every input has its label, and rows are
/// stacked blocks rather than wide tables, so nothing scrolls sideways on a 375 px phone. With script
/// (``FormScript``), rows are added from the page's row templates and removed in place.
public struct ReportFormPage: Sendable {
    public var form: ReportForm
    /// The region's name, when known.
    public var regionName: String?
    /// The session's anti-forgery token (hidden in the form).
    public var csrfToken: String
    /// The one-time send token (hidden in the form).
    public var sendToken: String
    /// A line on top: what just happened ("Draf disimpan …").
    public var notice: String?
    /// Problems and findings, placed beside their fields and listed on top.
    public var notes: [FormNote]
    /// Whether a check ran (so "no findings" can be said).
    public var checked: Bool
    /// Why an uploaded workbook was not read, each naming its sheet and cell (`Anggaran!F12: ...`).
    public var workbookProblems: [String] = []
    /// The page's language (Bahasa Indonesia unless the request asks for English).
    public var language: Language = .id

    public init(form: ReportForm, regionName: String? = nil, csrfToken: String, sendToken: String, notice: String? = nil,
                notes: [FormNote] = [], checked: Bool = false) {
        self.form = form
        self.regionName = regionName
        self.csrfToken = csrfToken
        self.sendToken = sendToken
        self.notice = notice
        self.notes = notes
        self.checked = checked
    }

    /// The HTML id of field `key` (`indicators/0/target` → `f-indicators-0-target`).
    public static func fieldID(_ key: String) -> String { "f-" + dashed(key) }
    /// The HTML id of the row `prefix` (`budget/programs/0`).
    public static func rowID(_ prefix: String) -> String { "r-" + dashed(prefix) }
    /// `key` with `-` for `/`, byte by byte (Foundation's replacing was a tenth of Periksa's time).
    static func dashed(_ key: String) -> String {
        String(decoding: key.utf8.map { $0 == UInt8(ascii: "/") ? UInt8(ascii: "-") : $0 }, as: UTF8.self)
    }

    /// Where a note at `key` is shown: that field, else its nearest row or field above it, else nothing
    /// (the summary on top only).
    func anchor(_ key: String) -> String? {
        var parts = key.split(separator: "/").map(String.init)
        while !parts.isEmpty {
            let candidate = parts.joined(separator: "/")
            if ReportForm.isFieldKey(candidate), form.fields[candidate] != nil || Self.alwaysShown(candidate) { return candidate }
            if let last = parts.last, Int(last) != nil, ReportForm.list(at: parts.dropLast().joined(separator: "/")) != nil,
               form.fields.keys.contains(where: { $0.hasPrefix(candidate + "/") }) {
                return candidate
            }
            parts.removeLast()
        }
        return nil
    }

    static func alwaysShown(_ key: String) -> Bool {
        key.hasPrefix("signed/") || key.hasPrefix("budget/total/") || key.hasPrefix("budget/belanja/")
    }

    public func render() -> String {
        var placed: [String: [FormNote]] = [:]
        for note in notes { if let anchor = anchor(note.key) { placed[anchor, default: []].append(note) } }
        let path = FormRoutes.form(form.region, form.year, form.period)
        let t = language
        let title = Catalog.Forms.title(annual: form.period == .fy, period: form.period.rawValue, year: form.year, region: regionName ?? form.region.text)(t)
        var html = "<header><h1>\(HTMLEscape.text(title))</h1>\n"
        html += "<p class=\"meta\">\(Catalog.Forms.regionCode(t)) \(HTMLEscape.text(form.region.text)) · <a href=\"\(FormRoutes.history(form.region, form.year, form.period))\">\(Catalog.Forms.history(t))</a> · \(languageSwitch(path))</p>\n"
        html += "<form method=\"post\" action=\"/logout\" class=\"logout\"><button type=\"submit\">\(Catalog.Forms.logout(t))</button></form></header>\n<main>\n"
        if let notice { html += "<p class=\"notice\" role=\"status\">\(HTMLEscape.text(notice))</p>\n" }
        html += workbookSection()
        html += summary(placed)
        html += "<p id=\"autosave\" class=\"meta\" role=\"status\" aria-live=\"polite\"></p>\n"
        // Where the script says which row it added or removed in place (for screen readers).
        html += "<p id=\"row-status\" class=\"visually-hidden\" role=\"status\" aria-live=\"polite\"></p>\n"
        html += "<form method=\"post\" action=\"\(path)\" novalidate data-autosave data-saved=\"\(HTMLEscape.text(Catalog.Forms.autoSaved(t)))\" data-not-saved=\"\(HTMLEscape.text(Catalog.Forms.autoSaveFailed(t)))\" data-row-full=\"\(HTMLEscape.text(Catalog.Forms.rowNotAdded(t)))\">\n"
        html += hidden(FormRoutes.csrfField, csrfToken) + hidden(FormRoutes.sendTokenField, sendToken) + hidden(FormRoutes.regionField, form.region.text)
        // The first submit button is what Enter in a field presses: Simpan, never a row's Hapus.
        html += buttons(top: true)

        html += "<section aria-labelledby=\"s-ttd\"><h2 id=\"s-ttd\">\(Catalog.Forms.signed(t))</h2>\n"
        html += grid(ReportFormSchema.signed, prefix: "signed", placed)
        html += "</section>\n"

        html += "<section aria-labelledby=\"s-iku\"><h2 id=\"s-iku\">\(Catalog.Forms.indicators(t))</h2>\n"
        html += rows("indicators", ReportFormSchema.indicators, placed)
        html += "</section>\n"

        html += "<section aria-labelledby=\"s-anggaran\"><h2 id=\"s-anggaran\">\(Catalog.Forms.budget(t))</h2>\n"
        html += rows("budget/programs", ReportFormSchema.programs, placed)
        html += "<h3>\(Catalog.Forms.reportedTotals(t))</h3>\n" + totals(placed)
        html += grid(ReportFormSchema.total, prefix: "budget/total", placed)
        // Open when it holds anything, so what is filled in is never hidden.
        let belanjaOpen = form.fields.contains { $0.key.hasPrefix("budget/belanja/") && !$0.value.isEmpty }
            || placed.keys.contains { $0.hasPrefix("budget/belanja/") }
        html += "<details\(belanjaOpen ? " open" : "")><summary>\(Catalog.Forms.belanjaByType(t))</summary>\n" + grid(ReportFormSchema.belanjaTotals, prefix: "budget/belanja", placed) + "</details>\n"
        html += "</section>\n"

        html += "<section aria-labelledby=\"s-pbb\"><h2 id=\"s-pbb\">\(Catalog.Forms.pbb(t))</h2>\n"
        html += rows("pbb", ReportFormSchema.pbb, placed)
        html += "</section>\n"

        html += "<section aria-labelledby=\"s-award\"><h2 id=\"s-award\">\(Catalog.Forms.awards(t))</h2>\n"
        html += rows("awards", ReportFormSchema.awards, placed)
        html += "</section>\n"

        html += buttons(top: false) + "</form>\n" + templates() + "</main>\n"
        return Self.document(title: title, body: html, language: language)
    }

    /// The link to the same page in the other language (`?lang=`), remembered by a cookie.
    func languageSwitch(_ path: String) -> String {
        let other: Language = language == .id ? .en : .id
        return "<a href=\"\(path)?\(Language.queryParameter)=\(other.rawValue)\" hreflang=\"\(other.rawValue)\" lang=\"\(other.rawValue)\">\(HTMLEscape.text(Catalog.Common.languageName(other)))</a>"
    }

    /// The workbook way in: the template to download, and an upload that fills the draft (nothing is sent).
    func workbookSection() -> String {
        let path = FormRoutes.workbook(form.region, form.year, form.period)
        var html = "<section class=\"workbook\" aria-labelledby=\"s-xlsx\"><h2 id=\"s-xlsx\">\(Catalog.Forms.workbookHeading(language))</h2>\n"
        if !workbookProblems.isEmpty {
            html += "<div class=\"summary\" role=\"alert\"><p>\(Catalog.Forms.workbookRefused(language))</p><ul>\n"
            html += workbookProblems.map { "<li class=\"problem\">\(HTMLEscape.text($0))</li>\n" }.joined() + "</ul></div>\n"
        }
        html += "<p><a href=\"\(path)\" download>\(Catalog.Forms.downloadTemplate(language))</a>\(Catalog.Forms.workbookHow(language))</p>\n"
        html += "<form method=\"post\" action=\"\(path)\" enctype=\"multipart/form-data\">\n"
        html += hidden(FormRoutes.csrfField, csrfToken) + hidden(FormRoutes.regionField, form.region.text)
        html += "<div class=\"fld\"><label for=\"f-workbook\">\(Catalog.Forms.filledWorkbook(language))</label><input id=\"f-workbook\" type=\"file\" name=\"\(FormRoutes.workbookField)\" accept=\".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\" required></div>\n"
        html += "<button type=\"submit\">\(Catalog.Forms.upload(language))</button>\n</form></section>\n"
        return html
    }

    func hidden(_ name: String, _ value: String) -> String {
        "<input type=\"hidden\" name=\"\(name)\" value=\"\(HTMLEscape.text(value))\">\n"
    }

    func buttons(top: Bool) -> String {
        """
        <div class="actions\(top ? " top" : "")">
        <button type="submit" name="\(FormRoutes.actionField)" value="save">\(Catalog.Forms.save(language))</button>
        <button type="submit" name="\(FormRoutes.actionField)" value="check">\(Catalog.Forms.check(language))</button>
        <button type="submit" name="\(FormRoutes.actionField)" value="send" class="primary">\(Catalog.Forms.send(language))</button>
        </div>

        """
    }

    /// The problems and findings, on top, each linking to its field.
    func summary(_ placed: [String: [FormNote]]) -> String {
        guard !notes.isEmpty else {
            return checked ? "<p class=\"ok\" role=\"status\">\(Catalog.Forms.checkedClean(language))</p>\n" : ""
        }
        let problems = notes.filter { $0.kind == .problem }.count
        var html = "<section class=\"summary\" role=\"alert\" aria-labelledby=\"s-ringkasan\"><h2 id=\"s-ringkasan\">"
        html += Catalog.Forms.summary(problems: problems, findings: notes.count - problems)(language) + "</h2>\n<ul>\n"
        for note in notes {
            let target = anchor(note.key)
            let place = note.key.isEmpty ? Catalog.Forms.document(language) : "/" + note.key
            let link = target.map { "<a href=\"#\(Self.anchorID($0))\">\(HTMLEscape.text(place))</a>" } ?? HTMLEscape.text(place)
            html += "<li class=\"\(note.kind.rawValue)\">\(HTMLEscape.text(Catalog.Forms.noteKind(note.kind.rawValue)(language)))\(note.rule.map { " [\(HTMLEscape.text($0))]" } ?? ""): \(link): \(HTMLEscape.text(note.message))</li>\n"
        }
        return html + "</ul></section>\n"
    }

    static func anchorID(_ key: String) -> String { ReportForm.isFieldKey(key) ? fieldID(key) : rowID(key) }

    func messages(_ notes: [FormNote]?, id: String) -> String {
        guard let notes, !notes.isEmpty else { return "" }
        return "<ul class=\"notes\" id=\"\(id)-msg\">" + notes.map {
            "<li class=\"\($0.kind.rawValue)\">\(HTMLEscape.text(Catalog.Forms.noteKind($0.kind.rawValue)(language))): \(HTMLEscape.text($0.message))</li>"
        }.joined() + "</ul>"
    }

    /// The inputs of `fields` below `prefix`, in a grid that stacks on narrow screens.
    func grid(_ fields: [ReportFormSchema.Field], prefix: String, _ placed: [String: [FormNote]]) -> String {
        var html = "<div class=\"grid\">\n"
        for field in fields {
            let key = prefix + "/" + field.key
            let id = Self.fieldID(key)
            let notes = placed[key]
            let described = notes == nil ? "" : " aria-describedby=\"\(id)-msg\" aria-invalid=\"\(notes!.contains { $0.kind == .problem } ? "true" : "false")\""
            html += "<div class=\"fld\(field.wide ? " wide" : "")\(notes == nil ? "" : " has-notes")\"><label for=\"\(id)\">\(HTMLEscape.text(Catalog.Forms.label(field.label)(language)))</label>"
            let value = form[key]
            switch field.kind {
            case .choice(let options, _):
                html += "<select id=\"\(id)\" name=\"\(HTMLEscape.text(key))\"\(described)>"
                var known = false
                for (option, label) in options {
                    let selected = option == value
                    known = known || selected
                    html += "<option value=\"\(HTMLEscape.text(option))\"\(selected ? " selected" : "")>\(HTMLEscape.text(Catalog.Forms.label(label)(language)))</option>"
                }
                // A value the list does not hold (from a draft or a revision) is kept, for the checker to name.
                if !known && !value.isEmpty { html += "<option value=\"\(HTMLEscape.text(value))\" selected>\(HTMLEscape.text(value))</option>" }
                html += "</select>"
            default:
                let mode: String = switch field.kind {
                case .amount, .value: " inputmode=\"decimal\""
                case .integer: " inputmode=\"numeric\""
                default: ""
                }
                let hint: String = switch field.kind {
                case .amount: " placeholder=\"12.763.150.960\""
                case .value: " placeholder=\"91,72\""
                case .date: " placeholder=\"dd/mm/yyyy\""
                default: ""
                }
                html += "<input id=\"\(id)\" name=\"\(HTMLEscape.text(key))\" value=\"\(HTMLEscape.text(value))\"\(mode)\(hint)\(described) autocomplete=\"off\">"
            }
            html += messages(notes, id: id) + "</div>\n"
        }
        return html + "</div>\n"
    }

    /// The rows of list `prefix`, each a fieldset with its Hapus button, and the list's Tambah button.
    /// `parent`: the number of the row the list is in (program 2's kegiatan are numbered 2.1, 2.2, …).
    func rows(_ prefix: String, _ list: ReportFormSchema.RowList, _ placed: [String: [FormNote]], parent: String? = nil) -> String {
        var html = ""
        for index in 0..<form.rowCount(prefix) {
            html += row("\(prefix)/\(index)", list, placed, number: parent.map { "\($0).\(index + 1)" } ?? String(index + 1))
        }
        // Without script this posts the form; the script adds a copy of the list's template in place instead.
        html += "<button type=\"submit\" class=\"add\" name=\"\(FormRoutes.actionField)\" value=\"add:\(prefix)\" data-template=\"\(Self.templateID(list))\">\(HTMLEscape.text(Catalog.Forms.add(list.rowLabel)(language)))</button>\n"
        return html
    }

    /// Row `row` of `list` (`budget/programs/1`), headed `number` (`2`), with the lists its rows hold.
    func row(_ row: String, _ list: ReportFormSchema.RowList, _ placed: [String: [FormNote]], number: String) -> String {
        let heading = Catalog.Forms.rowHeading(list.rowLabel, number)
        var html = "<fieldset class=\"row\" id=\"\(Self.rowID(row))\"><legend>\(HTMLEscape.text(heading(language)))</legend>\n"
        html += messages(placed[row], id: Self.rowID(row))
        html += grid(list.fields, prefix: row, placed)
        if let child = ReportFormSchema.childList(of: list) {
            html += "<div class=\"children\">\n" + rows(row + "/" + child.name, child, placed, parent: number) + "</div>\n"
        }
        html += "<button type=\"submit\" class=\"remove\" name=\"\(FormRoutes.actionField)\" value=\"remove:\(row)\">\(HTMLEscape.text(Catalog.Forms.remove(heading)(language)))</button>\n"
        return html + "</fieldset>\n"
    }

    // MARK: Row templates

    /// What stands for every row index in a row template's names, ids and buttons.
    public static let templateIndex = "{i}"
    /// What stands for a templated row's number (`2.1`) in its heading, its Hapus button and what the
    /// script announces.
    public static let templateNumber = "{n}"

    /// The HTML id of the `<template>` of `list`'s rows (`t-sub_kegiatan`), named by each Tambah button.
    public static func templateID(_ list: ReportFormSchema.RowList) -> String { "t-" + list.name }

    /// Where each list's rows are, with ``templateIndex`` for the indices of the rows holding it.
    public static let templatePlaces: [(prefix: String, list: ReportFormSchema.RowList)] = {
        let program = "budget/programs/\(templateIndex)", kegiatan = program + "/kegiatan/\(templateIndex)"
        return [("indicators", ReportFormSchema.indicators), ("budget/programs", ReportFormSchema.programs),
                (program + "/kegiatan", ReportFormSchema.kegiatan), (kegiatan + "/sub_kegiatan", ReportFormSchema.subKegiatan),
                ("pbb", ReportFormSchema.pbb), ("awards", ReportFormSchema.awards)]
    }()

    /// One `<template>` per list: a new row (``ReportForm/newRow(_:)``) rendered by ``row(_:_:_:number:)``, as
    /// the server renders an added row, at ``templateIndex`` and numbered ``templateNumber``. The script
    /// clones it and puts the row's real indices and number in; with the list's limit and what to announce.
    func templates() -> String {
        var html = ""
        for (prefix, list) in Self.templatePlaces {
            let path = "\(prefix)/\(Self.templateIndex)"
            var page = self
            page.form = ReportForm(region: form.region, year: form.year, period: form.period,
                                   fields: Dictionary(uniqueKeysWithValues: ReportForm.newRow(list).map { ("\(path)/\($0.key)", $0.value) }))
            let heading = Catalog.Forms.rowHeading(list.rowLabel, Self.templateNumber)
            html += "<template id=\"\(Self.templateID(list))\" data-limit=\"\(list.limit)\""
            html += " data-added=\"\(HTMLEscape.text(Catalog.Forms.rowAdded(heading)(language)))\" data-removed=\"\(HTMLEscape.text(Catalog.Forms.rowRemoved(heading)(language)))\">"
            html += page.row(path, list, [:], number: Self.templateNumber) + "</template>\n"
        }
        return html
    }

    /// The sums of the programs' lines beside the reported totals, so a difference shows without a check.
    func totals(_ placed: [String: [FormNote]]) -> String {
        var sums: [String: Decimal] = ["pagu_murni": 0, "pagu": 0, "realisasi": 0]
        for index in 0..<form.rowCount("budget/programs") {
            for key in sums.keys {
                if case .success(let reading) = TypedNumberText.read(form["budget/programs/\(index)/\(key)"], limits: .rupiah) {
                    sums[key, default: 0] += reading.value
                }
            }
        }
        // Each sum in a span of its own, which the script (FormScript) keeps up to date as people type.
        var text = HTMLEscape.text(Catalog.Forms.sums("{0}", "{1}", "{2}")(language))
        for (index, key) in ["pagu_murni", "pagu", "realisasi"].enumerated() {
            text = text.replacingOccurrences(of: "{\(index)}", with: "<span data-sum=\"\(key)\">\(TypedNumberText.format(sums[key]!))</span>")
        }
        return "<p class=\"sums\" aria-live=\"polite\">\(text)</p>\n"
    }

    /// A whole page of the forms, in `language`.
    public static func document(title: String, body: String, language: Language = .id) -> String {
        """
        <!DOCTYPE html>
        <html lang="\(language.rawValue)">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(HTMLEscape.text(title)) · rekap</title>
        <script src="\(FormRoutes.script)" defer></script>
        <style>
        \(FormStyle.css)
        </style>
        </head>
        <body>
        \(body)</body>
        </html>

        """
    }
}

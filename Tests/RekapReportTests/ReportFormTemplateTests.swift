import Foundation
import RekapDomain
import RekapReport
import Testing

/// The row templates the form page carries for its script: each, with its placeholders put as the
/// script puts them, is exactly the row the server renders at that place (the no-script Tambah), so a
/// row added in place posts and decodes as a server-rendered one.
@Suite struct ReportFormTemplateTests {
    static let region = RegionCode("14.72.02")!

    /// A form holding rows 0 and 1 of every list on the way to `list`'s row `budget/programs/1/kegiatan/1/…/1`
    /// (and nothing below that row), and that row's path.
    static func form(reaching list: ReportFormSchema.RowList) -> (ReportForm, String) {
        var form = ReportForm(region: region, year: 2023, period: .fy)
        let place = ReportFormPage.templatePlaces.first { $0.list.name == list.name }!
        let prefix = place.prefix.replacingOccurrences(of: ReportFormPage.templateIndex, with: "1")
        // Every list prefix on the way: `budget/programs`, `budget/programs/1/kegiatan`, …
        let parts = prefix.split(separator: "/").map(String.init)
        for end in 1...parts.count {
            let head = parts[..<end].joined(separator: "/")
            if ReportForm.list(at: head) != nil { form.addRow(head); form.addRow(head) }
        }
        return (form, prefix + "/1")
    }

    /// The `<template id="…">`'s content in `page`.
    static func template(_ id: String, in page: String) throws -> String {
        let start = try #require(page.range(of: "<template id=\"\(id)\""))
        let open = try #require(page[start.upperBound...].range(of: ">"))
        let end = try #require(page[open.upperBound...].range(of: "</template>"))
        return String(page[open.upperBound..<end.lowerBound])
    }

    /// The fieldset of row `path` in `page` (a row without rows of its own inside).
    static func serverRow(_ path: String, in page: String) throws -> String {
        let start = try #require(page.range(of: "<fieldset class=\"row\" id=\"\(ReportFormPage.rowID(path))\">"))
        let end = try #require(page[start.lowerBound...].range(of: "</fieldset>\n"))
        return String(page[start.lowerBound..<end.upperBound])
    }

    /// The fields a browser posts from `html`: each input's name and value, each select's selected option
    /// (the first when none is marked), HTML entities undone.
    static func posted(_ html: String) throws -> [String: String] {
        func unescaped(_ text: Substring) -> String {
            text.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
                .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&amp;", with: "&")
        }
        var fields: [String: String] = [:]
        for match in html.matches(of: #/<input id="[^"]*" name="([^"]*)" value="([^"]*)"/#) {
            fields[unescaped(match.output.1)] = unescaped(match.output.2)
        }
        for match in html.matches(of: #/<select id="[^"]*" name="([^"]*)"[^>]*>(.*?)</select>/#) {
            let options = match.output.2.matches(of: #/<option value="([^"]*)"( selected)?>/#)
            let chosen = try #require(options.first { $0.output.2 != nil } ?? options.first)
            fields[unescaped(match.output.1)] = unescaped(chosen.output.1)
        }
        return fields
    }

    @Test(arguments: [Language.id, .en])
    func everyTemplateIsTheServersNewRowAtItsPlace(language: Language) throws {
        var page = ReportFormPage(form: ReportForm(region: Self.region, year: 2023, period: .fy), csrfToken: "c", sendToken: "s")
        page.language = language
        let html = page.render()
        #expect(ReportFormPage.templatePlaces.count == 6)
        // Every Tambah button names a template the page has.
        let named = Set(html.matches(of: #/data-template="([^"]+)"/#).map { String($0.output.1) })
        #expect(!named.isEmpty)
        for id in named { #expect(html.contains("<template id=\"\(id)\"")) }

        for (_, list) in ReportFormPage.templatePlaces {
            let template = try Self.template(ReportFormPage.templateID(list), in: html)
            #expect(template.contains(ReportFormPage.templateIndex) && template.contains(ReportFormPage.templateNumber))
            let (form, path) = Self.form(reaching: list)
            var server = ReportFormPage(form: form, csrfToken: "c", sendToken: "s")
            server.language = language
            let row = try Self.serverRow(path, in: server.render())
            // The script's work: the row's indices (all 1 here) and its number (2, 2.2, 2.2.2).
            let number = path.split(separator: "/").compactMap { Int($0) }.map { String($0 + 1) }.joined(separator: ".")
            let filled = template.replacingOccurrences(of: ReportFormPage.templateIndex, with: "1")
                .replacingOccurrences(of: ReportFormPage.templateNumber, with: number)
            #expect(filled == row, "\(list.name): the template differs from the server's row")

            // Posted, both read as the same fields: the new row's, with its defaults.
            let decoded = try ReportForm.posted(try Self.posted(filled), region: Self.region, year: 2023, period: .fy)
            let rendered = try ReportForm.posted(try Self.posted(row), region: Self.region, year: 2023, period: .fy)
            #expect(decoded == rendered)
            #expect(decoded.fields == form.fields.filter { $0.key.hasPrefix(path + "/") })
            #expect(decoded.fields.count == list.fields.count)
            #expect(decoded.rowCount(String(path.dropLast(2))) == 2)
        }
        // What the script announces, in the page's language.
        let added = Catalog.Forms.rowAdded(Catalog.Forms.rowHeading("kegiatan", ReportFormPage.templateNumber))(language)
        #expect(html.contains("<template id=\"t-kegiatan\" data-limit=\"\(ReportFormSchema.kegiatan.limit)\" data-added=\"\(added)\""))
        #expect(added.hasPrefix(language == .en ? "Activity {n} added" : "Kegiatan {n} ditambahkan"))
    }
}

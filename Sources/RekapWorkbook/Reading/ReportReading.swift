import RekapDomain
import XLSX

/// The report workbook's table sheets (contract §1): Indikator, Anggaran, PBB-P2, Penghargaan.
extension ReadingSession {
    mutating func readReport(_ sheets: [String: Worksheet], into document: inout JSONObjectBuilder) {
        let layout = WorkbookLayout.Report.self
        let year = Int(Self.text(document.valueOf("year") ?? .null))
        if let sheet = sheets[layout.indicators.name] {
            let indicators = table(sheet, layout.indicators, pointer: "/indicators") { object in
                // `previous.year` is always the report's year − 1 (contract §1.1): not a column.
                if object.has("previous"), let year { object.prepend("year", .number(String(year - 1)), inside: "previous") }
            }
            if !indicators.isEmpty { document.set("indicators", .array(indicators)) }
        }
        if let sheet = sheets[layout.budget.name], let budget = readBudget(sheet) {
            document.set("budget", budget)
        }
        if let sheet = sheets[layout.pbb.name] {
            // The template fills in each kelurahan's code: a row with only that is not reported.
            let rows = table(sheet, layout.pbb, pointer: "/pbb", ignoring: ["A"])
            if !rows.isEmpty { document.set("pbb", .array(rows)) }
        }
        if let sheet = sheets[layout.awards.name] {
            // An empty Juara cell is no podium place: `"place": null`, as the contract writes it.
            let rows = table(sheet, layout.awards, pointer: "/awards") { object in
                if !object.has("place") { object.set("place", .null) }
            }
            if !rows.isEmpty { document.set("awards", .array(rows)) }
        }
    }

    /// One object per non-empty row of a plain table sheet, `finish` adding what is not a column.
    mutating func table(_ sheet: Worksheet, _ layout: SheetLayout, pointer: JSONPointer, ignoring: Set<String> = [],
                        finish: (inout JSONObjectBuilder) -> Void = { _ in }) -> [JSONValue] {
        var objects: [JSONValue] = []
        for row in rows(sheet, layout, columns: inputLetters(layout), ignoring: ignoring) {
            var object = JSONObjectBuilder()
            readColumns(layout.inputColumns, of: row, sheet: sheet.name, pointer: pointer / objects.count, into: &object)
            finish(&object)
            objects.append(object.value)
        }
        return objects
    }

    /// Which columns (keys) each level of the Anggaran sheet takes.
    static let budgetKeys: [String: Set<String>] = [
        "program": ["code", "name", "sumber_dana", "pagu_murni", "pagu", "realisasi"],
        "kegiatan": ["code", "name", "pagu", "realisasi"],
        "sub_kegiatan": ["code", "name", "belanja", "kelurahan", "pagu", "realisasi"],
        "total": ["pagu_murni", "pagu", "realisasi"],
        "belanja": ["belanja", "pagu", "realisasi"],
    ]

    /// The Anggaran sheet: the level in column A places each row in the tree (a kegiatan under the
    /// program above it, a sub kegiatan under the kegiatan above it); `Jumlah` rows are `total`,
    /// `Jumlah belanja` rows are `belanja.<type>`.
    private mutating func readBudget(_ sheet: Worksheet) -> JSONValue? {
        let layout = WorkbookLayout.Report.budget
        let levelColumn = layout.columns[0]
        var programs: [(fields: JSONObjectBuilder, kegiatan: [(fields: JSONObjectBuilder, subs: [JSONValue])])] = []
        var belanja = JSONObjectBuilder()
        var total: JSONObjectBuilder?
        for row in rows(sheet, layout, columns: inputLetters(layout)) {
            let levelPlace = cellName(sheet: sheet.name, column: levelColumn.letter, row: row.number)
            let level: String
            do throws(CellReading.Refusal) {
                guard case .string(let value)? = try CellReading.value(row.cells[levelColumn.letter], as: levelColumn.value) else {
                    report(WorkbookProblem(cell: levelPlace, .missing, "tingkat baris ini kosong; pilih Program, Kegiatan, Sub kegiatan, Jumlah atau Jumlah belanja"))
                    continue
                }
                level = value
            } catch {
                report(WorkbookProblem(cell: levelPlace, error.kind, error.reason))
                continue
            }
            let allowed = Self.budgetKeys[level] ?? []
            let columns = layout.inputColumns.filter { allowed.contains($0.key ?? "") }
            // On total rows the Nama column is their caption ("Jumlah", "Jumlah belanja operasi"): never read.
            let captions: Set<String> = level == "total" || level == "belanja" ? ["name"] : []
            for column in layout.inputColumns
            where !allowed.contains(column.key ?? "") && !captions.contains(column.key ?? "") && row.cells[column.letter] != nil {
                report(WorkbookProblem(cell: cellName(sheet: sheet.name, column: column.letter, row: row.number), .notAllowed,
                                       "kolom \(column.header) tidak diisi untuk baris tingkat \(levelColumn.label(level)); kosongkan atau pindahkan ke baris yang tepat"))
            }
            var object = JSONObjectBuilder()
            switch level {
            case "program":
                readColumns(columns, of: row, sheet: sheet.name, pointer: "/budget/programs" / programs.count, into: &object)
                programs.append((object, []))
            case "kegiatan":
                guard !programs.isEmpty else {
                    report(WorkbookProblem(cell: levelPlace, .missing, "kegiatan ini tidak berada di bawah sebuah program; tambahkan baris Program di atasnya"))
                    continue
                }
                let p = programs.count - 1
                readColumns(columns, of: row, sheet: sheet.name, pointer: "/budget/programs" / p / "kegiatan" / programs[p].kegiatan.count, into: &object)
                programs[p].kegiatan.append((object, []))
            case "sub_kegiatan":
                guard let p = programs.indices.last, let k = programs[p].kegiatan.indices.last else {
                    report(WorkbookProblem(cell: levelPlace, .missing, "sub kegiatan ini tidak berada di bawah sebuah kegiatan; tambahkan baris Kegiatan di atasnya"))
                    continue
                }
                let pointer: JSONPointer = "/budget/programs" / p / "kegiatan" / k / "sub_kegiatan" / programs[p].kegiatan[k].subs.count
                readColumns(columns, of: row, sheet: sheet.name, pointer: pointer, into: &object)
                programs[p].kegiatan[k].subs.append(object.value)
            case "total":
                readColumns(columns, of: row, sheet: sheet.name, pointer: "/budget/total", into: &object)
                total = object
            default:  // belanja
                let typeColumn = layout.columns.first { $0.key == "belanja" }!
                let place = cellName(sheet: sheet.name, column: typeColumn.letter, row: row.number)
                guard case .string(let type)? = try? CellReading.value(row.cells[typeColumn.letter], as: typeColumn.value) else {
                    report(WorkbookProblem(cell: place, .missing, "baris Jumlah belanja perlu jenis belanjanya (Operasi, Modal, Tidak terduga, Transfer)"))
                    continue
                }
                let amounts = columns.filter { $0.key != "belanja" }
                readColumns(amounts, of: row, sheet: sheet.name, pointer: "/budget/belanja" / type, into: &object)
                belanja.set(type, object.value)
            }
        }
        guard !programs.isEmpty || !belanja.isEmpty || total != nil else { return nil }
        var budget = JSONObjectBuilder()
        if !programs.isEmpty {
            budget.set("programs", .array(programs.map { program in
                var fields = program.fields
                if !program.kegiatan.isEmpty {
                    fields.set("kegiatan", .array(program.kegiatan.map { kegiatan in
                        var fields = kegiatan.fields
                        if !kegiatan.subs.isEmpty { fields.set("sub_kegiatan", .array(kegiatan.subs)) }
                        return fields.value
                    }))
                }
                return fields.value
            }))
        }
        if !belanja.isEmpty { budget.set("belanja", belanja.value) }
        if let total { budget.set("total", total.value) }
        return budget.value
    }
}

extension Column {
    /// The label of a choice `value` of this column (`sub_kegiatan` → "Sub kegiatan").
    func label(_ value: String) -> String {
        if case .choice(let choices) = self.value, let choice = choices.first(where: { $0.value == value }) { return choice.label }
        return value
    }
}

extension JSONObjectBuilder {
    /// A top-level member's value, when set.
    func valueOf(_ key: String) -> JSONValue? { value[key] }
}

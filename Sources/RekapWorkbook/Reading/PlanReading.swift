import RekapDomain
import XLSX

/// The plan workbooks' table sheets (contract §1.2): the Renstra matrix, the PK's indicators and
/// programs.
extension ReadingSession {
    /// Renstra: one row per indicator; each target column from ``WorkbookLayout/Renstra/firstYearColumn``
    /// on is headed by its year (row 3), and its cells become `targets`.
    mutating func readRenstra(_ sheets: [String: Worksheet], into document: inout JSONObjectBuilder) {
        let layout = WorkbookLayout.Renstra.indicators
        guard let sheet = sheets[layout.name], let first = CellReference.column(letters: WorkbookLayout.Renstra.firstYearColumn) else { return }
        var yearColumns: [(letter: String, year: String)] = []
        var column = first
        // The header is a year, as a number cell or text.
        while let header = sheet.cell(CellReference.letters(column: column), layout.headerRow),
              let year = Int(CellReading.plainText(header.value)), (1900...2999).contains(year) {
            yearColumns.append((CellReference.letters(column: column), String(year)))
            column += 1
        }
        let letters = inputLetters(layout).union(yearColumns.map(\.letter))
        var indicators: [JSONValue] = []
        for row in rows(sheet, layout, columns: letters) {
            var object = JSONObjectBuilder()
            let pointer: JSONPointer = "/indicators" / indicators.count
            readColumns(layout.inputColumns, of: row, sheet: sheet.name, pointer: pointer, into: &object)
            // A baseline year with no value is "no baseline figure" (the contract's `"value": null`).
            if object.has("baseline"), case .object(let members)? = object.value["baseline"], !members.contains(where: { $0.key == "value" }) {
                object.set("baseline/value", .null)
            }
            var targets = JSONObjectBuilder()
            for (letter, year) in yearColumns {
                let place = cellName(sheet: sheet.name, column: letter, row: row.number)
                cells[pointer / "targets" / year] = place
                do throws(CellReading.Refusal) {
                    if let value = try CellReading.value(row.cells[letter], as: .indicatorValue) { targets.set(year, value) }
                } catch {
                    report(WorkbookProblem(cell: place, error.kind, at: pointer / "targets" / year, error.reason))
                }
            }
            if !targets.isEmpty { object.set("targets", targets.value) }
            indicators.append(object.value)
        }
        if !indicators.isEmpty { document.set("indicators", .array(indicators)) }
    }

    /// PK: indicators with their quarterly targets; programs (level "Program") and their lines
    /// (level "Rincian", under the program above).
    mutating func readPK(_ sheets: [String: Worksheet], into document: inout JSONObjectBuilder) {
        let layout = WorkbookLayout.PK.self
        if let sheet = sheets[layout.indicators.name] {
            let indicators = table(sheet, layout.indicators, pointer: "/indicators")
            if !indicators.isEmpty { document.set("indicators", .array(indicators)) }
        }
        guard let sheet = sheets[layout.programs.name] else { return }
        let levelColumn = layout.programs.columns[0]
        var programs: [(fields: JSONObjectBuilder, lines: [JSONValue])] = []
        for row in rows(sheet, layout.programs, columns: inputLetters(layout.programs)) {
            let levelPlace = cellName(sheet: sheet.name, column: levelColumn.letter, row: row.number)
            guard case .string(let level)? = try? CellReading.value(row.cells[levelColumn.letter], as: levelColumn.value) else {
                report(WorkbookProblem(cell: levelPlace, .missing, "tingkat baris ini kosong atau tidak dikenal; pilih Program atau Rincian"))
                continue
            }
            var object = JSONObjectBuilder()
            if level == WorkbookLayout.Choices.pkProgram.value {
                readColumns(layout.programs.inputColumns, of: row, sheet: sheet.name, pointer: "/programs" / programs.count, into: &object)
                programs.append((object, []))
            } else {
                guard let p = programs.indices.last else {
                    report(WorkbookProblem(cell: levelPlace, .missing, "rincian ini tidak berada di bawah sebuah program; tambahkan baris Program di atasnya"))
                    continue
                }
                let columns = layout.programs.inputColumns.filter { ["code", "name", "anggaran"].contains($0.key ?? "") }
                readColumns(columns, of: row, sheet: sheet.name, pointer: "/programs" / p / "lines" / programs[p].lines.count, into: &object)
                programs[p].lines.append(object.value)
            }
        }
        if !programs.isEmpty {
            document.set("programs", .array(programs.map { program in
                var fields = program.fields
                if !program.lines.isEmpty { fields.set("lines", .array(program.lines)) }
                return fields.value
            }))
        }
        // The printed total sits on Identitas; keep it after the tables, where the contract shows it.
        if let total = document.valueOf("total") {
            document.remove("total")
            document.set("total", total)
        }
    }
}

import ArgumentParser
import PostgresLibPQ
import RekapDomain
import RekapReport
import RekapStore

/// `rekap pbb orphans --city CODE --year Y`: payments whose NOP has no ketetapan for their year.
///
/// The city is the one the NOP names (its first two segments). Such payments are kept, never
/// dropped, and stop being orphans once their ketetapan is loaded.
struct PbbOrphansCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "orphans",
        abstract: "Lists payments whose NOP has no ketetapan for their year, with totals."
    )

    enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
        case table, csv, json
    }

    @OptionGroup var target: CityYearOptions

    @Option(help: "Output format: table, csv or json.")
    var format: OutputFormat = .table

    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let connection = try database.connect()
        defer { connection.close() }
        let city = target.city.text, year = target.year
        let orphans = try PBBOrphans.list(city: city, year: year, on: connection)
        switch format {
        case .table:
            var rows = [["nop", "tahun", "tanggal", "pokok", "denda"]]
            rows += orphans.payments.map { [$0.nop, String($0.tahun), $0.tanggal, $0.pokok, $0.denda] }
            print(TextTable.render(rows), terminator: "")
            print("total: \(orphans.payments.count) payment\(orphans.payments.count == 1 ? "" : "s"), pokok \(orphans.totalPokok), denda \(orphans.totalDenda)")
        case .csv:
            print(CSVWriter.document([["nop", "tahun", "tanggal", "pokok", "denda"].map(CSVField.text)] + orphans.payments.map { payment in
                [.text(payment.nop), .number(String(payment.tahun)), .text(payment.tanggal), .number(payment.pokok), .number(payment.denda)]
            }, lineEnd: .lf), terminator: "")
        case .json:
            let payments = orphans.payments.map { payment in
                JSONValue.object([
                    JSONMember(key: "nop", value: .string(payment.nop)),
                    JSONMember(key: "tahun", value: .number(String(payment.tahun))),
                    JSONMember(key: "tanggal", value: .string(payment.tanggal)),
                    JSONMember(key: "pokok", value: .string(payment.pokok)),
                    JSONMember(key: "denda", value: .string(payment.denda)),
                ])
            }
            print(JSONWriter.string(.object([
                JSONMember(key: "city", value: .string(city)),
                JSONMember(key: "year", value: .number(String(year))),
                JSONMember(key: "count", value: .number(String(orphans.payments.count))),
                JSONMember(key: "pokok", value: .string(orphans.totalPokok)),
                JSONMember(key: "denda", value: .string(orphans.totalDenda)),
                JSONMember(key: "payments", value: .array(payments)),
            ])))
        }
    }
}

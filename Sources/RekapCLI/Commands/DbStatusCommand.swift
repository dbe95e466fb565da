import ArgumentParser
import Foundation
import RekapReport
import RekapStore

/// `rekap db status`: lists every migration as applied, pending, changed or unknown.
struct DbStatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Shows which migrations are applied and which are pending."
    )

    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let status = try await database.withClient(maxConnections: 1) { client in
            try await Migrator().status(client)
        }
        let rows = status.entries.map { entry -> [String] in
            [entry.fileName, entry.state.rawValue, entry.appliedAt.map(Self.timestamp) ?? "-"]
        }
        print(TextTable.render([["migration", "state", "applied at (UTC)"]] + rows), terminator: "")
        let pending = status.pending.count
        Console.output(
            status.isUpToDate
                ? "up to date"
                : "\(pending) pending" + (status.entries.contains { $0.state == .changed || $0.state == .unknown }
                    ? "; `rekap db migrate` will refuse to run until the changed or unknown migrations are resolved" : ""))
    }

    static func timestamp(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        func two(_ n: Int?) -> String { n.map { $0 < 10 ? "0\($0)" : "\($0)" } ?? "00" }
        return "\(c.year ?? 0)-\(two(c.month))-\(two(c.day)) \(two(c.hour)):\(two(c.minute)):\(two(c.second))"
    }
}

import ArgumentParser
import Foundation
import RekapDomain
import RekapStore

/// `rekap regions tree CODE`: a region and everything under it, indented by level.
struct RegionsTreeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tree",
        abstract: "Prints a region and everything under it, indented by level."
    )

    @Argument(help: ArgumentHelp("The region, e.g. 14.72 (Kota Dumai).", valueName: "CODE"))
    var code: String

    @Option(help: "How many levels below CODE to show (default: all).")
    var depth: Int?

    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        do {
            _ = try RegionCode(parsing: code)
        } catch {
            throw ValidationError(error.description)
        }
        if let depth, depth < 0 { throw ValidationError("--depth must be 0 or more") }
    }

    func run() async throws {
        let root = try RegionCode(parsing: code)
        let tree = try await database.withClient(maxConnections: 1) { client in
            try await RegionRegistry(client: client).tree(under: root)
        }
        guard let tree else {
            Console.error("rekap: the registry has no region \(root); load it with `rekap regions import FILE.csv`")
            throw ExitStatus.rejected
        }
        print(Self.render(tree, depth: depth), terminator: "")
    }

    /// One line a region, `code  name (kind)`, indented two spaces a level, then a count by kind.
    static func render(_ tree: RegionTree, depth: Int? = nil) -> String {
        let rootLevel = tree.region.level.rawValue
        let shown = tree.flattened.filter { depth == nil || $0.level.rawValue - rootLevel <= depth! }
        var text = ""
        for region in shown {
            text += String(repeating: "  ", count: region.level.rawValue - rootLevel)
            text += "\(region.code)  \(region.name) (\(region.kind.replacingOccurrences(of: "_", with: " ")))\n"
        }
        var counts: [(kind: String, count: Int)] = []
        for region in shown.dropFirst() {
            if let i = counts.firstIndex(where: { $0.kind == region.kind }) {
                counts[i].count += 1
            } else {
                counts.append((region.kind, 1))
            }
        }
        if !counts.isEmpty {
            text += counts.map { "\($0.count) \($0.kind.replacingOccurrences(of: "_", with: " "))" }.joined(separator: ", ") + "\n"
        }
        return text
    }
}

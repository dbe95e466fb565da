import Foundation
import RekapTestSupport
import Testing

/// `docs/cli.md` keeps step with the commands: every subcommand `rekap --help` and `rekapd --help` list
/// (found recursively through each subcommand's own `--help`) has a section there, and that section
/// names every long option the command's help lists.
@Suite("CLI documentation")
struct CLIDocumentationTests {
    @Test("docs/cli.md has a section for every command and names every option", .timeLimit(.minutes(5)))  // ~50 processes, one after another
    func everyCommandDocumented() async throws {
        let manual = try CLIManual(String(contentsOf: RepositoryFiles.url("docs/cli.md"), encoding: .utf8))
        var missing: [String] = []
        var commands: [[String]] = [["rekap"], ["rekapd"]]
        var seen = 0
        while let command = commands.popLast() {
            seen += 1
            let help = try await CommandHelp.of(command)
            let title = command.joined(separator: " ")
            commands += help.subcommands.map { command + [$0] }
            guard let section = manual.section(for: title) else {
                missing.append("no section for `\(title)` (a heading naming it in backquotes)")
                continue
            }
            // `--version` is on every subcommand's help too; cli.md documents it once, for the executables.
            let options = command.count > 1 ? help.longOptions.filter { $0 != "--version" } : help.longOptions
            for option in options where !CLIManual.mentions(section, option) {
                missing.append("`\(title)`: its section does not mention \(option)")
            }
        }
        #expect(seen > 20, "only \(seen) commands found: is the --help format still understood?")
        #expect(missing.isEmpty, "docs/cli.md is behind the commands' --help:\n\(missing.joined(separator: "\n"))")
    }

    @Test("reads subcommands and long options from ArgumentParser's help text")
    func parsesHelp() {
        let help = CommandHelp(parsing: """
            OVERVIEW: Leaderboards from the consolidated aggregates.

            USAGE: rekap rank <subcommand>

            OPTIONS:
              --version               Show the version.
              -f, --format <format>   Output format (values: table, csv, json; default:
                                      table). See --as-of.
              --very-long-option-name-that-wraps <VALUE>
                                      Its help on the next line.
              --log-level <log-level> Help after one space, naming --other.
              -h, --help              Show help information.

            SUBCOMMANDS:
              pbb                     PBB-P2 realisation leaderboard.
              iku                     Kecamatan ranked by IKU capaian, with a long
                                      abstract.

              See 'rekap help rank <subcommand>' for detailed help.
            """)
        #expect(help.subcommands == ["pbb", "iku"])
        #expect(help.longOptions == ["--version", "--format", "--very-long-option-name-that-wraps", "--log-level"])
    }

    @Test("a section runs to the next heading of its level or above, and options are matched whole")
    func sections() throws {
        let manual = CLIManual("""
            ## `rekap rank`
            Takes --format.
            ### `rekap rank pbb`
            Takes `--as-of DATE`.
            ## `rekap report`
            Nothing.
            """)
        let rank = try #require(manual.section(for: "rekap rank"))
        #expect(CLIManual.mentions(rank, "--format") && CLIManual.mentions(rank, "--as-of"))
        let pbb = try #require(manual.section(for: "rekap rank pbb"))
        #expect(!CLIManual.mentions(pbb, "--format"))
        #expect(!CLIManual.mentions(pbb, "--as"))
        #expect(manual.section(for: "rekap") == nil)
        #expect(CLIManual("### `rekap validate FILE.json [--regions FILE.csv]`\n--regions").section(for: "rekap validate") != nil)
        #expect(manual.section(for: "rekap report")?.contains("--as-of") == false)
    }
}

/// What one command's `--help` lists.
struct CommandHelp {
    /// Names under SUBCOMMANDS, in order (a default subcommand's "(default)" mark dropped).
    var subcommands: [String] = []
    /// Every `--name` under OPTIONS, but `--help`, which every command has.
    var longOptions: [String] = []

    /// Runs `command --help` (the executable, then subcommand names) and reads its output.
    static func of(_ command: [String]) async throws -> CommandHelp {
        let child = try ChildProcess(command[0], Array(command.dropFirst()) + ["--help"])
        let end = try await child.exit(within: .seconds(30))
        guard end == .exited(0) else {
            throw HelpFailed(command: command.joined(separator: " "), end: end, stderr: child.stderr)
        }
        return CommandHelp(parsing: child.stdout)
    }

    /// Reads ArgumentParser's help layout: sections are `NAME:` lines; an entry starts two spaces in,
    /// its description follows after a run of spaces or on deeper-indented lines.
    init(parsing text: String) {
        var section = ""
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            // Section titles are capitals: "OPTIONS:", "USAGE: rekap rank <subcommand>".
            let title = line.prefix { $0.isUppercase || $0 == " " }
            if !title.isEmpty, title.first != " ", line.dropFirst(title.count).first == ":" {
                section = String(title)
                continue
            }
            guard line.hasPrefix("  "), !line.hasPrefix("   ") else { continue }
            let entry = line.dropFirst(2)
            // The name column ends at the first run of two spaces (or the line's end, when it is long).
            let name = entry.range(of: "  ").map { entry[..<$0.lowerBound] } ?? entry
            switch section {
            case "SUBCOMMANDS":
                guard !name.hasPrefix("See '") else { continue }
                let word = name.split(separator: " ").first.map(String.init) ?? ""
                if !word.isEmpty { subcommands.append(word) }
            case "OPTIONS", "FLAGS":
                // Names and value placeholders, up to the first word of the description (which
                // follows after a single space when the names fill their column).
                for token in name.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "/" }) {
                    guard token.hasPrefix("-") || token.hasPrefix("<") else { break }
                    guard token.hasPrefix("--") else { continue }
                    let option = String(token.prefix { $0 != "=" && $0 != "<" })
                    if option != "--help", !longOptions.contains(option) { longOptions.append(option) }
                }
            default:
                continue
            }
        }
    }
}

struct HelpFailed: Error, CustomStringConvertible {
    let command: String
    let end: ChildProcess.Termination
    let stderr: String
    var description: String { "`\(command) --help` ended with \(end):\n\(stderr)" }
}

/// docs/cli.md as headed sections.
struct CLIManual {
    private let lines: [Substring]

    init(_ text: String) {
        lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    }

    /// The text of the section whose heading names `command` in backquotes (`` `rekap rank pbb` ``,
    /// perhaps followed by arguments inside the same quotes), up to the next heading of the same or a
    /// higher level; nil when no heading names it.
    func section(for command: String) -> String? {
        guard let start = lines.firstIndex(where: { Self.level(of: $0) > 0 && Self.names($0, command) }) else { return nil }
        let level = Self.level(of: lines[start])
        let end = lines[(start + 1)...].firstIndex { (1...level).contains(Self.level(of: $0)) } ?? lines.endIndex
        return lines[start..<end].joined(separator: "\n")
    }

    /// Whether `text` names `option` as a whole word: `--as` is not named by `--as-of`.
    static func mentions(_ text: String, _ option: String) -> Bool {
        var rest = text[...]
        while let range = rest.range(of: option) {
            let next = rest[range.upperBound...].first
            if next.map({ !($0.isLetter || $0.isNumber || $0 == "-") }) ?? true { return true }
            rest = rest[range.upperBound...]
        }
        return false
    }

    private static func level(of line: Substring) -> Int {
        let hashes = line.prefix { $0 == "#" }.count
        return hashes > 0 && line.dropFirst(hashes).first == " " ? hashes : 0
    }

    /// Whether a heading holds `` `command` ``, or `` `command ARGUMENTS` `` whose next word is no
    /// subcommand (those are lowercase words): `` `rekap validate FILE.json` `` names `rekap validate`,
    /// `` `rekap rank pbb` `` does not name `rekap rank`.
    private static func names(_ heading: Substring, _ command: String) -> Bool {
        if heading.contains("`\(command)`") { return true }
        var rest = heading[...]
        while let range = rest.range(of: "`\(command) ") {
            if let next = rest[range.upperBound...].first, !next.isLowercase { return true }
            rest = rest[range.upperBound...]
        }
        return false
    }
}

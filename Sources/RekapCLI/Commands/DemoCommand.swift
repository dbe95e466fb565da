import ArgumentParser

/// `rekap demo`: the main job on an embedded throwaway database, for a first look (contract §3).
/// Needs no `--database`: it starts its own PostgreSQL and removes it at the end.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Runs the main job on an embedded throwaway database, for a first look."
    )

    func run() async throws {
        let demo: DemoRun
        do {
            demo = try await DemoRun.start()
        } catch {
            throw CommandErrors.report(error, database: nil)
        }
        do {
            try await demo.run()
            await demo.stop()
        } catch {
            await demo.stop()
            throw CommandErrors.report(error, database: nil)
        }
    }
}

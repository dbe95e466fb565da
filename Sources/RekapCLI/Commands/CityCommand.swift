import ArgumentParser

/// `rekap city ...`: settings kept per kota or kabupaten.
struct CityCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "city",
        abstract: "Shows and changes a city's settings.",
        subcommands: [CityTimeZoneCommand.self]
    )
}

import ArgumentParser
import RekapDomain
import RekapStore

/// `--city CODE --year Y`: the kota or kabupaten and the year that `rank`, `report`, `consolidate` and
/// `pbb orphans` work on, checked once here (a level-2 code, a year the schema accepts).
struct CityYearOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The kota or kabupaten, e.g. 14.72.", valueName: "CODE"))
    var city: RegionCode

    @Option(help: "The year.")
    var year: Int

    /// The rules are `CityYear`'s (what consolidation is keyed by), so every command says the same.
    func validate() throws {
        do {
            _ = try cityYear()
        } catch {
            throw ValidationError("\(city.level == .kabupatenKota ? "--year" : "--city"): \(error.reason)")
        }
    }

    /// The checked city and year.
    func cityYear() throws(InvalidCityYear) -> CityYear { try CityYear(city: city, year: year) }
}

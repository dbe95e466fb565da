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

    func validate() throws {
        guard city.level == .kabupatenKota else {
            throw ValidationError("--city \(city) is a \(city.level) code, not a kota or kabupaten (like 14.72)")
        }
        guard CityYear.years.contains(year) else {
            throw ValidationError("--year \(year) is outside \(CityYear.years.lowerBound)...\(CityYear.years.upperBound)")
        }
    }

    /// The checked city and year.
    func cityYear() throws -> CityYear { try CityYear(city: city, year: year) }
}

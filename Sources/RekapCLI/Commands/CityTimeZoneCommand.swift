import ArgumentParser
import PostgresLibPQ
import RekapDomain
import RekapStore

/// `rekap city time-zone --city CODE [--set ZONE | --unset]`: the zone in which the city's pages show
/// times (the form history, the dashboard, the report), ``RekapStore/CityTimeZoneSetting``. Prints
/// the zone and whether it is set for the city or inherited from its province, after the change if
/// one was asked for.
///
/// A code that is not a kota or kabupaten, or a zone that is not WIB, WITA or WIT, is a usage error
/// (exit 64) naming the value; a city not in the region registry exits 65.
struct CityTimeZoneCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "time-zone",
        abstract: "Shows or sets the time zone (WIB, WITA, WIT) a city's pages show times in."
    )

    @Option(help: ArgumentHelp("The kota or kabupaten, e.g. 14.72.", valueName: "CODE"))
    var city: String

    @Option(name: .customLong("set"),
            help: ArgumentHelp("Sets the city's own zone: WIB, WITA or WIT (or Asia/Jakarta, Asia/Makassar, Asia/Jayapura).", valueName: "ZONE"))
    var zone: String?

    @Flag(help: "Removes the city's own zone, so its province's applies again.")
    var unset = false

    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        _ = try cityCode()
        _ = try newZone()
        if zone != nil && unset { throw ValidationError("--set and --unset cannot be given together") }
    }

    /// The checked `--city`: a kota or kabupaten code.
    func cityCode() throws -> RegionCode {
        let code: RegionCode
        do {
            code = try RegionCode(parsing: city)
        } catch {
            throw ValidationError("--city: \(error)")
        }
        guard code.level == .kabupatenKota else {
            throw ValidationError("--city: \(code) is a \(code.level), not a kota or kabupaten")
        }
        return code
    }

    /// The checked `--set`, or nil when not given.
    func newZone() throws -> IndonesianTimeZone? {
        guard let zone else { return nil }
        guard let known = IndonesianTimeZone(name: zone) else {
            throw ValidationError("--set: \"\(zone)\" is not an Indonesian time zone; use WIB, WITA or WIT")
        }
        return known
    }

    func run() async throws {
        let (city, zone, unset) = (try cityCode(), try newZone(), self.unset)
        let found = try await database.withClient(maxConnections: 1) { client in
            try await client.withConnection { conn -> (region: Region, zone: IndonesianTimeZone, own: Bool)? in
                guard let region = try RegionRegistry.region(city, on: conn) else { return nil }
                if let zone { try CityTimeZoneSetting.set(zone, for: city, on: conn) }
                if unset { try CityTimeZoneSetting.clear(for: city, on: conn) }
                return (region, try CityTimeZoneSetting.zone(of: city, on: conn), try CityTimeZoneSetting.stored(for: city, on: conn) != nil)
            }
        }
        guard let found else {
            Console.error("rekap: --city: \(city) is not in the region registry (load it with `rekap regions import`)")
            throw ExitStatus.rejected
        }
        let source = found.own ? "set for the city" : "inherited from province \(city.parent?.text ?? "") (none set for the city)"
        Console.output("\(city) \(found.region.name): \(found.zone.abbreviation) (\(found.zone.identifier)), \(source)")
    }
}

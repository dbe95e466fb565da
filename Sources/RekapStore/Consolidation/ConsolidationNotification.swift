import RekapDomain

/// Reads the `rekap_consolidated` notification a finished job sends on commit
/// (``ConsolidationQueue/consolidatedChannel``): `{"city": "14.72", "year": 2023, "job_id": 17}`.
public enum ConsolidationNotification {
    /// The finished job's id, or nil when `payload` is not such a notification.
    public static func jobID(_ payload: String) -> Int64? {
        guard case .number(let text)? = (try? JSONParser().parse(payload))?["job_id"] else { return nil }
        return Int64(text)
    }

    /// The recomputed city and year, or nil when `payload` is not such a notification.
    public static func target(_ payload: String) -> CityYear? {
        guard let value = try? JSONParser().parse(payload),
              case .string(let city)? = value["city"], case .number(let yearText)? = value["year"], let year = Int(yearText)
        else { return nil }
        return try? CityYear(city: city, year: year)
    }
}

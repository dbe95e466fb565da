import Foundation

// Readers shared by every document kind (reports, Renstra, PK): one place decides how the
// submitting region and last year's figures are read.
extension SubmissionDecoder {
    /// The document's `region`: required, and a kecamatan, kelurahan or desa (the offices that file).
    mutating func submittingRegion(_ top: Fields, what: String = "a submission") -> RegionCode? {
        let region = regionCode(top, "region", required: true)
        if let region, region.level < .kecamatan {
            problems.append(Problem(.outOfScope, at: top.pointer / "region",
                                    "\(region) is a \(region.level); \(what) comes from a kecamatan, kelurahan or desa"))
        }
        return region
    }

    /// An indicator's `previous` (contract §1.1): `year` is required and must be the report's year − 1.
    mutating func previousResult(_ indicator: Fields, year: Int?) -> PreviousResult? {
        guard let value = indicator.value("previous"),
              let object = fields(value, at: indicator.pointer / "previous", known: ["year", "target", "realisasi", "reported_capaian"]) else { return nil }
        let previousYear = integer(object, "year", required: true, range: 1900...2999)
        let target = decimal(object, "target")
        let realisasi = decimal(object, "realisasi")
        let reported = decimal(object, "reported_capaian")
        guard let previousYear else { return nil }
        if let year, previousYear != year - 1 {
            problems.append(Problem(.notAllowed, at: object.pointer / "year",
                                    "previous.year is \(previousYear); it must be the year before this report's \(year), \(year - 1)"))
            return nil
        }
        return PreviousResult(year: previousYear, target: target, realisasi: realisasi, reportedCapaian: reported)
    }
}

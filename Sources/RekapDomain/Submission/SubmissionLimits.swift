/// How much one submission may hold and how much a rejection lists: the one table of caps.
///
/// A 4 MiB body of `"indicators": [0,0,0,…]` is two million items; listing a problem for each made
/// a 280 MB answer and gigabytes of memory. So the decoder refuses an over-long array with one
/// problem at its pointer and does not walk it, and a rejection lists its first problems only.
/// Each cap is far above what a real LKjIP holds (Dumai Timur's 2023 report: 6 indicators, 4
/// programs, 47 sub kegiatan).
public enum SubmissionLimits {
    /// `indicators`.
    public static let indicators = 500
    /// `budget.programs`.
    public static let programs = 500
    /// `kegiatan` of one program.
    public static let kegiatanPerProgram = 500
    /// `sub_kegiatan` of one kegiatan.
    public static let subKegiatanPerKegiatan = 1_000
    /// `pbb` rows.
    public static let pbbRows = 1_000
    /// `awards`.
    public static let awards = 500

    /// Problems a rejection lists; the rest are counted in one last `more-problems` problem.
    public static let listedProblems = 100
    /// Unknown keys reported as findings; the rest are counted in one more finding.
    public static let listedUnknownKeys = 100

    /// The cap of the array named `key` (each name appears at one place of the format), or nil.
    static func cap(of key: String) -> Int? {
        switch key {
        case "indicators": indicators
        case "programs": programs
        case "kegiatan": kegiatanPerProgram
        case "sub_kegiatan": subKegiatanPerKegiatan
        case "pbb": pbbRows
        case "awards": awards
        default: nil
        }
    }
}

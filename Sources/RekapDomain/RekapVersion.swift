/// rekap's version, printed by `rekap --version` and `rekapd --version`: one constant for both.
public enum RekapVersion {
    /// The release, as semantic versioning (the HTTP API's own version is `info.version` of
    /// `openapi/rekap.json`).
    public static let text = "1.0.0"
}

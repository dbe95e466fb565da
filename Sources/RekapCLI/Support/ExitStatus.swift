import ArgumentParser

/// Exit statuses of `rekap`, as fixed by the contract (§3); sysexits(3) numbering.
enum ExitStatus {
    /// A rejected input: a submission, CSV feed or region file that breaks the contract.
    static let rejected = ExitCode(65)
    /// The database could not be reached, or went away (a lost connection, a server shutdown).
    static let unreachable = ExitCode(69)
    /// A usage error; swift-argument-parser already exits with 64 for bad arguments.
    static let usage = ExitCode(64)
    /// Gave up waiting (`rekap consolidate --timeout`, a statement or lock timeout, a cancelled
    /// statement); trying again later may succeed (EX_TEMPFAIL). See ``CommandErrors/exitStatus(for:)``.
    static let timedOut = ExitCode(75)
    /// Anything else went wrong (a server error, a refused migration); the message says what.
    static let failure = ExitCode.failure
}

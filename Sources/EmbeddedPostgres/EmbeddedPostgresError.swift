/// Why a throwaway cluster could not be started.
public enum EmbeddedPostgresError: Error, CustomStringConvertible, Sendable {
    case binariesNotFound(searched: [String])
    case noUnprivilegedUser
    case commandFailed(command: String, status: Int32, output: String)
    case systemCall(String, errno: Int32)

    public var description: String {
        switch self {
        case .binariesNotFound(let searched):
            return "PostgreSQL server programs (initdb, pg_ctl) not found; looked in: "
                + searched.joined(separator: ", ")
                + ". On Debian: apt-get install postgresql postgresql-contrib (or set REKAP_PG_BINDIR)."
        case .noUnprivilegedUser:
            return "running as root, and neither the 'postgres' nor the 'nobody' user exists to run the server as"
                + " (initdb and postgres refuse to run as root)"
        case .commandFailed(let command, let status, let output):
            return "\(command) failed with status \(status): \(output)"
        case .systemCall(let call, let errno):
            return "\(call) failed: errno \(errno)"
        }
    }
}

import Foundation
import RekapTestSupport
import Testing

/// `rekap --version` and `rekapd --version` print the same version (one constant, `RekapVersion`).
@Suite(.timeLimit(.minutes(5))) struct VersionTests {
    @Test func bothExecutablesPrintTheVersion() async throws {
        let rekap = try ChildProcess("rekap", ["--version"])
        let rekapd = try ChildProcess("rekapd", ["--version"])
        #expect(try await rekap.exit(within: .seconds(30)) == .exited(0), "\(rekap.stderr)")
        #expect(try await rekapd.exit(within: .seconds(30)) == .exited(0), "\(rekapd.stderr)")
        #expect(rekap.stdout == "1.0.0\n")
        #expect(rekapd.stdout == rekap.stdout, "rekapd --version printed \(rekapd.stdout)")
    }
}

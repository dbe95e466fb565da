import Foundation
import RekapTestSupport
import Testing

/// Every HTML answer carries the dashboard's Content-Security-Policy and `nosniff` (issue: the report
/// served by `/v1/reports` had neither), and every answer `nosniff`.
@Suite(.timeLimit(.minutes(3))) struct HTMLHeadersTests {
    @Test func theHTMLReportHasTheSameProtectiveHeadersAsTheDashboard() async throws {
        try await APIServer.with(["--debounce-ms", "600000"]) { server in
            let stored = try await server.rekap(["submit", RepositoryFiles.demoSubmissions.appendingPathComponent("14.72.02-2023.json").path])
            #expect(stored.termination == .exited(0), "\(stored.stderr)")
            let report = try await server.client.get("/v1/reports/14.72/2023?format=html", token: server.tokens.bappeda)
            #expect(report.status == 200 && report.text.contains("<html"))
            let policy = try #require(report.headers["content-security-policy"])
            #expect(policy.hasPrefix("default-src 'none';") && policy.contains("frame-ancestors 'none'"))
            #expect(policy.contains("script-src 'sha256-") && !policy.contains("script-src 'unsafe-inline'"))
            #expect(report.headers["x-content-type-options"] == "nosniff")
            #expect(report.headers["referrer-policy"] == "same-origin")

            // The dashboard's login page: the very same policy, from the same place.
            let login = try await server.client.send("GET", "/login")
            #expect(login.headers["content-security-policy"] == policy)

            // Other formats are not HTML, and are never sniffed as such.
            for format in ["csv", "md", "json"] {
                let other = try await server.client.get("/v1/reports/14.72/2023?format=\(format)", token: server.tokens.bappeda)
                #expect(other.status == 200 && other.headers["x-content-type-options"] == "nosniff", "\(format)")
                #expect(other.headers["content-security-policy"] == nil, "\(format)")
            }
            #expect(try await server.client.get("/healthz").headers["x-content-type-options"] == "nosniff")
        }
    }
}

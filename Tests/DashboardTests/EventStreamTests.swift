import Foundation
import PostgresLibPQ
import RekapTestSupport
import Testing

/// `GET /events` on a real `rekapd`, read off the socket: the headers, the retry hint, and one
/// `consolidated` event per recompute of the city and year asked for, none for another year.
@Suite(.timeLimit(.minutes(10))) struct EventStreamTests {
    @Test func aRecomputeOfTheCityAndYearIsOneEvent() async throws {
        try await DashboardDatabase.with(kecamatan: []) { database in
            let rekapd = try await RekapdServer.start(on: database.configuration)
            let stream = try RawHTTPStream(port: rekapd.process.port, request: """
                GET /events?city=14.72&year=2023 HTTP/1.1\r
                Host: 127.0.0.1\r
                Authorization: Bearer \(database.bappeda)\r
                Accept: text/event-stream\r
                \r

                """)
            #expect(stream.read(until: ": listening for 14.72 2023\n\n"), "\(stream.received)")
            let head = try #require(stream.head(), "\(stream.received)")
            #expect(head.status == 200)
            #expect(head.headers["content-type"] == "text/event-stream; charset=utf-8")
            #expect(head.headers["cache-control"] == "no-store")
            #expect(stream.received.contains("retry: 3000\n"))

            // The stream is open and its LISTEN in place (the answer came after it). Another year's
            // recompute is not announced; this one's is, with the job's payload.
            let conn = try PGConnection(configuration: database.configuration)
            defer { conn.close() }
            try conn.execute("SELECT pg_notify('rekap_consolidated', '{\"city\": \"14.72\", \"year\": 2022, \"job_id\": 1}')")
            try conn.execute("SELECT pg_notify('rekap_consolidated', '{\"city\": \"14.72\", \"year\": 2023, \"job_id\": 2}')")
            #expect(stream.read(until: "\"job_id\": 2}\n\n"), "\(stream.received)")
            #expect(stream.received.contains("event: consolidated\ndata: {\"city\": \"14.72\", \"year\": 2023, \"job_id\": 2}\n\n"))
            #expect(!stream.received.contains("\"year\": 2022"))

            // rekapd stops gracefully with the stream open, ending it.
            try await rekapd.stop()
            #expect(!stream.read(until: "never sent", seconds: 5))
        }
    }
}

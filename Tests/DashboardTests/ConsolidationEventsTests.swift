import Foundation
import Logging
import PostgresLibPQ
import RekapStore
import RekapTestSupport
import Testing
@testable import RekapServer

/// The fan-out behind `GET /events`: one LISTEN, every subscriber hears every recompute.
@Suite(.timeLimit(.minutes(10))) struct ConsolidationEventsTests {
    @Test func everySubscriberHearsEachRecomputeAndMalformedPayloadsAreSkipped() async throws {
        try await withScratchDatabase(label: "consolidationevents") { configuration in
            let client = PGClient(configuration: configuration)
            let events = ConsolidationEvents(client: client, logger: Logger(label: "test"))
            let first = try await events.subscribe()
            let second = try await events.subscribe()
            let conn = try PGConnection(configuration: configuration)
            defer { conn.close() }
            // As ConsolidationQueue sends it: jsonb text.
            try conn.execute("SELECT pg_notify('rekap_consolidated', 'not json')")
            try conn.execute("""
                SELECT pg_notify('rekap_consolidated', jsonb_build_object('city', '14.72', 'year', 2023, 'job_id', 17)::text)
                """)
            var iterators = [first.makeAsyncIterator(), second.makeAsyncIterator()]
            for index in iterators.indices {
                let event = try #require(await iterators[index].next())
                #expect(event.target == (try CityYear(city: "14.72", year: 2023)))
                #expect(event.payload == "{\"city\": \"14.72\", \"year\": 2023, \"job_id\": 17}")
            }
            await client.close()
            // The listener is gone with the pool: every subscription ends.
            for index in iterators.indices {
                #expect(await iterators[index].next() == nil)
            }
        }
    }

    @Test func theWireFormatIsOneEventPerBlankLine() {
        #expect(EventStream.message(event: "consolidated", data: "{\"city\": \"14.72\"}") == "event: consolidated\ndata: {\"city\": \"14.72\"}\n\n")
    }
}

import Hummingbird
import NIOCore
import RekapStore
import ServiceLifecycle

/// A `text/event-stream` body: a `consolidated` event per recompute of one city and year, and a
/// comment every ``keepAlive`` so proxies keep the connection open and a closed browser is noticed.
/// It ends when the browser goes, the listener is lost, rekapd shuts down gracefully, or the session
/// or token it was opened with is no longer valid (asked every `recheck`).
enum EventStream {
    static let keepAlive = Duration.seconds(15)
    /// How long a browser waits before reconnecting (EventSource `retry`), in milliseconds.
    static let retryMilliseconds = 3000

    /// One event in the SSE wire format.
    static func message(event: String, data: String) -> String {
        "event: \(event)\ndata: \(data)\n\n"
    }

    static func body(
        _ events: AsyncStream<ConsolidationEvents.Event>, target: CityYear,
        stillValid: @escaping @Sendable () async -> Bool, every recheck: Duration
    ) -> ResponseBody {
        ResponseBody { writer in
            let (messages, output) = AsyncStream.makeStream(of: String.self)
            let feeder = Task {
                await withTaskGroup(of: Void.self) { group in
                    group.addTask {
                        for await event in events where event.target == target {
                            output.yield(message(event: "consolidated", data: event.payload))
                        }
                    }
                    group.addTask {
                        while (try? await Task.sleep(for: keepAlive)) != nil {
                            output.yield(": keep-alive\n\n")
                        }
                    }
                    group.addTask {
                        while (try? await Task.sleep(for: recheck)) != nil, await stillValid() {}
                    }
                    // Any ending (the listener lost, the session ended, or cancelled) ends the stream.
                    await group.next()
                    group.cancelAll()
                }
                output.finish()
            }
            defer { feeder.cancel() }
            try await writer.write(ByteBuffer(string: "retry: \(retryMilliseconds)\n: listening for \(target)\n\n"))
            try await withGracefulShutdownHandler {
                for await message in messages {
                    try await writer.write(ByteBuffer(string: message))
                }
            } onGracefulShutdown: {
                output.finish()
            }
            try await writer.finish(nil)
        }
    }
}

import Logging
import PostgresLibPQ
import RekapStore

/// Keeps an ``AnswerCache`` in step with the database: subscribes to every channel of the shared
/// listener (``ConsolidationEvents``) and drops the cities and years each notification names. The
/// cache serves answers only while this subscription is in place; when the listener is lost it
/// drops everything and subscribes again (backing off), and stops for good when the pool is closed.
enum AnswerCacheFeed {
    /// Follows `events` for `cache` until the pool closes or the task is cancelled.
    static func follow(_ events: ConsolidationEvents, into cache: AnswerCache, logger: Logger) async {
        var delay = Duration.milliseconds(100)
        while !Task.isCancelled {
            let stream: AsyncStream<ConsolidationEvents.Event>
            do {
                // Events are not dropped for this subscriber (a dropped one would leave a stale answer).
                stream = try await events.subscribe(channels: Set(ConsolidationEvents.channels), newest: Int.max)
            } catch let error as PGError where error.kind == .poolClosed {
                return
            } catch {
                logger.warning("the answer cache cannot follow changes; answers are read afresh", metadata: ["error": "\(error)"])
                try? await Task.sleep(for: delay)
                delay = min(delay * 2, .seconds(10))
                continue
            }
            cache.setListening(true)
            delay = .milliseconds(100)
            for await event in stream {
                if let targets = event.targets {
                    cache.invalidate(targets)
                } else {
                    cache.invalidateAll()
                }
            }
            cache.setListening(false)
        }
    }
}

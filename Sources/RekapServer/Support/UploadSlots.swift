import Synchronization

/// How many uploads each token has in progress, bounded by ``ServerSettings/uploadsPerToken``: one
/// revenue token cannot fill the server with uploads (each holds a spool file and, once its body is
/// in, a pooled connection for its load).
final class UploadSlots: Sendable {
    let perToken: Int
    private let inProgress = Mutex<[Int64: Int]>([:])

    init(perToken: Int) {
        self.perToken = perToken
    }

    /// Runs `body` in one of the token's slots; nil without running it when they are all taken.
    func withSlot<T: Sendable>(tokenID: Int64, _ body: () async throws -> T) async throws -> T? {
        let admitted = inProgress.withLock { counts in
            guard counts[tokenID, default: 0] < perToken else { return false }
            counts[tokenID, default: 0] += 1
            return true
        }
        guard admitted else { return nil }
        defer {
            inProgress.withLock { counts in
                let left = counts[tokenID, default: 1] - 1
                counts[tokenID] = left > 0 ? left : nil
            }
        }
        return try await body()
    }
}

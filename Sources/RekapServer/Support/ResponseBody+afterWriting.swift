import Hummingbird

extension ResponseBody {
    /// This body, calling `done` once it has been written (or writing it failed): the moment the
    /// access log and the latency metrics measure to. (Hummingbird's own `withPostWriteClosure` is
    /// package-internal.)
    func afterWriting(_ done: @escaping @Sendable () -> Void) -> ResponseBody {
        let body = self
        return ResponseBody(contentLength: body.contentLength) { writer in
            defer { done() }
            try await body.write(writer)
        }
    }
}

import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A URLSession delegate that follows no redirect, so a test sees the 303 and its Location and
/// Set-Cookie exactly as the server answered them.
public final class NoRedirects: NSObject, URLSessionTaskDelegate, @unchecked Sendable {
    public override init() {}

    public func urlSession(_ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
                           newRequest request: URLRequest, completionHandler: @escaping @Sendable (URLRequest?) -> Void) {
        completionHandler(nil)
    }
}

import HTTPTypes
import Hummingbird
import NIOCore
import RekapDomain

extension Response {
    /// A JSON body written by RekapDomain's `JSONWriter` (the one writer the CLI uses too), compact,
    /// with a trailing newline.
    static func json(_ value: JSONValue, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        var headers = headers
        headers[.contentType] = "application/json; charset=utf-8"
        let text = JSONWriter.string(value, indent: nil) + "\n"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}

import HTTPTypes
import Hummingbird
import NIOCore
import RekapDomain

extension Response {
    /// A JSON body written by RekapDomain's `JSONWriter` as the CLI prints it (indented, with a final
    /// newline), so an answer and the matching `--format json` output are the same text.
    static func json(_ value: JSONValue, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        text(JSONWriter.string(value) + "\n", contentType: "application/json; charset=utf-8", status: status, headers: headers)
    }

    /// A text body of `contentType`.
    static func text(_ text: String, contentType: String, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        var headers = headers
        headers[.contentType] = contentType
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}

import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import XLSX

extension Response {
    /// An .xlsx workbook, as a download named `filename` (ASCII letters, digits, `.`, `-`, `_` only).
    static func workbook(_ data: Data, filename: String, headers: HTTPFields = [:]) -> Response {
        var headers = headers
        headers[.contentType] = WorkbookWriter.mediaType
        let safe = String(filename.unicodeScalars.filter { $0.isASCII && ($0.properties.isAlphabetic || $0.properties.numericType != nil || "._-".unicodeScalars.contains($0)) })
        headers[.contentDisposition] = "attachment; filename=\"\(safe)\""
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}

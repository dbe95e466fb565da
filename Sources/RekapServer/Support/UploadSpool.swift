import Foundation
import Hummingbird
import RekapStore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A request body written to an anonymous temporary file before anything touches the database, so a
/// client that sends slowly (or stops) holds no pooled connection and no table lock while it does:
/// only once the whole body is here does the load begin, and it then reads at disk speed.
///
/// The file is unlinked as soon as it is created (nothing is left behind, even if rekapd is killed)
/// and closed when the spool is released. A body that stalls is ended by the HTTP server's idle
/// timeout (``ServerSettings/idleTimeout``), which fails the read here.
final class UploadSpool: Sendable {
    let descriptor: Int32
    /// The bytes written.
    let size: Int

    /// Writes `body` to a new file in `directory` (the system's temporary folder by default).
    ///
    /// - Throws: ``APIError`` 413 when the body is larger than `limit`; ``RequestBodyError`` when it
    ///   cannot be read to its end; ``UploadSpoolError`` when the file cannot be written (a 500: the
    ///   server's disk, not the client).
    init(_ body: RequestBody, limit: Int, directory: String?) async throws {
        let folder = directory ?? FileManager.default.temporaryDirectory.path
        var template = Array((folder + "/rekap-upload-XXXXXX").utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else { throw UploadSpoolError(folder: folder, code: errno) }
        _ = template.withUnsafeBufferPointer { unlink($0.baseAddress!) }
        var size = 0
        do {
            do {
                for try await chunk in body {
                    size += chunk.readableBytes
                    guard size <= limit else { throw APIError.tooLarge(limit: limit) }
                    try chunk.withUnsafeReadableBytes { bytes in try Self.writeAll(bytes, to: descriptor, folder: folder) }
                }
            } catch let error as APIError {
                throw error
            } catch let error as UploadSpoolError {
                throw error
            } catch {
                throw RequestBodyError(underlying: "\(error)")
            }
            guard lseek(descriptor, 0, SEEK_SET) == 0 else { throw UploadSpoolError(folder: folder, code: errno) }
        } catch {
            close(descriptor)
            throw error
        }
        self.descriptor = descriptor
        self.size = size
    }

    deinit { close(descriptor) }

    /// The spooled body, from its start; read once.
    var source: FileDescriptorSource { FileDescriptorSource(descriptor: descriptor, name: "the uploaded feed") }

    private static func writeAll(_ bytes: UnsafeRawBufferPointer, to descriptor: Int32, folder: String) throws {
        var offset = 0
        while offset < bytes.count {
            let written = write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                throw UploadSpoolError(folder: folder, code: errno)
            }
            offset += written
        }
    }
}

/// The spool file could not be created or written (the disk is full, the folder is missing).
struct UploadSpoolError: Error, Sendable, CustomStringConvertible {
    let folder: String
    let code: Int32
    var description: String { "cannot spool an upload in \(folder): \(String(cString: strerror(code)))" }
}

/// The request body could not be read to its end (the client went away, stalled past the idle
/// timeout, or sent a broken body).
struct RequestBodyError: Error, Sendable, CustomStringConvertible {
    let underlying: String
    var description: String { "the request body could not be read: \(underlying)" }
}

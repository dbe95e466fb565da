import Foundation

/// Writes `bytes` to a new file in the temporary folder, runs `body` with its path, and removes it.
func withTemporaryFile<T>(_ bytes: [UInt8], suffix: String = ".csv", _ body: (String) async throws -> T) async throws -> T {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("rekap-test-\(UUID().uuidString)\(suffix)")
    try Data(bytes).write(to: url)
    defer { try? FileManager.default.removeItem(at: url) }
    return try await body(url.path)
}

func withTemporaryFile<T>(_ text: String, suffix: String = ".csv", _ body: (String) async throws -> T) async throws -> T {
    try await withTemporaryFile(Array(text.utf8), suffix: suffix, body)
}

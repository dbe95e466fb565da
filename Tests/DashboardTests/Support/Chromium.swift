import Foundation
#if canImport(Glibc)
import Glibc
#endif
import RekapTestSupport

/// A headless Chromium driven through the DevTools protocol over `--remote-debugging-pipe`: commands
/// go in on the browser's fd 3 and answers come out of its fd 4, as JSON messages ended by NUL. No
/// websocket client and nothing to download; the Debian package `chromium` is enough.
final class Chromium: @unchecked Sendable {
    /// Where the browser is: `$CHROMIUM`, else the usual Debian and Chrome paths; nil when absent.
    static let executable: String? = {
        let candidates = [ProcessInfo.processInfo.environment["CHROMIUM"], "/usr/bin/chromium", "/usr/bin/chromium-browser",
                          "/usr/bin/google-chrome"].compactMap { $0 }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    let pid: pid_t
    private let commands: Int32
    private let answers: Int32
    private let profile: URL
    let logURL: URL
    private var pending: [UInt8] = []
    private var lastID = 0
    private var sessionID: String?

    /// Starts the browser with one blank page attached (its commands go to that page).
    init(executable: String) throws {
        profile = FileManager.default.temporaryDirectory.appendingPathComponent("rekap-chromium-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: profile, withIntermediateDirectories: true)
        logURL = profile.appendingPathComponent("chromium.log")
        var toBrowser: [Int32] = [0, 0]
        var fromBrowser: [Int32] = [0, 0]
        guard pipe(&toBrowser) == 0, pipe(&fromBrowser) == 0 else {
            throw Failure(description: "pipe failed: errno \(errno)")
        }
        // Close-on-exec and above 4, so the child gets exactly fds 3 and 4 and placing them cannot
        // overwrite one another.
        func high(_ fd: Int32) -> Int32 {
            let moved = fcntl(fd, F_DUPFD_CLOEXEC, 10)
            close(fd)
            return moved
        }
        let browserReads = high(toBrowser[0]), weWrite = high(toBrowser[1])
        let weRead = high(fromBrowser[0]), browserWrites = high(fromBrowser[1])
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, logURL.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        posix_spawn_file_actions_adddup2(&actions, browserReads, 3)
        posix_spawn_file_actions_adddup2(&actions, browserWrites, 4)
        let arguments = [executable, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                         "--no-default-browser-check", "--disable-extensions", "--disable-background-networking", "--disable-sync",
                         "--hide-scrollbars", "--mute-audio", "--remote-debugging-pipe", "--user-data-dir=\(profile.path)", "about:blank"]
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var child: pid_t = 0
        let status = posix_spawn(&child, executable, &actions, nil, &argv, environ)
        close(browserReads)
        close(browserWrites)
        guard status == 0 else {
            close(weWrite)
            close(weRead)
            throw Failure(description: "cannot start \(executable): errno \(status)")
        }
        pid = child
        commands = weWrite
        answers = weRead
        let target = try send("Target.createTarget", ["url": "about:blank"], toPage: false)
        guard let targetID = target["targetId"] as? String else { throw Failure(description: "no targetId in \(target)") }
        let attached = try send("Target.attachToTarget", ["targetId": targetID, "flatten": true], toPage: false)
        guard let session = attached["sessionId"] as? String else { throw Failure(description: "no sessionId in \(attached)") }
        sessionID = session
        _ = try send("Page.enable")
    }

    deinit { quit() }

    private var quitted = false

    /// Closes the browser (and its pipes), and removes its profile.
    func quit() {
        guard !quitted else { return }
        quitted = true
        _ = try? send("Browser.close", toPage: false, timeout: 5)
        for _ in 0..<50 where waitpid(pid, nil, WNOHANG) == 0 { usleep(100_000) }
        if waitpid(pid, nil, WNOHANG) == 0 {
            kill(pid, SIGKILL)
            waitpid(pid, nil, 0)
        }
        Glibc.close(commands)
        Glibc.close(answers)
        try? FileManager.default.removeItem(at: profile)
    }

    var log: String { (try? String(contentsOf: logURL, encoding: .utf8)) ?? "" }

    // MARK: Protocol

    /// Sends one command (to the page unless `toPage` is false) and returns its result; events that
    /// arrive meanwhile are dropped.
    @discardableResult
    func send(_ method: String, _ parameters: [String: Any] = [:], toPage: Bool = true, timeout: Int = 60) throws -> [String: Any] {
        lastID += 1
        var message: [String: Any] = ["id": lastID, "method": method, "params": parameters]
        if toPage, let sessionID { message["sessionId"] = sessionID }
        var bytes = [UInt8](try JSONSerialization.data(withJSONObject: message))
        bytes.append(0)
        var written = 0
        while written < bytes.count {
            let n = bytes[written...].withUnsafeBytes { write(commands, $0.baseAddress, $0.count) }
            guard n > 0 else { throw Failure(description: "writing \(method) to Chromium failed: errno \(errno)\n\(log)") }
            written += n
        }
        let deadline = Date().addingTimeInterval(TimeInterval(timeout))
        while true {
            let answer = try readMessage(until: deadline, waitingFor: method)
            guard answer["id"] as? Int == lastID else { continue }
            if let error = answer["error"] { throw Failure(description: "\(method) failed: \(error)") }
            return answer["result"] as? [String: Any] ?? [:]
        }
    }

    private func readMessage(until deadline: Date, waitingFor method: String) throws -> [String: Any] {
        while true {
            if let end = pending.firstIndex(of: 0) {
                let data = Data(pending[..<end])
                pending.removeSubrange(...end)
                return (try JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:]
            }
            let left = Int(deadline.timeIntervalSinceNow * 1000)
            guard left > 0 else { throw Failure(description: "Chromium did not answer \(method) in time\n\(log)") }
            var descriptor = pollfd(fd: answers, events: Int16(POLLIN), revents: 0)
            guard poll(&descriptor, 1, Int32(min(left, 1000))) >= 0 else { throw Failure(description: "poll failed: errno \(errno)") }
            guard descriptor.revents != 0 else { continue }
            var chunk = [UInt8](repeating: 0, count: 65536)
            let n = chunk.withUnsafeMutableBytes { read(answers, $0.baseAddress, $0.count) }
            guard n > 0 else { throw Failure(description: "Chromium closed its pipe while \(method) was pending\n\(log)") }
            pending.append(contentsOf: chunk[..<n])
        }
    }

    // MARK: Page

    /// The value of `expression` in the page (promises awaited), as JSON types.
    func evaluate(_ expression: String) throws -> Any? {
        let result = try send("Runtime.evaluate", ["expression": expression, "returnByValue": true, "awaitPromise": true])
        if let exception = result["exceptionDetails"] { throw Failure(description: "\(expression) threw: \(exception)") }
        return (result["result"] as? [String: Any])?["value"]
    }

    /// A phone's or a desktop's viewport (CSS pixels).
    func setViewport(width: Int, height: Int, mobile: Bool) throws {
        try send("Emulation.setDeviceMetricsOverride", ["width": width, "height": height, "deviceScaleFactor": 2, "mobile": mobile])
    }

    /// Loads `url` and waits until the page has loaded.
    func navigate(_ url: String) async throws {
        try send("Page.navigate", ["url": url])
        try await waitForLoad("\(url) to load")
    }

    /// Waits until the current document (maybe after a form post and redirect) has loaded.
    func waitForLoad(_ what: String) async throws {
        try await waitFor(what) { try self.evaluate("document.readyState") as? String == "complete" ? true : nil }
    }

    /// Polls `probe` every 100 ms (each probe is a DevTools round trip) until it gives a value, for at
    /// most `timeout`: RekapTestSupport's `eventually`.
    @discardableResult
    func waitFor<T>(_ what: String, within timeout: Duration = patience, _ probe: () throws -> T?) async throws -> T {
        try await eventually(within: timeout, what, every: .milliseconds(100)) { try probe() }
    }

    /// A PNG of the first screen, or of the whole page (`fullPage`) at the viewport's width.
    func screenshot(to file: URL, fullPage: Bool = false) throws {
        var parameters: [String: Any] = ["format": "png"]
        if fullPage {
            let metrics = try send("Page.getLayoutMetrics")
            let size = metrics["cssContentSize"] as? [String: Any] ?? [:]
            let viewport = metrics["cssLayoutViewport"] as? [String: Any] ?? [:]
            let width = (viewport["clientWidth"] as? NSNumber)?.doubleValue ?? 375
            let height = (size["height"] as? NSNumber)?.doubleValue ?? 812
            parameters["captureBeyondViewport"] = true
            parameters["clip"] = ["x": 0, "y": 0, "width": width, "height": height, "scale": 1]
        }
        let shot = try send("Page.captureScreenshot", parameters)
        guard let base64 = shot["data"] as? String, let png = Data(base64Encoded: base64) else {
            throw Failure(description: "no screenshot data")
        }
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try png.write(to: file)
    }
}

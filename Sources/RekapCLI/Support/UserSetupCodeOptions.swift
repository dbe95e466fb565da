import ArgumentParser
import Foundation
import RekapStore

/// How `rekap user create` and `rekap user reset` hand over a one-time password-setup code: the code
/// alone on stdout (so a script can pass it on), where to use it on stderr. No password ever appears
/// on a command line or in a log; the person chooses it on the page.
struct UserSetupCodeOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The address people open rekap at (e.g. https://rekap.example.go.id), to print the page's link.",
                               valueName: "URL"))
    var baseURL: String?

    @Option(help: "How many hours the one-time code stays usable.")
    var codeHours: Int = 72

    func validate() throws {
        if codeHours < 1 || codeHours > 24 * 30 { throw ValidationError("--code-hours: \(codeHours) is not between 1 and 720") }
    }

    var lifetime: Duration { .seconds(codeHours * 3600) }

    /// Prints `code` for `login`.
    func hand(_ code: String, login: String, expiresAt: Date) {
        Console.output(code)
        let page = (baseURL.map { $0.hasSuffix("/") ? String($0.dropLast()) : $0 } ?? "") + "/password"
        Console.error("rekap: one-time code for \(login) (above), usable once until \(DbStatusCommand.timestamp(expiresAt)) UTC: "
                      + "open \(page), enter the code and choose a password. rekap stores only the code's hash.")
    }
}

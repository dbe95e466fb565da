import Foundation
import Testing
@testable import RekapDomain

/// Decodes test documents of each kind, failing the test on any problem.
enum Decoded {
    static func value(_ text: String) throws -> JSONValue { try JSONParser().parse(Array(text.utf8)) }

    static func report(_ text: String, id: String? = nil) throws -> Filed<Submission> {
        let outcome = SubmissionDecoder.decode(try value(text))
        return Filed(try #require(outcome.submission, "\(outcome.problems)"), id: id)
    }

    static func pk(_ text: String, id: String? = nil) throws -> Filed<PerjanjianKinerja> {
        let outcome = PKDecoder.decode(try value(text))
        return Filed(try #require(outcome.document, "\(outcome.problems)"), id: id)
    }

    static func renstra(_ text: String, id: String? = nil) throws -> Filed<Renstra> {
        let outcome = RenstraDecoder.decode(try value(text))
        return Filed(try #require(outcome.document, "\(outcome.problems)"), id: id)
    }
}

extension CheckResult {
    var submission: Submission? {
        if case .accepted(let submission, _, _, _) = self { return submission }
        return nil
    }
}

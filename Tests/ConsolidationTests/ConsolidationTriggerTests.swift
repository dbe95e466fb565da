import RekapStore
import Testing

/// Which cities and years a notification names; no database needed.
@Suite(.timeLimit(.minutes(10))) struct ConsolidationTriggerTests {
    func targets(_ channel: String, _ payload: String) throws(InvalidTrigger) -> (targets: [CityYear], reason: String) {
        try ConsolidationTrigger.targets(channel: channel, payload: payload)
    }

    @Test func aSubmissionNamesItsCityAndYear() throws {
        let (targets, reason) = try targets(
            "rekap_submission",
            #"{"submission_id":42,"region":"14.72.02","city":"14.72","year":2023,"period":"FY","revision":1}"#)
        #expect(targets == [dumai2023])
        #expect(reason == "submission 42")
    }

    @Test func aKelurahanSubmissionNamesItsCity() throws {
        let (targets, reason) = try targets(
            "rekap_submission",
            #"{"submission_id":7,"region":"14.72.02.1001","city":"14.72","year":2023,"period":"Q2","revision":3}"#)
        #expect(targets == [dumai2023])
        #expect(reason == "submission 7")
    }

    @Test func aPBBLoadNamesEveryCityInEveryYear() throws {
        let (targets, reason) = try targets("rekap_pbb_load", #"{"cities":["14.73","14.72","14.72"],"years":[2024,2023]}"#)
        #expect(targets.map(\.description) == ["14.72 2023", "14.72 2024", "14.73 2023", "14.73 2024"])
        #expect(reason == "pbb load")
    }

    @Test(arguments: [
        ("rekap_submission", "not json", "not JSON"),
        ("rekap_submission", #"{"submission_id":1,"region":"14.72.02","period":"FY","revision":1}"#, "\"year\" is missing"),
        (
            "rekap_submission", #"{"submission_id":1,"region":"14.72.02","year":"2023","period":"FY","revision":1}"#,
            "\"year\" is missing or not an integer"
        ),
        (
            "rekap_submission", #"{"submission_id":1,"region":"14.72.02","year":1066,"period":"FY","revision":1}"#,
            "the year 1066 is outside 1900...2999"
        ),
        (
            "rekap_submission", #"{"submission_id":1,"region":"14","year":2023,"period":"FY","revision":1}"#,
            "region 14: 14 is a provinsi code, not a kota or kabupaten"
        ),
        ("rekap_pbb_load", "[", "the payload is not JSON"),
        ("rekap_pbb_load", #"{"cities":"14.72","years":[2023]}"#, "/cities is missing or not an array"),
        ("rekap_pbb_load", #"{"cities":["14.72",5],"years":[2023]}"#, "/cities/1 is not a string"),
        ("rekap_pbb_load", #"{"cities":["14.72"],"years":[2023.5]}"#, "/years/0 is missing or not a whole number"),
        ("rekap_other", #"{}"#, "not a channel rekap consolidates on"),
    ])
    func aPayloadThatCannotBeUnderstoodIsRefusedWithTheReason(channel: String, payload: String, reason: String) throws {
        let error = try #require(throws: InvalidTrigger.self) { try targets(channel, payload) }
        #expect(error.channel == channel)
        #expect(error.reason.contains(reason), "\(error.reason)")
    }

    @Test func aPBBLoadNamingTooManyRecomputesIsRefused() throws {
        let cities = (71...99).map { "\"14.\($0)\"" }.joined(separator: ",")
        let years = (1950...2000).map(String.init).joined(separator: ",")
        let error = try #require(throws: InvalidTrigger.self) {
            try targets("rekap_pbb_load", "{\"cities\":[\(cities)],\"years\":[\(years)]}")
        }
        #expect(error.reason.contains("more than \(ConsolidationTrigger.maximumTargets) recomputes"))
    }

    @Test func retriesBackOffExponentiallyUpToTheMaximum() {
        let policy = RetryPolicy(maximumAttempts: 5, firstDelay: .seconds(10), maximumDelay: .seconds(60))
        #expect((1...5).map { policy.delay(afterFailures: $0) } == [.seconds(10), .seconds(20), .seconds(40), .seconds(60), .seconds(60)])
        #expect(!policy.givesUp(afterFailures: 4))
        #expect(policy.givesUp(afterFailures: 5))
    }
}

import Foundation
import RekapDomain
import RekapTestSupport
import RekapWorkbook
import Testing
import XLSX

/// A template written from a revision and read back untouched (the reader of xlsx-read) gives that
/// revision's document: every value the reader reads is written, exactly.
@Suite struct TemplateRoundTripTests {
    func roundTrip(_ document: Submission, kelurahan: [TemplateRegion]) throws -> Submission {
        let input = ReportTemplateInput(region: TemplateRegion(code: document.region, name: "Dumai Timur"), year: document.year,
                                        period: document.period, kelurahan: kelurahan,
                                        latest: LatestRevision(revision: 2, document: document), pkTargets: ["IKM": 92])
        let data = try ReportTemplate.workbook(input).data()
        let conversion: WorkbookConversion
        switch WorkbookReader.read(data) {
        case .success(let read): conversion = read
        case .failure(let rejection): throw TemplateFixtures.FixtureError(description: "the template was refused: \(rejection.problems)")
        }
        #expect(conversion.kind == .report)
        return try TemplateFixtures.decode(Array(conversion.json.utf8))
    }

    @Test func theSeedsReportComesBackEqual() throws {
        let document = try TemplateFixtures.decode(DemoSubmissions.bytes("14.72.02"))
        #expect(try roundTrip(document, kelurahan: try TemplateFixtures.kelurahan()) == document)
    }

    @Test func pbbRowsDecimalsAndAwardsComeBackEqual() throws {
        let document = try TemplateFixtures.decode(TemplateFixtures.reportBytes())
        #expect(!document.pbb.isEmpty && !document.awards.isEmpty)
        let back = try roundTrip(document, kelurahan: try TemplateFixtures.kelurahan())
        #expect(back.pbb == document.pbb)
        #expect(back.awards == document.awards)
        #expect(back == document)
    }

    @Test func everyDemoReportComesBackEqual() throws {
        for kecamatan in DemoSubmissions.kecamatan {
            let document = try TemplateFixtures.decode(DemoSubmissions.bytes(kecamatan))
            #expect(try roundTrip(document, kelurahan: []) == document, "\(kecamatan)")
        }
    }
}

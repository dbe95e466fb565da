import Foundation
import Testing
@testable import RekapDomain

/// The message catalog's building blocks: choosing a language, numbers, dates and time zones the
/// Indonesian way, and findings that carry both texts under their rule ids.
@Suite struct LanguageTests {
    @Test func bahasaIndonesiaUnlessTheReaderAsksOtherwise() {
        #expect(Language.preferred(acceptLanguage: nil) == .id)
        #expect(Language.preferred(acceptLanguage: "") == .id)
        #expect(Language.preferred(acceptLanguage: "fr-FR, de;q=0.8") == .id)
        #expect(Language.preferred(acceptLanguage: "en-US,en;q=0.9") == .en)
        #expect(Language.preferred(acceptLanguage: "id-ID,id;q=0.9,en-US;q=0.8,en;q=0.7") == .id)
        #expect(Language.preferred(acceptLanguage: "en;q=0.5, id;q=0.9") == .id)
        #expect(Language.preferred(acceptLanguage: "fr, en;q=0.3") == .en)
        #expect(Language.preferred(acceptLanguage: "en;q=0") == .id)
        // The switch wins over the cookie, the cookie over the header; a bad switch is ignored.
        #expect(Language.resolve(query: "en", cookie: "id", acceptLanguage: "id") == .en)
        #expect(Language.resolve(query: nil, cookie: "en", acceptLanguage: "id") == .en)
        #expect(Language.resolve(query: "xx", cookie: nil, acceptLanguage: "en") == .en)
        #expect(Language.resolve(query: nil, cookie: nil, acceptLanguage: nil) == .id)
    }

    @Test func numbersTheIndonesianWay() throws {
        let pagu = try DecimalText.parse("12763150960")
        #expect(LocalizedNumber.string(pagu) == "12.763.150.960")
        #expect(LocalizedNumber.string(pagu, .en) == "12,763,150,960")
        #expect(LocalizedNumber.percent(try DecimalText.parse("98.5063")) == "98,51")
        #expect(LocalizedNumber.percent(try DecimalText.parse("98.5063"), .en) == "98.51")
        #expect(LocalizedNumber.string(try DecimalText.parse("-1234567.5")) == "-1.234.567,5")
        #expect(LocalizedNumber.string(try DecimalText.parse("999")) == "999")
        #expect(LocalizedNumber.rupiah(pagu) == "Rp12.763.150.960")
        #expect(LocalizedNumber.integer(1862) == "1.862")
    }

    @Test func datesAndTimesInTheCitysOwnZone() throws {
        // 2026-12-06T08:20:00Z is 15.20 in Jakarta (WIB), 16.20 in Makassar, 17.20 in Jayapura.
        let instant = Date(timeIntervalSince1970: 1_796_545_200)
        #expect(LocalizedDate.date(instant, in: .wib) == "6 Desember 2026")
        #expect(LocalizedDate.dateTime(instant, in: .wib) == "6 Desember 2026 15.20 WIB")
        #expect(LocalizedDate.dateTime(instant, in: .wita) == "6 Desember 2026 16.20 WITA")
        #expect(LocalizedDate.dateTime(instant, in: .wit, .en) == "6 December 2026 17:20 WIT")
        // Late in the evening UTC is already the next day in Jakarta.
        let evening = Date(timeIntervalSince1970: 1_796_594_400) // 2026-12-06T22:00:00Z
        #expect(LocalizedDate.date(evening, in: .wib) == "7 Desember 2026")
        #expect(LocalizedDate.date(try CalendarDate(year: 2023, month: 8, day: 17)) == "17 Agustus 2023")
        #expect(LocalizedDate.date(try CalendarDate(year: 2023, month: 8, day: 17), .en) == "17 August 2023")
    }

    @Test func provincesFallInTheirTimeZones() {
        #expect(IndonesianTimeZone.forProvince("14.72") == .wib)   // Riau: Dumai
        #expect(IndonesianTimeZone.forProvince("31.71") == .wib)   // DKI Jakarta
        #expect(IndonesianTimeZone.forProvince("61.71") == .wib)   // Kalimantan Barat: Pontianak
        #expect(IndonesianTimeZone.forProvince("51.71") == .wita)  // Bali: Denpasar
        #expect(IndonesianTimeZone.forProvince("64.72") == .wita)  // Kalimantan Timur
        #expect(IndonesianTimeZone.forProvince("73.71") == .wita)  // Sulawesi Selatan: Makassar
        #expect(IndonesianTimeZone.forProvince("81.71") == .wit)   // Maluku: Ambon
        #expect(IndonesianTimeZone.forProvince("91.71") == .wit)   // Papua: Jayapura
        #expect(IndonesianTimeZone(name: "WITA") == .wita)
        #expect(IndonesianTimeZone(name: "Asia/Jakarta") == .wib)
        #expect(IndonesianTimeZone(name: "UTC") == nil)
    }

    @Test func findingsKeepTheirRuleIdsAndCarryBothTexts() throws {
        let findings = SubmissionChecker(knownRegion: DumaiRegions.known).check(try Fixtures.bytes("accepted/dumai-timur-2023.json")).findings
        let murni = try #require(findings.first { $0.rule == FindingRule.paguMurniMismatch.rawValue })
        #expect(murni.message == murni.text.en)
        #expect(murni.text.en.hasPrefix("reported total pagu_murni "))
        #expect(murni.text.id.hasPrefix("total pagu murni yang dilaporkan "))
        // Tabel 2.5's slip of 198000000, in Indonesian digits.
        #expect(murni.text.id.contains("(selisih 198.000.000)"))
        #expect(murni.text.en.contains("(difference 198000000)"))
        // Every finding of the seed has an Indonesian text of its own, figures grouped the Indonesian way.
        for finding in findings {
            #expect(finding.text.id != finding.text.en, "\(finding.rule) has no Indonesian text")
        }
        #expect(murni.text(.id).range(of: #"[0-9]{1,3}(\.[0-9]{3})+"#, options: .regularExpression) != nil)
    }
}

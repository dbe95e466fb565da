import Testing
@testable import RekapServer

/// `application/x-www-form-urlencoded` as browsers post it.
@Suite struct FormFieldsTests {
    @Test func namesAndValuesAreDecoded() {
        let fields = FormFields.parse("a=1&budget%2Fprograms%2F0%2Fname=Program+Penunjang+%26+Urusan&empty=&bare&dup=1&dup=2"
            + "&name=Dumai%20Timur%0D%0A&rp=Rp+12.763.150.960%2C-&id=%E2%80%9CKelurahan%E2%80%9D+%F0%9F%8C%BF")
        #expect(fields["a"] == "1")
        #expect(fields["budget/programs/0/name"] == "Program Penunjang & Urusan")
        #expect(fields["empty"] == "")
        #expect(fields["bare"] == "")
        #expect(fields["dup"] == "2")
        #expect(fields["name"] == "Dumai Timur\r\n")
        #expect(fields["rp"] == "Rp 12.763.150.960,-")
        #expect(fields["id"] == "\u{201C}Kelurahan\u{201D} 🌿")
        #expect(fields.count == 8)
    }

    @Test func brokenEscapesAreKeptAsSent() {
        let fields = FormFields.parse("a=100%+pasti&b=%zz&c=%E2%80&d=%4&e=%")
        #expect(fields["a"] == "100% pasti")
        #expect(fields["b"] == "%zz")
        #expect(fields["c"] == "%E2%80")
        #expect(fields["d"] == "%4")
        #expect(fields["e"] == "%")
    }

    @Test func emptyBodyHasNoFields() {
        #expect(FormFields.parse("").isEmpty)
        #expect(FormFields.parse("&&").isEmpty)
    }
}

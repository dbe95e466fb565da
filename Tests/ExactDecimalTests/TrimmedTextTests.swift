import ExactDecimal
import Testing

@Suite struct TrimmedTextTests {
    @Test func whitespaceAtEitherEndGoes() {
        #expect(" 91,72 ".trimmedText == "91,72")
        #expect("\t\r\n12.763.150.960\u{00A0}\u{2003}".trimmedText == "12.763.150.960")
        #expect("Rp 1.000".trimmedText == "Rp 1.000")
        #expect("   ".trimmedText.isEmpty)
        #expect("".trimmedText.isEmpty)
        #expect("a".trimmedText == "a")
    }
}

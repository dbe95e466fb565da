import Testing
import XLSX

@Suite struct CellReferenceTests {
    @Test(arguments: [("A1", 1, 1), ("F12", 6, 12), ("Z9", 26, 9), ("AA1", 27, 1), ("$B$3", 2, 3), ("xfd1048576", 16_384, 1_048_576)])
    func parsesAndPrints(text: String, column: Int, row: Int) throws {
        let reference = try #require(CellReference(text))
        #expect(reference.column == column && reference.row == row)
        #expect(CellReference(reference.description) == reference)
    }

    @Test(arguments: ["", "A", "12", "1A", "A0", "XFE1", "A1048577", "AAAA1", "A-1", "A1B", "A 1"])
    func refusesWhatIsNotAReference(text: String) {
        #expect(CellReference(text) == nil)
    }
}

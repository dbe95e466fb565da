import Testing
@testable import RekapDomain

@Suite struct RegionCodeTests {
    @Test(arguments: [
        ("14", RegionLevel.provinsi), ("14.72", .kabupatenKota), ("14.72.02", .kecamatan), ("14.72.02.1004", .desaKelurahan),
    ])
    func levels(text: String, level: RegionLevel) throws {
        let code = try RegionCode(parsing: text)
        #expect(code.level == level)
        #expect(code.description == text)
    }

    @Test(arguments: [
        ("", "empty"), ("1", "2"), ("140", "2"), ("14.7", "2"), ("14.72.2", "2"), ("14.72.02.104", "4"),
        ("14.72.02.10041", "4"), ("14.72.02.1004.1", "segments"), ("14..02", "empty"), ("14.72.", "empty"),
        (".14", "empty"), ("1a", "digit"), ("14.72.0２", "digit"), ("14.72.02.4001", "start with"),
        ("00", "zeros"), ("14.00", "zeros"), ("14.72.02.0000", "zeros"), (" 14", "digit"), ("14-72", "digit"),
    ])
    func rejects(text: String, reasonContains: String) {
        #expect(throws: RegionCodeError.self) { try RegionCode(parsing: text) }
        do {
            _ = try RegionCode(parsing: text)
        } catch {
            #expect(error.reason.contains(reasonContains), "\(error)")
        }
    }

    @Test func parentsAndLineage() throws {
        let kelurahan = try RegionCode(parsing: "14.72.02.1004")
        #expect(kelurahan.parent?.text == "14.72.02")
        #expect(kelurahan.parent?.parent?.text == "14.72")
        #expect(kelurahan.parent?.parent?.parent?.text == "14")
        #expect(kelurahan.parent?.parent?.parent?.parent == nil)
        #expect(kelurahan.lineage.map(\.text) == ["14", "14.72", "14.72.02", "14.72.02.1004"])
        #expect(kelurahan.ancestor(at: .kecamatan)?.text == "14.72.02")
        #expect(try RegionCode(parsing: "14").ancestor(at: .kecamatan) == nil)
    }

    @Test func within() throws {
        let kelurahan = try RegionCode(parsing: "14.72.02.1004")
        #expect(kelurahan.isWithin(try RegionCode(parsing: "14.72.02")))
        #expect(kelurahan.isWithin(try RegionCode(parsing: "14.72")))
        #expect(kelurahan.isWithin(try RegionCode(parsing: "14")))
        #expect(kelurahan.isWithin(kelurahan))
        #expect(!kelurahan.isWithin(try RegionCode(parsing: "14.72.01")))
        #expect(!kelurahan.isWithin(try RegionCode(parsing: "14.72.02.1003")))
        #expect(!(try RegionCode(parsing: "14.72.02")).isWithin(kelurahan))
        // Same digits, different segmentation must not count as a prefix.
        #expect(!(try RegionCode(parsing: "14.72.02.1004")).isWithin(try RegionCode(parsing: "14.07")))
    }

    @Test func kindsComeFromDigitsNeverNames() throws {
        #expect(try RegionCode(parsing: "14.72.02.1002").villageKind == .kelurahan)
        #expect(try RegionCode(parsing: "33.22.08.2003").villageKind == .desa)  // a desa named "Kelurahan"
        #expect(try RegionCode(parsing: "91.03.01.3001").villageKind == .desaAdat)
        #expect(try RegionCode(parsing: "14.72.02").villageKind == nil)
        #expect(try RegionCode(parsing: "14.72").regencyKind == .kota)
        #expect(try RegionCode(parsing: "14.71").regencyKind == .kota)
        #expect(try RegionCode(parsing: "14.69").regencyKind == .kabupaten)
        #expect(try RegionCode(parsing: "14.01.06.2002").regencyKind == .kabupaten)
        #expect(try RegionCode(parsing: "14").regencyKind == nil)
    }

    @Test func orderFollowsTheHierarchy() throws {
        let codes = try ["14.72.02.1002", "14.72", "14.72.01", "14", "14.72.02"].map { try RegionCode(parsing: $0) }
        #expect(codes.sorted().map(\.text) == ["14", "14.72", "14.72.01", "14.72.02", "14.72.02.1002"])
    }
}

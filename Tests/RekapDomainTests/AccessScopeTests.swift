import Testing
@testable import RekapDomain

/// Who may do what, over real Kota Dumai codes (Kepmendagri 300.2.2-2430/2025, see `DumaiRegions`):
/// Kota Dumai 14.72; Kecamatan Dumai Timur 14.72.02 with Kelurahan Teluk Binjai 14.72.02.1002 and
/// Jaya Mukti 14.72.02.1004; Kecamatan Dumai Barat 14.72.01 with Kelurahan Purnama 14.72.01.1006;
/// and Kota Pekanbaru 14.71, another city of the same province.
@Suite struct AccessScopeTests {
    static let city = "14.72", kecamatan = "14.72.02", kelurahan = "14.72.02.1004", sibling = "14.72.02.1002"
    static let otherKecamatan = "14.72.01", otherKelurahan = "14.72.01.1006", otherCity = "14.71"

    static func code(_ text: String) -> RegionCode { RegionCode(text)! }

    @Test func fixtureCodesAreDumaiRegions() {
        for text in [Self.city, Self.kecamatan, Self.kelurahan, Self.sibling, Self.otherKecamatan, Self.otherKelurahan] {
            #expect(DumaiRegions.codes.contains(text), "\(text)")
        }
    }

    @Test(arguments: [
        (AccessRole.kecamatan, "14.72.02"), (.kelurahan, "14.72.02.1004"), (.bappeda, "14.72"), (.revenue, "14.72"),
    ])
    func roleFitsLevel(role: AccessRole, region: String) throws {
        let scope = try AccessScope(role: role, region: Self.code(region))
        #expect(scope.role == role)
        #expect(scope.region.text == region)
        #expect(scope.city.text == "14.72")
    }

    @Test(arguments: [
        (AccessRole.kecamatan, "14.72", "kecamatan code (level 3)"), (.kecamatan, "14.72.02.1004", "level 4"),
        (.kelurahan, "14.72.02", "desa/kelurahan code (level 4)"), (.bappeda, "14.72.02", "kabupaten/kota code (level 2)"),
        (.revenue, "14", "provinsi code (level 1)"), (.bappeda, "14.72.02.1004", "level 4"),
    ])
    func roleLevelMismatchIsRefused(role: AccessRole, region: String, messagePart: String) {
        let error = #expect(throws: AccessScopeError.self) { try AccessScope(role: role, region: Self.code(region)) }
        let message = error?.description ?? ""
        #expect(message.contains(messagePart), "\(message)")
        #expect(message.contains(region), "\(message)")
        #expect(message.contains(role.rawValue), "\(message)")
    }

    /// One row per (scope, target): maySubmit and mayRead.
    static let regionCases: [(AccessRole, String, String, submit: Bool, read: Bool)] = [
        // A kecamatan: itself and its kelurahan; not its city, nor another kecamatan or its kelurahan.
        (.kecamatan, kecamatan, kecamatan, true, true),
        (.kecamatan, kecamatan, kelurahan, true, true),
        (.kecamatan, kecamatan, sibling, true, true),
        (.kecamatan, kecamatan, city, false, false),
        (.kecamatan, kecamatan, otherKecamatan, false, false),
        (.kecamatan, kecamatan, otherKelurahan, false, false),
        (.kecamatan, kecamatan, "14", false, false),
        // A kelurahan: itself only; not its sibling, nor its kecamatan.
        (.kelurahan, kelurahan, kelurahan, true, true),
        (.kelurahan, kelurahan, sibling, false, false),
        (.kelurahan, kelurahan, kecamatan, false, false),
        (.kelurahan, kelurahan, otherKelurahan, false, false),
        // Bappeda reads its whole city, submits nothing; nothing of another city.
        (.bappeda, city, city, false, true),
        (.bappeda, city, kecamatan, false, true),
        (.bappeda, city, kelurahan, false, true),
        (.bappeda, city, otherKelurahan, false, true),
        (.bappeda, city, otherCity, false, false),
        (.bappeda, city, "14.71.01.1002", false, false),
        (.bappeda, city, "14", false, false),
        // Revenue neither submits nor reads submissions.
        (.revenue, city, city, false, false),
        (.revenue, city, kecamatan, false, false),
        (.revenue, city, kelurahan, false, false),
    ]

    @Test(arguments: regionCases)
    func submitAndRead(role: AccessRole, region: String, target: String, submit: Bool, read: Bool) throws {
        let scope = try AccessScope(role: role, region: Self.code(region))
        #expect(scope.maySubmit(for: Self.code(target)) == submit, "\(scope) submit \(target)")
        #expect(scope.mayRead(Self.code(target)) == read, "\(scope) read \(target)")
    }

    /// One row per (scope, city): city-wide permissions.
    static let cityCases: [(AccessRole, String, String, readCity: Bool, pbbRanking: Bool, loadPBB: Bool, consolidate: Bool)] = [
        (.bappeda, city, city, true, true, false, true),
        (.bappeda, city, otherCity, false, false, false, false),
        (.revenue, city, city, false, true, true, false),
        (.revenue, city, otherCity, false, false, false, false),
        (.kecamatan, kecamatan, city, false, false, false, false),
        (.kelurahan, kelurahan, city, false, false, false, false),
    ]

    @Test(arguments: cityCases)
    func cityWide(role: AccessRole, region: String, city: String,
                  readCity: Bool, pbbRanking: Bool, loadPBB: Bool, consolidate: Bool) throws {
        let scope = try AccessScope(role: role, region: Self.code(region))
        let city = Self.code(city)
        #expect(scope.mayReadCity(city) == readCity, "\(scope)")
        #expect(scope.mayReadPBBRanking(city: city) == pbbRanking, "\(scope)")
        #expect(scope.mayLoadPBB(city: city) == loadPBB, "\(scope)")
        #expect(scope.mayConsolidate(city: city) == consolidate, "\(scope)")
    }

    @Test func everyRoleHasALevel() {
        #expect(AccessRole.allCases.map(\.regionLevel) == [.kecamatan, .desaKelurahan, .kabupatenKota, .kabupatenKota])
        #expect(AccessRole(rawValue: "revenue") == .revenue)
    }
}

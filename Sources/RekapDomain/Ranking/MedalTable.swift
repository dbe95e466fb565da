/// Podium counts of one region.
public struct MedalTally: Sendable, Hashable {
    public let region: RegionCode
    public let name: String
    public var first: Int
    public var second: Int
    public var third: Int

    public init(region: RegionCode, name: String, first: Int = 0, second: Int = 0, third: Int = 0) {
        self.region = region
        self.name = name
        self.first = first
        self.second = second
        self.third = third
    }
}

/// The kelurahan medal table from awards: most firsts, then seconds, then thirds, then code.
public enum MedalTable {
    /// Counts podium places (1, 2, 3) per region; awards without a place (Harapan, certificates) do not count.
    /// `name` supplies display names (the code is used when it returns nil).
    public static func tally(_ awards: [Award], name: (RegionCode) -> String? = { _ in nil }) -> [MedalTally] {
        var tallies: [RegionCode: MedalTally] = [:]
        for award in awards {
            guard let place = award.place else { continue }
            var tally = tallies[award.region] ?? MedalTally(region: award.region, name: name(award.region) ?? award.region.text)
            switch place {
            case 1: tally.first += 1
            case 2: tally.second += 1
            case 3: tally.third += 1
            default: continue
            }
            tallies[award.region] = tally
        }
        return Array(tallies.values)
    }

    /// Orders tallies and ranks them; identical (first, second, third) share a rank (1, 2, 2, 4).
    public static func rank(_ tallies: [MedalTally]) -> [(rank: Int, tally: MedalTally)] {
        func key(_ tally: MedalTally) -> (Int, Int, Int) { (tally.first, tally.second, tally.third) }
        let sorted = tallies.sorted { lhs, rhs in
            if key(lhs) != key(rhs) { return key(lhs) > key(rhs) }
            return lhs.region < rhs.region
        }
        var result: [(rank: Int, tally: MedalTally)] = []
        for (position, tally) in sorted.enumerated() {
            let shared = position > 0 && key(sorted[position - 1]) == key(tally)
            result.append((rank: shared ? result[position - 1].rank : position + 1, tally: tally))
        }
        return result
    }
}

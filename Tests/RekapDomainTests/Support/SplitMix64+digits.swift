import RekapDomain

extension SplitMix64 {
    /// A string of `count` random decimal digits.
    mutating func digits(_ count: Int) -> String {
        String((0..<count).map { _ in Character(String(within(0...9))) })
    }
}

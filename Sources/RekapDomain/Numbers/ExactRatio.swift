import Foundation

/// A non-negative big integer, just enough to compare fractions exactly.
///
/// Cross-multiplying two 38-digit `Decimal`s needs up to 76 digits, more than `Decimal` keeps, so
/// ranking by exact value compares products in this type instead. Little-endian 32-bit limbs.
struct BigUInt: Sendable, Hashable, Comparable {
    private(set) var limbs: [UInt32]  // no trailing zero limbs; zero is []

    init(_ value: UInt64) {
        limbs = [UInt32(truncatingIfNeeded: value), UInt32(truncatingIfNeeded: value >> 32)]
        normalize()
    }

    /// From ASCII decimal digits.
    init(digits: some Sequence<UInt8>) {
        self.init(0)
        for digit in digits {
            self = multiplied(by: 10)
            add(UInt32(digit - UInt8(ascii: "0")))
        }
    }

    private mutating func normalize() {
        while limbs.last == 0 { limbs.removeLast() }
    }

    private mutating func add(_ small: UInt32) {
        var carry = UInt64(small)
        var index = 0
        while carry != 0 {
            if index == limbs.count { limbs.append(0) }
            let sum = UInt64(limbs[index]) + carry
            limbs[index] = UInt32(truncatingIfNeeded: sum)
            carry = sum >> 32
            index += 1
        }
    }

    func multiplied(by small: UInt32) -> BigUInt {
        multiplied(by: BigUInt(UInt64(small)))
    }

    func multiplied(by other: BigUInt) -> BigUInt {
        if limbs.isEmpty || other.limbs.isEmpty { return BigUInt(0) }
        var result = [UInt32](repeating: 0, count: limbs.count + other.limbs.count)
        for (i, a) in limbs.enumerated() {
            var carry: UInt64 = 0
            for (j, b) in other.limbs.enumerated() {
                let product = UInt64(a) * UInt64(b) + UInt64(result[i + j]) + carry
                result[i + j] = UInt32(truncatingIfNeeded: product)
                carry = product >> 32
            }
            var k = i + other.limbs.count
            while carry != 0 {
                let sum = UInt64(result[k]) + carry
                result[k] = UInt32(truncatingIfNeeded: sum)
                carry = sum >> 32
                k += 1
            }
        }
        var big = BigUInt(0)
        big.limbs = result
        big.normalize()
        return big
    }

    func timesPowerOf10(_ exponent: Int) -> BigUInt {
        var result = self
        for _ in 0..<exponent { result = result.multiplied(by: 10) }
        return result
    }

    var isZero: Bool { limbs.isEmpty }

    static func < (lhs: BigUInt, rhs: BigUInt) -> Bool {
        if lhs.limbs.count != rhs.limbs.count { return lhs.limbs.count < rhs.limbs.count }
        for index in stride(from: lhs.limbs.count - 1, through: 0, by: -1) where lhs.limbs[index] != rhs.limbs[index] {
            return lhs.limbs[index] < rhs.limbs[index]
        }
        return false
    }
}

/// An exact rational number n/d built from `Decimal`s, compared without rounding.
public struct ExactRatio: Sendable, Hashable, Comparable {
    let negative: Bool
    let numerator: BigUInt
    let denominator: BigUInt  // > 0

    /// numerator ÷ denominator exactly; nil when the denominator is 0.
    public init?(_ numerator: Decimal, over denominator: Decimal) {
        if denominator.isZero { return nil }
        let (nNegative, nDigits, nScale) = Self.split(numerator)
        let (dNegative, dDigits, dScale) = Self.split(denominator)
        // n = N·10^-sn, d = D·10^-sd, so n/d = N·10^sd / (D·10^sn).
        let top = BigUInt(digits: nDigits).timesPowerOf10(dScale)
        let bottom = BigUInt(digits: dDigits).timesPowerOf10(nScale)
        self.negative = !top.isZero && (nNegative != dNegative)
        self.numerator = top
        self.denominator = bottom
    }

    /// A value as a ratio over 1.
    public init(_ value: Decimal) {
        self.init(value, over: 1)!
    }

    /// Sign, digits and scale of a `Decimal`, from its plain description (see `DecimalText`).
    private static func split(_ value: Decimal) -> (Bool, [UInt8], Int) {
        var text = Array(DecimalText.string(value).utf8)
        var negative = false
        if text.first == UInt8(ascii: "-") { negative = true; text.removeFirst() }
        if let dot = text.firstIndex(of: UInt8(ascii: ".")) {
            let scale = text.count - dot - 1
            text.remove(at: dot)
            return (negative, text, scale)
        }
        return (negative, text, 0)
    }

    public static func < (lhs: ExactRatio, rhs: ExactRatio) -> Bool {
        if lhs.negative != rhs.negative { return lhs.negative }
        let left = lhs.numerator.multiplied(by: rhs.denominator)
        let right = rhs.numerator.multiplied(by: lhs.denominator)
        return lhs.negative ? right < left : left < right
    }

    public static func == (lhs: ExactRatio, rhs: ExactRatio) -> Bool {
        lhs.negative == rhs.negative && lhs.numerator.multiplied(by: rhs.denominator) == rhs.numerator.multiplied(by: lhs.denominator)
    }

    public func hash(into hasher: inout Hasher) {
        // Equal ratios may have different terms; only the sign and zero-ness are safe to hash.
        hasher.combine(negative)
        hasher.combine(numerator.isZero)
    }
}

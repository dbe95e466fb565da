/// Decoding a whole row into a `Decodable` type, keyed by column name.
///
/// ```swift
/// struct Region: Decodable { var code: String; var name: String; var area: Decimal? }
/// let regions = try conn.query("SELECT code, name, area FROM regions").map { try $0.decode(as: Region.self) }
/// ```
///
/// Each property is read with ``PGRow/decode(_:column:)`` when its type is ``PGDecodable``
/// (so `Decimal`, `Date`, `UUID` keep their exact conversions); other integer widths go
/// through `Int64` with a range check. Nested containers are not supported: a row is flat.
extension PGRow {
    public func decode<T: Decodable>(as type: T.Type) throws -> T {
        try T(from: PGRowDecoder(row: self))
    }
}

struct PGRowDecoder: Decoder {
    let row: PGRow
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        KeyedDecodingContainer(KeyedContainer<Key>(row: row))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        throw PGError.usage("a row decodes as a keyed container (column names), not an array")
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        throw PGError.usage("a row decodes as a keyed container (column names), not a single value")
    }

    struct KeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
        let row: PGRow
        var codingPath: [any CodingKey] { [] }

        var allKeys: [Key] { row.result.columnNames.compactMap { Key(stringValue: $0) } }

        func contains(_ key: Key) -> Bool { row.result.columnIndex(named: key.stringValue) != nil }

        func decodeNil(forKey key: Key) throws -> Bool {
            guard let c = row.result.columnIndex(named: key.stringValue) else {
                var e = PGError.decoding(.columnNotFound, "no column named \"\(key.stringValue)\"")
                e.column = key.stringValue
                throw e
            }
            return row.isNull(at: c)
        }

        func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
            if let decodable = T.self as? any PGDecodable.Type {
                return try decodeValue(decodable, key) as! T
            }
            throw PGError.decoding(.typeMismatch, "\(T.self) for column \"\(key.stringValue)\" is not PGDecodable")
        }

        private func decodeValue<V: PGDecodable>(_ type: V.Type, _ key: Key) throws -> V {
            try row.decode(V.self, column: key.stringValue)
        }

        private func integer<I: FixedWidthInteger>(_ type: I.Type, _ key: Key) throws -> I {
            let wide = try row.decode(Int64.self, column: key.stringValue)
            guard let v = I(exactly: wide) else {
                var e = PGError.decoding(.invalidValue, "value out of range for \(I.self)")
                e.column = key.stringValue
                throw e
            }
            return v
        }

        func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try decodeValue(Bool.self, key) }
        func decode(_ type: String.Type, forKey key: Key) throws -> String { try decodeValue(String.self, key) }
        func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try decodeValue(Double.self, key) }
        func decode(_ type: Float.Type, forKey key: Key) throws -> Float { Float(try decodeValue(Double.self, key)) }
        func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try decodeValue(Int.self, key) }
        func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try integer(Int8.self, key) }
        func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try decodeValue(Int16.self, key) }
        func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try decodeValue(Int32.self, key) }
        func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try decodeValue(Int64.self, key) }
        func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try integer(UInt.self, key) }
        func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try integer(UInt8.self, key) }
        func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try integer(UInt16.self, key) }
        func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try integer(UInt32.self, key) }
        func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try integer(UInt64.self, key) }

        func nestedContainer<NestedKey: CodingKey>(
            keyedBy type: NestedKey.Type, forKey key: Key
        ) throws -> KeyedDecodingContainer<NestedKey> {
            throw PGError.usage("nested containers are not supported when decoding a row")
        }

        func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
            throw PGError.usage("nested containers are not supported when decoding a row")
        }

        func superDecoder() throws -> any Decoder { PGRowDecoder(row: row) }
        func superDecoder(forKey key: Key) throws -> any Decoder { PGRowDecoder(row: row) }
    }
}

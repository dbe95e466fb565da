/// Well-known type OIDs (`pg_type.oid`) used by the built-in conversions.
public enum PGType {
    public static let bool: PGOid = 16
    public static let bytea: PGOid = 17
    public static let char: PGOid = 18
    public static let name: PGOid = 19
    public static let int8: PGOid = 20
    public static let int2: PGOid = 21
    public static let int4: PGOid = 23
    public static let text: PGOid = 25
    public static let oid: PGOid = 26
    public static let json: PGOid = 114
    public static let xml: PGOid = 142
    public static let float4: PGOid = 700
    public static let float8: PGOid = 701
    public static let unknown: PGOid = 705
    public static let bpchar: PGOid = 1042
    public static let varchar: PGOid = 1043
    public static let date: PGOid = 1082
    public static let time: PGOid = 1083
    public static let timestamp: PGOid = 1114
    public static let timestamptz: PGOid = 1184
    public static let interval: PGOid = 1186
    public static let numeric: PGOid = 1700
    public static let uuid: PGOid = 2950
    public static let jsonb: PGOid = 3802

    static let integers: Set<PGOid> = [int2, int4, int8, oid]

    /// A readable name for error messages.
    public static func name(of oid: PGOid) -> String {
        switch oid {
        case bool: "boolean"
        case bytea: "bytea"
        case char: "\"char\""
        case name: "name"
        case int8: "bigint"
        case int2: "smallint"
        case int4: "integer"
        case text: "text"
        case self.oid: "oid"
        case json: "json"
        case xml: "xml"
        case float4: "real"
        case float8: "double precision"
        case unknown: "unknown"
        case bpchar: "character"
        case varchar: "character varying"
        case date: "date"
        case time: "time"
        case timestamp: "timestamp"
        case timestamptz: "timestamptz"
        case interval: "interval"
        case numeric: "numeric"
        case uuid: "uuid"
        case jsonb: "jsonb"
        default: "type oid \(oid)"
        }
    }
}

/// How items of two documents are paired (contract §1.3): by `code` when both have one, else by name
/// ignoring case and runs of whitespace.
public enum PlanMatching {
    /// The name as compared: lowercased, whitespace runs collapsed to one space, trimmed.
    public static func nameKey(_ name: String) -> String {
        name.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// True when the two items are the same indicator or program.
    public static func matches(code: String?, name: String, otherCode: String?, otherName: String) -> Bool {
        if let code, let otherCode { return code == otherCode }
        return nameKey(name) == nameKey(otherName)
    }

    /// The index of the first item of `items` matching (`code`, `name`).
    static func index<T>(of code: String?, _ name: String, in items: [T], code itemCode: (T) -> String?, name itemName: (T) -> String) -> Int? {
        items.firstIndex { matches(code: code, name: name, otherCode: itemCode($0), otherName: itemName($0)) }
    }
}

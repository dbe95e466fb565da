import RekapDomain

/// An ordered JSON object built field by field, `/`-separated paths making nested objects
/// (`previous/target`), so a row's columns become the document's fields in the layout's order.
struct JSONObjectBuilder {
    private indirect enum Node {
        case value(JSONValue)
        case object(JSONObjectBuilder)
    }

    private var members: [(key: String, node: Node)] = []

    var isEmpty: Bool { members.isEmpty }

    func has(_ key: String) -> Bool { members.contains { $0.key == key } }

    mutating func set(_ path: String, _ value: JSONValue) {
        set(path.split(separator: "/").map(String.init)[...], value)
    }

    private mutating func set(_ path: ArraySlice<String>, _ value: JSONValue) {
        guard let key = path.first else { return }
        let index = members.firstIndex { $0.key == key }
        if path.count == 1 {
            if let index { members[index].node = .value(value) } else { members.append((key, .value(value))) }
            return
        }
        var child = JSONObjectBuilder()
        if let index, case .object(let existing) = members[index].node { child = existing }
        child.set(path.dropFirst(), value)
        if let index { members[index].node = .object(child) } else { members.append((key, .object(child))) }
    }

    /// Puts `value` at `key` first among the members of the nested object at `path` (`previous` gets
    /// its `year` first).
    mutating func prepend(_ key: String, _ value: JSONValue, inside path: String) {
        guard let index = members.firstIndex(where: { $0.key == path }), case .object(var child) = members[index].node else { return }
        child.members.removeAll { $0.key == key }
        child.members.insert((key, .value(value)), at: 0)
        members[index].node = .object(child)
    }

    mutating func remove(_ key: String) { members.removeAll { $0.key == key } }

    var value: JSONValue {
        .object(members.map { member in
            switch member.node {
            case .value(let value): JSONMember(key: member.key, value: value)
            case .object(let child): JSONMember(key: member.key, value: child.value)
            }
        })
    }
}

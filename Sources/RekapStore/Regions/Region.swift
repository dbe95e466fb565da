import RekapDomain

/// A region of the registry.
public struct Region: Sendable, Hashable, CustomStringConvertible {
    public let code: RegionCode
    public let name: String
    /// `provinsi`, `kabupaten`, `kota`, `kecamatan`, `kelurahan`, `desa` or `desa_adat`: read from the
    /// code, never the name (see migration 0001).
    public let kind: String

    public init(code: RegionCode, name: String, kind: String) {
        self.code = code
        self.name = name
        self.kind = kind
    }

    public var level: RegionLevel { code.level }
    public var parentCode: RegionCode? { code.parent }
    public var description: String { "\(code) \(name)" }
}

/// A region and everything under it, children sorted by code.
public struct RegionTree: Sendable, Hashable {
    public let region: Region
    public let children: [RegionTree]

    public init(region: Region, children: [RegionTree]) {
        self.region = region
        self.children = children
    }

    /// This region and all below it, depth first, parents before children (the code order).
    public var flattened: [Region] { [region] + children.flatMap(\.flattened) }

    /// Builds the tree of `root` from its descendants in code order (every parent before its children).
    init?(root: RegionCode, regionsInCodeOrder regions: [Region]) {
        var index = 0
        guard let first = regions.first, first.code == root else { return nil }
        func build() -> RegionTree {
            let node = regions[index]
            index += 1
            var children: [RegionTree] = []
            while index < regions.count, regions[index].code.parent == node.code {
                children.append(build())
            }
            return RegionTree(region: node, children: children)
        }
        self = build()
    }
}

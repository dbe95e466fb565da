/// A decoded plan document: what a report is measured against (contract §1.2).
public enum PlanDocument: Sendable, Hashable {
    case renstra(Renstra)
    case pk(PerjanjianKinerja)

    /// The region whose plan it is.
    public var region: RegionCode {
        switch self {
        case .renstra(let renstra): renstra.region
        case .pk(let pk): pk.region
        }
    }
}

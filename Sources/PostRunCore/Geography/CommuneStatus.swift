/// What the unit directory knows about a commune code, as the validators ask it.
public enum CommuneStatus: String, Sendable, Hashable, Codable {
    /// A unit with this code is in force on the date asked.
    case current
    /// The code exists but only for a unit no longer (or not yet) in force.
    case notCurrent = "not_current"
    /// No unit ever had this code.
    case unknown
}

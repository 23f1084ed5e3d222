/// Time-window segment data for constant-time concatenation (Savelsbergh; Vidal et al. 2013).
///
/// A segment is a fixed sequence of visits. `duration` is its minimum duration including service and waiting,
/// `timeWarp` the unavoidable lateness, and `earliest`/`latest` bound the time service may start at its first visit
/// without adding waiting or time warp. Concatenating two segments with a travel time between them is O(1), which is
/// what makes move evaluation constant-time. The solver's hot loops use the equivalent forward-departure and
/// backward-latest-arrival arrays; this type is the reference arithmetic and is used for route statistics.
public struct TimeSegment: Sendable, Hashable {
    public var duration: Double
    public var timeWarp: Double
    public var earliest: Double
    public var latest: Double

    public init(duration: Double, timeWarp: Double, earliest: Double, latest: Double) {
        self.duration = duration
        self.timeWarp = timeWarp
        self.earliest = earliest
        self.latest = latest
    }

    /// A single visit with window `[ready, due]` and `service` time.
    public init(ready: Double, due: Double, service: Double) {
        self.init(duration: service, timeWarp: 0, earliest: ready, latest: due)
    }

    /// `self` followed by `other`, travelling `travel` from the last visit of `self` to the first of `other`.
    public func then(_ other: TimeSegment, travel: Double) -> TimeSegment {
        let delta = duration - timeWarp + travel
        let wait = max(other.earliest - delta - latest, 0)
        let warp = max(earliest + delta - other.latest, 0)
        return TimeSegment(
            duration: duration + other.duration + travel + wait,
            timeWarp: timeWarp + other.timeWarp + warp,
            earliest: max(other.earliest - delta, earliest) - wait,
            latest: min(other.latest - delta, latest) + warp
        )
    }
}

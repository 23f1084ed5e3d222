import Foundation
import PostRunCore
import Routing

/// A stop of an existing run, for recomputing times after a dispatcher's edit.
public struct TimelineStop: Sendable, Hashable {
    public var location: GeoPoint
    public var area: Routing.AreaClass
    public var action: StopAction
    /// Windows in which service must start (seconds since local midnight); empty means any time in the shift.
    public var windows: [ClosedRange<Int>]
    public var serviceSeconds: Int
    public var grams: Int

    public init(location: GeoPoint, area: Routing.AreaClass, action: StopAction, windows: [ClosedRange<Int>], serviceSeconds: Int,
                grams: Int = 200) {
        self.location = location
        self.area = area
        self.action = action
        self.windows = windows
        self.serviceSeconds = serviceSeconds
        self.grams = grams
    }

    /// +1 where something is taken on board, −1 where it is dropped.
    var change: Int { action == .pickupDossier || action == .collectResult ? 1 : -1 }
}

/// A courier's run, timed: leave the office at the shift start, wait for windows, come back.
public struct Timeline: Sendable, Hashable {
    /// Service start at each stop.
    public var arrivals: [Int]
    /// Stops whose service starts after the end of all their windows.
    public var late: Set<Int>
    public var returnTime: Int
    public var distanceMetres: Int
    public var durationSeconds: Int
    public var peakDossiers: Int
    public var peakGrams: Int

    /// The window a stop starts in, or its first.
    public static func window(of stop: TimelineStop, at arrival: Int) -> ClosedRange<Int>? {
        stop.windows.first { $0.contains(arrival) } ?? stop.windows.first { $0.lowerBound > arrival } ?? stop.windows.last
    }
}

/// Times a run's stops with the travel model.
public struct RunTimeline: Sendable {
    public var office: GeoPoint
    public var region: ClimateRegion
    public var shift: ClosedRange<Int>
    public var capacityDossiers: Int
    public var capacityGrams: Int
    public var model: TravelModel
    public var month: Int

    public init(office: GeoPoint, region: ClimateRegion = .lowland, shift: ClosedRange<Int>, capacityDossiers: Int, capacityGrams: Int,
                model: TravelModel = TravelModel(), month: Int) {
        self.office = office
        self.region = region
        self.shift = shift
        self.capacityDossiers = capacityDossiers
        self.capacityGrams = capacityGrams
        self.model = model
        self.month = month
    }

    func place(_ stop: TimelineStop) -> TravelPlace {
        TravelPlace(point: stop.location, area: stop.area, road: stop.area == .urban ? .provincial : .rural, region: region)
    }

    /// The timeline of `stops` in this order.
    public func compute(_ stops: [TimelineStop]) -> Timeline {
        let depot = TravelPlace(point: office, area: .urban, road: .provincial, region: region)
        var time = shift.lowerBound
        var current = depot
        var arrivals: [Int] = []
        var late = Set<Int>()
        var distance = 0.0
        // Whatever is dropped without being taken on board on this run is loaded at the office.
        var dossiers = max(0, -stops.reduce(0) { $0 + $1.change })
        var grams = stops.reduce(0) { $0 + ($1.change < 0 ? $1.grams : 0) } - stops.reduce(0) { $0 + ($1.change > 0 ? $1.grams : 0) }
        grams = max(0, grams)
        var peakDossiers = dossiers, peakGrams = grams
        for (index, stop) in stops.enumerated() {
            let next = place(stop)
            let leg = model.leg(from: current, to: next, month: month)
            distance += leg.metres
            time += Int(leg.seconds.rounded())
            if !stop.windows.isEmpty {
                if let open = stop.windows.first(where: { $0.upperBound >= time }) {
                    time = max(time, open.lowerBound)
                } else {
                    late.insert(index)
                }
            }
            arrivals.append(time)
            time += stop.serviceSeconds
            dossiers += stop.change
            grams += stop.change * stop.grams
            peakDossiers = max(peakDossiers, dossiers)
            peakGrams = max(peakGrams, grams)
            current = next
        }
        let back = model.leg(from: current, to: depot, month: month)
        distance += back.metres
        time += Int(back.seconds.rounded())
        return Timeline(arrivals: arrivals, late: late, returnTime: time, distanceMetres: Int(distance.rounded()),
                        durationSeconds: time - shift.lowerBound, peakDossiers: peakDossiers, peakGrams: peakGrams)
    }

    /// Whether `timeline` keeps to the shift and the capacities.
    public func fits(_ timeline: Timeline) -> Bool {
        timeline.returnTime <= shift.upperBound && timeline.peakDossiers <= capacityDossiers && timeline.peakGrams <= capacityGrams
    }

    /// Where to insert `new` (one stop, or two that must stay in order) into `stops` at the least added duration,
    /// without moving the others and only after index `firstMovable - 1` (stops already visited stay first). The new
    /// stops must be on time, no stop on time before may become late, and the run must fit the shift and capacities.
    /// Returns the indices the new stops get in the combined run, or nil when nothing fits.
    public func cheapestInsertion(of new: [TimelineStop], into stops: [TimelineStop], firstMovable: Int = 0) -> (positions: [Int], timeline: Timeline)? {
        precondition((1...2).contains(new.count), "one stop or one ordered pair")
        let before = compute(stops)
        var best: (positions: [Int], timeline: Timeline)?
        let start = min(max(0, firstMovable), stops.count)
        for first in start...stops.count {
            let seconds: [Int?] = new.count == 1 ? [nil] : Array(first...stops.count).map { $0 }
            for second in seconds {
                var combined = stops
                var positions: [Int]
                if let second {
                    combined.insert(new[1], at: second)
                    combined.insert(new[0], at: first)
                    positions = [first, second + 1]
                } else {
                    combined.insert(new[0], at: first)
                    positions = [first]
                }
                let timeline = compute(combined)
                // A run already past its shift end (after a dispatcher's moves) may take a stop that ends it no later.
                guard timeline.returnTime <= max(before.returnTime, shift.upperBound), timeline.peakDossiers <= capacityDossiers,
                      timeline.peakGrams <= capacityGrams else { continue }
                guard positions.allSatisfy({ !timeline.late.contains($0) }) else { continue }
                let oldIndex = { (index: Int) -> Int in index - positions.filter { $0 < index }.count }
                let newlyLate = timeline.late.filter { !positions.contains($0) && !before.late.contains(oldIndex($0)) }
                guard newlyLate.isEmpty else { continue }
                if best == nil || timeline.durationSeconds < best!.timeline.durationSeconds { best = (positions, timeline) }
            }
        }
        return best
    }
}

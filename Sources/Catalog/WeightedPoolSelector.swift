/// Weighted random choice of a pool for a new queue (spec §4.1): pools with weight ≤ 0 are
/// ignored; `r` is drawn uniformly in `0..<W` (W = sum of weights); the pools are walked in
/// listing order and the first whose cumulative weight exceeds `r` wins.
public struct WeightedPoolSelector: Sendable {
    public init() {}

    /// The chosen pool, or `nil` when no pool has a positive weight.
    public func choose<R: RandomNumberGenerator>(from pools: [Pool], using generator: inout R) -> Pool? {
        let eligible = pools.filter { $0.weight > 0 }
        let total = eligible.reduce(0) { $0 &+ $1.weight }
        guard total > 0 else { return nil }
        let r = Int.random(in: 0..<total, using: &generator)
        return Self.pick(eligible, draw: r)
    }

    /// The chosen pool using the system random number generator.
    public func choose(from pools: [Pool]) -> Pool? {
        var generator = SystemRandomNumberGenerator()
        return choose(from: pools, using: &generator)
    }

    /// The pool selected by the draw `r` (already in `0..<W`) among pools with positive weight.
    static func pick(_ eligible: [Pool], draw r: Int) -> Pool? {
        var cumulative = 0
        for pool in eligible {
            cumulative += pool.weight
            if cumulative > r { return pool }
        }
        return nil
    }
}

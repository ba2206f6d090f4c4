@testable import Catalog
import XCTest

/// A generator that always yields the same value, to pin the weighted draw.
private struct FixedGenerator: RandomNumberGenerator {
    var value: UInt64
    mutating func next() -> UInt64 { value }
}

final class WeightedPoolSelectorTests: XCTestCase {
    private let pools = [
        Pool(name: "a", uri: "herald://h:1", weight: 10),
        Pool(name: "zero", uri: "herald://h:2", weight: 0),
        Pool(name: "b", uri: "herald://h:3", weight: 30),
        Pool(name: "negative", uri: "herald://h:4", weight: -5),
    ]

    func testDrawWalksCumulativeWeightsInListingOrder() {
        let eligible = pools.filter { $0.weight > 0 }
        XCTAssertEqual(WeightedPoolSelector.pick(eligible, draw: 0)?.name, "a")
        XCTAssertEqual(WeightedPoolSelector.pick(eligible, draw: 9)?.name, "a")
        XCTAssertEqual(WeightedPoolSelector.pick(eligible, draw: 10)?.name, "b")
        XCTAssertEqual(WeightedPoolSelector.pick(eligible, draw: 39)?.name, "b")
        XCTAssertNil(WeightedPoolSelector.pick(eligible, draw: 40))
    }

    func testChoiceNeverPicksPoolsWithoutWeight() {
        var generator = SystemRandomNumberGenerator()
        var seen: Set<String> = []
        for _ in 0..<500 {
            if let pool = WeightedPoolSelector().choose(from: pools, using: &generator) { seen.insert(pool.name) }
        }
        XCTAssertEqual(seen, ["a", "b"])
    }

    func testInjectedGeneratorIsUsed() {
        // 1 × 40 has a full-width low word of 40, so the first draw is accepted with a high word of 0.
        var low = FixedGenerator(value: 1)
        XCTAssertEqual(WeightedPoolSelector().choose(from: pools, using: &low)?.name, "a")
        var high = FixedGenerator(value: UInt64.max)
        XCTAssertEqual(WeightedPoolSelector().choose(from: pools, using: &high)?.name, "b")
    }

    func testNoEligiblePoolGivesNil() {
        XCTAssertNil(WeightedPoolSelector().choose(from: []))
        XCTAssertNil(WeightedPoolSelector().choose(from: [Pool(name: "z", uri: "u", weight: 0)]))
    }
}

import XCTest

@testable import Router

/// A clock tests move by hand.
final class ManualClock: @unchecked Sendable {
    private let lock = NSLock()
    private var seconds = 0.0

    func advance(by delta: Double) {
        lock.lock()
        seconds += delta
        lock.unlock()
    }

    var now: Double {
        lock.lock()
        defer { lock.unlock() }
        return seconds
    }
}

final class LimitsRateLimiterTests: XCTestCase {
    func testBucketAllowsTheBurstThenAsksToWait() {
        var bucket = TokenBucket(rate: 2, capacity: 3, now: 0)
        XCTAssertEqual(bucket.take(now: 0), .allowed)
        XCTAssertEqual(bucket.take(now: 0), .allowed)
        XCTAssertEqual(bucket.take(now: 0), .allowed)
        // No token left; at 2 tokens/s the next one is 0.5 s away: Retry-After rounds up to 1.
        XCTAssertEqual(bucket.take(now: 0), .limited(retryAfter: 1))
        XCTAssertEqual(bucket.take(now: 0.5), .allowed)
        XCTAssertEqual(bucket.take(now: 0.5), .limited(retryAfter: 1))
    }

    func testRetryAfterIsWholeSecondsUntilTheNextToken() {
        var bucket = TokenBucket(rate: 0.1, capacity: 1, now: 0)
        XCTAssertEqual(bucket.take(now: 0), .allowed)
        XCTAssertEqual(bucket.take(now: 0), .limited(retryAfter: 10))
        XCTAssertEqual(bucket.take(now: 2.5), .limited(retryAfter: 8))
        XCTAssertEqual(bucket.take(now: 10), .allowed)
    }

    func testRefillNeverExceedsTheCapacity() {
        var bucket = TokenBucket(rate: 100, capacity: 2, now: 0)
        XCTAssertEqual(bucket.take(now: 0), .allowed)
        XCTAssertTrue(bucket.isFull(at: 1_000))
        for _ in 0..<2 { XCTAssertEqual(bucket.take(now: 1_000), .allowed) }
        XCTAssertEqual(bucket.take(now: 1_000), .limited(retryAfter: 1))
        XCTAssertFalse(bucket.isFull(at: 1_000))
    }

    func testClockGoingBackwardsAddsNoTokens() {
        var bucket = TokenBucket(rate: 1, capacity: 1, now: 10)
        XCTAssertEqual(bucket.take(now: 10), .allowed)
        XCTAssertEqual(bucket.take(now: 5), .limited(retryAfter: 1))
    }

    func testProjectsHaveSeparateBuckets() {
        let clock = ManualClock()
        let limiter = ProjectRateLimiter(rate: 1, burst: 2, clock: { clock.now })
        XCTAssertEqual(limiter.decide(project: "a"), .allowed)
        XCTAssertEqual(limiter.decide(project: "a"), .allowed)
        XCTAssertEqual(limiter.decide(project: "a"), .limited(retryAfter: 1))
        XCTAssertEqual(limiter.decide(project: "b"), .allowed)
        clock.advance(by: 1)
        XCTAssertEqual(limiter.decide(project: "a"), .allowed)
        XCTAssertEqual(limiter.decide(project: "a"), .limited(retryAfter: 1))
    }

    func testAdmitThrowsTooManyRequestsWithRetryAfter() {
        let clock = ManualClock()
        let limiter = ProjectRateLimiter(rate: 0.25, burst: 1, clock: { clock.now })
        XCTAssertNoThrow(try limiter.admit(project: "p"))
        XCTAssertThrowsError(try limiter.admit(project: "p")) { error in
            let failure = error as? APIError
            XCTAssertEqual(failure?.status, .tooManyRequests)
            XCTAssertEqual(failure?.headers[.retryAfter], "4")
        }
    }

    func testRefilledBucketsMakeRoomAndActiveOnesKeepTheirState() {
        let clock = ManualClock()
        let limiter = ProjectRateLimiter(rate: 1, burst: 1, shardCount: 1, maxBucketsPerShard: 3, clock: { clock.now })
        XCTAssertEqual(limiter.decide(project: "a"), .allowed)
        XCTAssertEqual(limiter.decide(project: "b"), .allowed)
        clock.advance(by: 1)
        XCTAssertEqual(limiter.decide(project: "busy"), .allowed)
        // The shard is at its bound: "a" and "b" have refilled and are forgotten, "busy" is not.
        XCTAssertEqual(limiter.decide(project: "c"), .allowed)
        XCTAssertEqual(limiter.bucketCount, 2)
        XCTAssertEqual(limiter.decide(project: "busy"), .limited(retryAfter: 1))
    }

    func testBucketCountStaysBoundedWhenEveryBucketIsActive() {
        let clock = ManualClock()
        let limiter = ProjectRateLimiter(rate: 0.001, burst: 1, shardCount: 4, maxBucketsPerShard: 8, clock: { clock.now })
        for index in 0..<10_000 {
            _ = limiter.decide(project: "p\(index)")
            XCTAssertLessThanOrEqual(limiter.bucketCount, 32)
        }
    }

    func testLimiterIsOffWithoutARate() {
        XCTAssertNil(ProjectRateLimiter(AbuseLimits()))
        var limits = AbuseLimits()
        limits.rateLimitPerProject = 2.5
        let limiter = ProjectRateLimiter(limits)
        XCTAssertEqual(limiter?.burst, 3)
        limits.rateLimitBurst = 10
        XCTAssertEqual(ProjectRateLimiter(limits)?.burst, 10)
    }

    func testLimitsValidation() {
        var limits = AbuseLimits()
        XCTAssertNil(limits.problem)
        limits.rateLimitPerProject = -1
        XCTAssertNotNil(limits.problem)
        limits = AbuseLimits()
        limits.idleTimeout = .zero
        XCTAssertNotNil(limits.problem)
        XCTAssertNil(AbuseLimits.timeout(seconds: 0))
        XCTAssertEqual(AbuseLimits.timeout(seconds: 1.5), .milliseconds(1_500))
    }
}

import Shared
import StorageNode
import XCTest

final class RetryPolicyTests: XCTestCase {
    private func policy(_ json: String) throws -> RetryPolicy {
        try RetryPolicy(parsing: JSONValue.parse(Array(json.utf8)))
    }

    private func parseError(_ json: String) throws -> RetryPolicyError? {
        let value = try JSONValue.parse(Array(json.utf8))
        do {
            _ = try RetryPolicy(parsing: value)
            return nil
        } catch {
            return error
        }
    }

    func testDefaultScheduleIsFifteenAttemptsWorstCase() throws {
        let schedule = try policy("{}").delaySeconds()
        XCTAssertEqual(schedule, [0, 0, 0, 5, 5, 5, 5, 10, 15, 20, 25, 30, 30, 30])
        XCTAssertEqual(schedule.count + 1, 15)
        XCTAssertEqual(RetryPolicy.defaults.delays(), schedule.map { .seconds($0) })
    }

    func testBackoffFunctionsWithDefaults() {
        XCTAssertEqual(BackoffFunction.linear.delays(minimum: 5, maximum: 30), [5, 10, 15, 20, 25])
        XCTAssertEqual(BackoffFunction.geometric.delays(minimum: 5, maximum: 30), [5, 7, 12, 19, 30])
        XCTAssertEqual(BackoffFunction.exponential.delays(minimum: 5, maximum: 30), [5, 7, 12, 19, 30])
        XCTAssertEqual(BackoffFunction.arithmetic.delays(minimum: 5, maximum: 30), [5, 7, 12, 20, 30])
    }

    func testBackoffFunctionsSecondExample() {
        XCTAssertEqual(BackoffFunction.linear.delays(minimum: 10, maximum: 100), Array(stride(from: 10, to: 100, by: 5)))
        let curve = [10, 11, 13, 15, 17, 19, 22, 25, 29, 33, 38, 44, 50, 58, 66, 76, 87, 100]
        XCTAssertEqual(BackoffFunction.geometric.delays(minimum: 10, maximum: 100), curve)
        XCTAssertEqual(BackoffFunction.exponential.delays(minimum: 10, maximum: 100), curve)
        XCTAssertEqual(
            BackoffFunction.arithmetic.delays(minimum: 10, maximum: 100),
            [10, 10, 11, 13, 15, 18, 22, 26, 31, 36, 42, 48, 55, 63, 71, 80, 90, 100])
    }

    func testExplicitFieldsShapeEveryPhase() throws {
        let parsed = try policy(
            """
            {"retries_with_no_delay": 1, "minimum_delay_retries": 2, "minimum_delay": 2, "maximum_delay": 12,
             "maximum_delay_retries": 1, "retry_backoff_function": "arithmetic"}
            """)
        XCTAssertEqual(parsed.backoffFunction, .arithmetic)
        XCTAssertEqual(parsed.delaySeconds(), [0, 2, 2, 2, 12, 12])
        let silent = try policy(
            """
            {"retries_with_no_delay": 0, "minimum_delay_retries": 0, "maximum_delay_retries": 0,
             "retry_backoff_function": "geometric"}
            """)
        XCTAssertEqual(silent.delaySeconds(), [5, 7, 12, 19, 30])
    }

    func testBadValuesAreRejected() throws {
        XCTAssertEqual(try parseError("[]"), .notAnObject)
        XCTAssertEqual(try parseError("\"linear\""), .notAnObject)
        XCTAssertEqual(try parseError(#"{"minimum_delay": "5"}"#), .notAnInteger(field: "minimum_delay"))
        XCTAssertEqual(try parseError(#"{"minimum_delay": 5.5}"#), .notAnInteger(field: "minimum_delay"))
        XCTAssertEqual(
            try parseError(#"{"retries_with_no_delay": -1}"#),
            .outOfRange(field: "retries_with_no_delay", limit: RetryPolicy.maximumRetries))
        XCTAssertEqual(
            try parseError(#"{"maximum_delay_retries": 100000000000}"#),
            .outOfRange(field: "maximum_delay_retries", limit: RetryPolicy.maximumRetries))
        XCTAssertEqual(try parseError(#"{"retry_backoff_function": "cubic"}"#), .unknownBackoffFunction)
        XCTAssertEqual(try parseError(#"{"retry_backoff_function": 1}"#), .unknownBackoffFunction)
        XCTAssertEqual(
            try parseError(#"{"ignore_subscription_override": "yes"}"#),
            .notABoolean(field: "ignore_subscription_override"))
        XCTAssertEqual(try parseError(#"{"minimum_delay": 0, "maximum_delay": 20}"#), .minimumDelayTooSmall)
        XCTAssertEqual(try parseError(#"{"minimum_delay": 5, "maximum_delay": 14}"#), .delayRangeTooNarrow)
        XCTAssertEqual(try parseError(#"{"maximum_delay": 4}"#), .delayRangeTooNarrow)
        XCTAssertNil(try parseError(#"{"minimum_delay": 5, "maximum_delay": 15}"#))
        XCTAssertFalse(RetryPolicyError.delayRangeTooNarrow.description.isEmpty)
    }

    func testPrecedence() throws {
        let subscription = try JSONValue.parse(Array(#"{"minimum_delay": 1, "maximum_delay": 11}"#.utf8))
        let queue = try JSONValue.parse(Array(#"{"minimum_delay": 2, "maximum_delay": 12}"#.utf8))
        let queueOverriding = try JSONValue.parse(
            Array(#"{"minimum_delay": 2, "maximum_delay": 12, "ignore_subscription_override": true}"#.utf8))
        let subscriptionDeferring = try JSONValue.parse(
            Array(#"{"minimum_delay": 1, "maximum_delay": 11, "ignore_subscription_override": true}"#.utf8))

        XCTAssertEqual(try RetryPolicy.effective(subscriptionPolicy: nil, queuePolicy: nil), .defaults)
        XCTAssertEqual(try RetryPolicy.effective(subscriptionPolicy: subscription, queuePolicy: queue).minimumDelay, 1)
        XCTAssertEqual(try RetryPolicy.effective(subscriptionPolicy: nil, queuePolicy: queue).minimumDelay, 2)
        XCTAssertEqual(try RetryPolicy.effective(subscriptionPolicy: .object([]), queuePolicy: queue).minimumDelay, 2)
        XCTAssertEqual(
            try RetryPolicy.effective(subscriptionPolicy: subscription, queuePolicy: queueOverriding).minimumDelay, 2)
        XCTAssertEqual(
            try RetryPolicy.effective(subscriptionPolicy: subscriptionDeferring, queuePolicy: queue).minimumDelay, 2)
        XCTAssertEqual(
            try RetryPolicy.effective(subscriptionPolicy: subscriptionDeferring, queuePolicy: nil), .defaults)
        XCTAssertEqual(
            try RetryPolicy.effective(
                subscriptionOptions: .object([("_retry_policy", subscription)]),
                queueMetadata: .object([("_retry_policy", queue)])
            ).minimumDelay, 1)
        XCTAssertThrowsError(try RetryPolicy.effective(subscriptionPolicy: .int(3), queuePolicy: queue))
    }
}

import NIOCore
import XCTest

@testable import HeraldBench

final class DeliveryLedgerTests: XCTestCase {
    func testNotificationPayloadIsReadBackAsItsMessage() {
        let payload = NotificationPayload.make(seq: 17, sent: 1_000, bodySize: 256)
        XCTAssertEqual(DeliveryPayload.parse(payload.readableBytesView), .message(seq: 17, sent: 1_000))
    }

    func testOtherNotificationTypesAndGarbageAreTold() {
        let confirmation = Array(#"{"Message_Type": "SubscriptionConfirmation", "body": {}}"#.utf8)
        XCTAssertEqual(DeliveryPayload.parse(confirmation), .other(type: "SubscriptionConfirmation"))
        guard case .malformed = DeliveryPayload.parse(Array("not json".utf8)) else { return XCTFail("not JSON accepted") }
        let noSeq = Array(#"{"Message_Type": "Notification", "body": {"sent": 1}}"#.utf8)
        guard case .malformed = DeliveryPayload.parse(noSeq) else { return XCTFail("missing seq accepted") }
    }

    func testSubscriberPaths() {
        XCTAssertEqual(SubscriberPath.index(of: SubscriberPath.path(of: 12)), 12)
        XCTAssertEqual(SubscriberPath.index(of: "/s0"), 0)
        XCTAssertNil(SubscriberPath.index(of: "/s"))
        XCTAssertNil(SubscriberPath.index(of: "/s1x"))
        XCTAssertNil(SubscriberPath.index(of: "/hook"))
    }

    func testLedgerCountsUniqueDuplicatesAndMalformed() {
        let ledger = DeliveryLedger(subscribers: 2, messages: 3)
        ledger.record(subscriber: 0, path: "/s0", payload: .message(seq: 0, sent: 1_000), arrival: 2_001_000)
        ledger.record(subscriber: 1, path: "/s1", payload: .message(seq: 0, sent: 1_000), arrival: 3_001_000)
        ledger.record(subscriber: 1, path: "/s1", payload: .message(seq: 0, sent: 1_000), arrival: 4_001_000)
        ledger.record(subscriber: 2, path: "/s2", payload: .message(seq: 1, sent: 1_000), arrival: 5_000_000)
        ledger.record(subscriber: 0, path: "/s0", payload: .message(seq: 3, sent: 1_000), arrival: 5_000_000)
        ledger.record(subscriber: 0, path: "/s0", payload: .other(type: "SubscriptionConfirmation"), arrival: 5_000_000)
        let snapshot = ledger.snapshot()
        XCTAssertEqual(snapshot.unique, 2)
        XCTAssertEqual(snapshot.duplicates, 1)
        XCTAssertEqual(snapshot.perSubscriber, [1, 2])
        XCTAssertEqual(snapshot.malformed, 2)
        XCTAssertEqual(snapshot.firstMalformed, "delivery to unknown subscriber path /s2")
        XCTAssertEqual(snapshot.otherNotifications, 1)
        XCTAssertEqual(snapshot.lastArrival, 4_001_000)
        XCTAssertEqual(snapshot.latency.summary.max, 4_000)
    }
}

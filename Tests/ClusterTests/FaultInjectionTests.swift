import Foundation
import Synchronization
import XCTest

/// A storage node killed with SIGKILL (or stopped with SIGTERM) again and again while producers
/// post: every message acknowledged with 201 is still there afterwards, with the body it was
/// posted with, consumers draining with claims get each exactly once, and the queues of the
/// other pool answer throughout.
final class FaultInjectionTests: ClusterTestCase {
    override class var routerFlags: [String] { ["--admin-mode"] }

    /// SIGKILLs of the victim node per run.
    private static let kills = 20

    func testRepeatedNodeKillsUnderLoadLoseNoAcknowledgedMessage() async throws {
        try await runUnderLoad(interruptions: Self.kills) { cluster in
            await cluster.killNode(1)
        }
    }

    func testGracefulNodeStopsUnderLoadExitCleanlyAndLoseNoAcknowledgedMessage() async throws {
        try await runUnderLoad(interruptions: 5) { cluster in
            let clean = await cluster.stopNode(1)
            XCTAssertTrue(clean, "SIGTERM under load: the node drains and exits with status 0")
        }
    }

    /// Puts `victim` on node2 and `bystander` on node1, posts to both while node2 is taken
    /// down by `interrupt` and restarted `interruptions` times, then reads every acknowledged
    /// message back.
    private func runUnderLoad(
        interruptions: Int, _ interrupt: (HeraldCluster) async throws -> Void
    ) async throws {
        let client = try await makeClient()
        try await createQueue("bystander", on: "node1", client: client)
        try await createQueue("victim", on: "node2", client: client)
        let cluster = try cluster
        let ledger = AcknowledgementLedger()
        let stop = StopFlag()

        async let victim: Void = Self.produce(into: "victim", client: client, ledger: ledger, until: stop)
        async let bystander: Void = Self.produce(into: "bystander", client: client, ledger: ledger, until: stop)
        for _ in 0..<interruptions {
            try await Task.sleep(for: .milliseconds(150))
            try await interrupt(cluster)
            try await Task.sleep(for: .milliseconds(100))
            try await cluster.restartNode(1)
        }
        try await Task.sleep(for: .milliseconds(300))
        stop.raise()
        _ = await (victim, bystander)

        let acknowledged = await ledger.acknowledged
        let refused = await ledger.refused
        print("fault run: acknowledged victim \(acknowledged["victim"]?.count ?? 0), bystander \(acknowledged["bystander"]?.count ?? 0); refused victim \(refused["victim"] ?? 0)")
        XCTAssertGreaterThan(acknowledged["victim"]?.count ?? 0, 0, "the victim queue took posts between interruptions")
        XCTAssertGreaterThan(acknowledged["bystander"]?.count ?? 0, 0)
        XCTAssertGreaterThan(refused["victim"] ?? 0, 0, "posts to the victim were refused while it was down")
        XCTAssertEqual(refused["bystander"] ?? 0, 0, "the other pool answered throughout")
        for (queue, messages) in acknowledged.sorted(by: { $0.key < $1.key }) {
            try await assertStored(messages, in: queue, client: client)
            try await assertDrainedOnce(messages, from: queue, client: client)
        }
    }

    /// Posts batches of 5 numbered messages until `stop`, recording every acknowledged one and
    /// counting refusals (503 while the node is down, or no answer).
    private static func produce(
        into queue: String, client: HeraldClient, ledger: AcknowledgementLedger, until stop: StopFlag
    ) async {
        var next = 0
        while !stop.isRaised {
            let batch = 5
            do {
                let items = (next..<(next + batch)).map { #"{"body": {"n": \#($0)}}"# }
                let body = #"{"messages": [\#(items.joined(separator: ", "))]}"#
                let started = ContinuousClock.now
                let response = try await client.post("/v2/queues/\(queue)/messages", body: body)
                // The RPC deadline (5 s) bounds every answer, a dead node's 503 included.
                XCTAssertLessThan(ContinuousClock.now - started, .seconds(7), "no request hangs on a dead node")
                if response.status == 201 {
                    let hrefs = try response.json()["resources"]?.array?.compactMap(\.string) ?? []
                    XCTAssertEqual(hrefs.count, batch, "\(response)")
                    for (offset, href) in hrefs.enumerated() {
                        await ledger.record(queue: queue, id: String(href.split(separator: "/").last ?? ""), number: next + offset)
                    }
                    next += batch
                } else {
                    XCTAssertEqual(response.status, 503, "only the dead node's 503 is acceptable: \(response)")
                    XCTAssertNotNil(response.header("Retry-After"), "a 503 tells when to retry")
                    await ledger.refuse(queue: queue)
                    try await Task.sleep(for: .milliseconds(10))
                }
            } catch {
                await ledger.refuse(queue: queue)
                try? await Task.sleep(for: .milliseconds(10))
            }
        }
    }
}

import NIOCore
import NIOHTTP1

/// The fixed answers of the canned server, prepared once, and which request gets which:
/// the Zaqar v2 routes a `load` run uses, answered as a real endpoint would but without any
/// work behind them.
struct CannedResponses: Sendable {
    /// Messages in each listing answer.
    static let listed = 10
    /// The claim id every claim answer carries.
    static let claimID = "5c3f1e0a9b8d7c6e5f4a3b2c"

    /// `201 {"resources": [N hrefs]}` for a message POST.
    let posted: ByteBuffer
    /// `201 {"messages": [M claimed messages]}` for a claim.
    let claimed: ByteBuffer
    /// `200 {"messages": [10 messages], "links": [...]}` for a listing.
    let listing: ByteBuffer

    /// Answers for posts of `batch` messages and claims of `claim` messages whose bodies are
    /// about `bodySize` bytes.
    init(batch: Int, claim: Int, bodySize: Int) {
        let hrefs = (0..<max(batch, 1)).map { #""/v2/queues/canned/messages/\#(Self.messageID($0))""# }
        posted = ByteBuffer(string: #"{"resources":[\#(hrefs.joined(separator: ","))]}"#)
        let body = #"{"pad":"\#(String(repeating: "x", count: max(0, bodySize - 10)))"}"#
        func message(_ index: Int, claimed: Bool) -> String {
            let id = Self.messageID(index)
            let href = "/v2/queues/canned/messages/\(id)" + (claimed ? "?claim_id=\(Self.claimID)" : "")
            return #"{"id":"\#(id)","href":"\#(href)","ttl":3600,"age":1,"body":\#(body)}"#
        }
        let claimedMessages = (0..<max(claim, 1)).map { message($0, claimed: true) }
        claimed = ByteBuffer(string: #"{"messages":[\#(claimedMessages.joined(separator: ","))]}"#)
        let listedMessages = (0..<Self.listed).map { message($0, claimed: false) }
        listing = ByteBuffer(
            string: #"{"messages":[\#(listedMessages.joined(separator: ","))],"links":[{"rel":"next","href":"/v2/queues/canned/messages?marker=1&limit=10"}]}"#
        )
    }

    /// A message id in Zaqar's form (24 hex digits), distinct per `index`.
    static func messageID(_ index: Int) -> String {
        let hex = String(index, radix: 16)
        return String(repeating: "0", count: max(0, 24 - hex.count)) + hex
    }

    /// The answer to `method` on `uri` (path and query).
    func answer(method: HTTPMethod, uri: String) -> CannedAnswer {
        let path = uri.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
        let segments = path.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
        guard segments.count >= 3, segments.first == "v2", segments.dropFirst().first == "queues" else {
            return Self.notFound
        }
        let rest = Array(segments.dropFirst(3))
        switch (method, rest.first.map(String.init)) {
        case (.PUT, nil): return .empty(.created, location: path)
        case (.DELETE, nil): return .empty(.noContent)
        case (.GET, nil): return CannedAnswer(status: .ok, body: ByteBuffer(string: "{}"))
        case (.POST, "messages") where rest.count == 1:
            return CannedAnswer(status: .created, location: path + "?ids=" + Self.messageID(0), body: posted)
        case (.GET, "messages") where rest.count == 1: return CannedAnswer(status: .ok, body: listing)
        case (.DELETE, "messages"): return .empty(.noContent)
        case (.POST, "claims") where rest.count == 1:
            return CannedAnswer(status: .created, location: path + "/" + Self.claimID, body: claimed)
        case (.DELETE, "claims"), (.PATCH, "claims"): return .empty(.noContent)
        default: return Self.notFound
        }
    }

    /// `404` with a Zaqar-style error body.
    static let notFound = CannedAnswer(
        status: .notFound, body: ByteBuffer(string: #"{"title":"Not found","description":"The canned server does not serve this route."}"#)
    )
}

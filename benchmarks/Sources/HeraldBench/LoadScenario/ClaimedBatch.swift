import Foundation
import Shared

/// The messages one claim took: their ids and the claim's id, read from a `201` claim answer.
struct ClaimedBatch: Sendable, Equatable {
    /// The ids of the claimed messages, in answer order.
    var ids: [String]
    /// The claim id: the last segment of `Location`, else the `claim_id` of a message `href`.
    var claimID: String?

    /// Reads a claim answer; nil when its body holds no `messages` array of objects with ids.
    static func parse(_ response: ZaqarResponse) -> ClaimedBatch? {
        guard case .array(let messages)? = response.json()?["messages"], !messages.isEmpty else { return nil }
        var ids: [String] = []
        ids.reserveCapacity(messages.count)
        for message in messages {
            guard case .string(let id)? = message["id"] else { return nil }
            ids.append(id)
        }
        let fromHref = messages.lazy.compactMap { message -> String? in
            guard case .string(let href)? = message["href"] else { return nil }
            return claimID(inHref: href)
        }.first
        return ClaimedBatch(ids: ids, claimID: response.location.flatMap(claimID(inLocation:)) ?? fromHref)
    }

    /// `<cid>` of `…/claims/<cid>` (a path or a full URL), nil for anything else.
    static func claimID(inLocation location: String) -> String? {
        guard let range = location.range(of: "/claims/", options: .backwards) else { return nil }
        let id = location[range.upperBound...].prefix { $0 != "?" && $0 != "/" }
        return id.isEmpty ? nil : String(id)
    }

    /// `<cid>` of `…?claim_id=<cid>` (possibly among other parameters), nil without one.
    static func claimID(inHref href: String) -> String? {
        guard let query = href.split(separator: "?", maxSplits: 1).dropFirst().first else { return nil }
        for parameter in query.split(separator: "&") where parameter.hasPrefix("claim_id=") {
            let id = parameter.dropFirst("claim_id=".count)
            return id.isEmpty ? nil : String(id)
        }
        return nil
    }
}

/// Request paths of the consuming side (spec §2.2, §2.3, §3.7): claims, bulk deletes, listings.
extension ZaqarClient {
    /// `POST` here claims up to `limit` messages of `queue`.
    static func claimsPath(_ queue: String, limit: Int) -> String {
        queuePath(queue) + "/claims?limit=\(limit)"
    }

    /// `DELETE` here removes the messages `ids` of `queue` in one request.
    ///
    /// `claimID` goes along as `claim_ids`: an endpoint with `message_delete_with_claim_id`
    /// on requires it, any other ignores it, so the same request works on both.
    static func bulkDeletePath(_ queue: String, ids: [String], claimID: String?) -> String {
        var path = queuePath(queue) + "/messages?ids=" + ids.map(PathSegment.encode).joined(separator: ",")
        if let claimID { path += "&claim_ids=" + PathSegment.encode(claimID) }
        return path
    }

    /// `GET` here lists up to `limit` messages of `queue`; `echo` includes the client's own.
    static func listPath(_ queue: String, limit: Int, echo: Bool) -> String {
        queuePath(queue) + "/messages?limit=\(limit)&echo=\(echo)"
    }
}

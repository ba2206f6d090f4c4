/// The kinds of request a `load` run counts apart.
enum LoadOperation: Int, CaseIterable, Sendable {
    /// `POST …/messages` of one batch.
    case post
    /// `POST …/claims` answered `201` (messages claimed).
    case claim
    /// `POST …/claims` answered `204` (nothing to claim).
    case claimEmpty
    /// `DELETE …/messages?ids=…` of one claimed batch.
    case delete
    /// `GET …/messages` by an observer.
    case list

    /// The name in reports, e.g. `claim-empty`.
    var name: String {
        switch self {
        case .post: "post"
        case .claim: "claim"
        case .claimEmpty: "claim-empty"
        case .delete: "delete"
        case .list: "list"
        }
    }

    /// The key in JSON results, e.g. `claim_empty`.
    var jsonKey: String {
        self == .claimEmpty ? "claim_empty" : name
    }
}

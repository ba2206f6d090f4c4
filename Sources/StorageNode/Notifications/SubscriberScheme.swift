/// How a subscriber URI is delivered to (spec §5.2).
enum SubscriberScheme: Sendable, Equatable {
    /// `http://` or `https://`: a POST.
    case webhook
    /// `mailto:`: an email.
    case mailto
    /// Anything else: not deliverable.
    case unsupported

    /// The scheme of `subscriber`, compared case-insensitively.
    init(_ subscriber: String) {
        let lowered = subscriber.lowercased()
        if lowered.hasPrefix("http://") || lowered.hasPrefix("https://") {
            self = .webhook
        } else if lowered.hasPrefix("mailto:") {
            self = .mailto
        } else {
            self = .unsupported
        }
    }
}

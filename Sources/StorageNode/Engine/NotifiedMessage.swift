/// A message just stored by a post, as its notification describes it (spec §5.2).
struct NotifiedMessage: Sendable {
    var id: String
    /// The plaintext JSON body as posted.
    var body: [UInt8]
    /// The effective ttl in seconds.
    var ttl: Int
    /// The effective delay in seconds; 0 when the message was not delayed.
    var delay: Int
}

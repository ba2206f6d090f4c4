import Shared

/// Validation of a `_retry_policy` object (spec §5.4) where the API takes one (queue metadata,
/// subscription options): it must parse as the storage nodes parse it when they deliver, so a
/// policy the API accepts is never replaced by the defaults at delivery time.
enum RetryPolicyValidation {
    /// Throws 400 "Invalid API request" saying what is wrong with `policy`.
    static func validate(_ policy: JSONValue) throws(APIError) {
        do {
            _ = try RetryPolicy(parsing: policy)
        } catch {
            throw .invalidAPIRequest(error.description)
        }
    }
}

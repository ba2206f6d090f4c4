#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The router's current policy: read by every request, replaced as a whole when the policy file
/// is reloaded. Readers share a read-write lock, so they never wait for each other.
public final class PolicyStore: @unchecked Sendable {
    private let lock: UnsafeMutablePointer<pthread_rwlock_t>
    private var current: Policy

    /// A store holding `policy` (the built-in policy by default).
    public init(_ policy: Policy = .builtIn) {
        current = policy
        lock = UnsafeMutablePointer<pthread_rwlock_t>.allocate(capacity: 1)
        lock.initialize(to: pthread_rwlock_t())
        pthread_rwlock_init(lock, nil)
    }

    deinit {
        pthread_rwlock_destroy(lock)
        lock.deallocate()
    }

    /// The policy in force.
    public var policy: Policy {
        pthread_rwlock_rdlock(lock)
        defer { pthread_rwlock_unlock(lock) }
        return current
    }

    /// Puts `policy` in force for every request that starts from now on.
    public func replace(with policy: Policy) {
        pthread_rwlock_wrlock(lock)
        defer { pthread_rwlock_unlock(lock) }
        current = policy
    }
}

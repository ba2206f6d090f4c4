import Dispatch
import Logging

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reloads the policy file into a ``PolicyStore`` on SIGHUP. A file that loads replaces the
/// policy ("policy reloaded (N rules)"); one that does not is logged and the old policy stays.
///
/// While started, SIGHUP never terminates the process (its default action is replaced); without a
/// policy file it is logged and otherwise ignored.
public final class PolicyReloader: @unchecked Sendable {
    private let path: String?
    private let store: PolicyStore
    private let logger: Logger
    private let queue = DispatchQueue(label: "herald.policy-reload")
    private var source: (any DispatchSourceSignal)?

    /// A reloader of the file at `path` (`nil`: no policy file) into `store`.
    public init(path: String?, store: PolicyStore, logger: Logger) {
        self.path = path
        self.store = store
        self.logger = logger
    }

    /// Starts handling SIGHUP.
    public func start() {
        queue.sync {
            guard source == nil else { return }
            signal(SIGHUP, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: SIGHUP, queue: queue)
            source.setEventHandler { [self] in reload() }
            source.resume()
            self.source = source
        }
    }

    /// Stops handling SIGHUP (it stays ignored).
    public func stop() {
        queue.sync {
            source?.cancel()
            source = nil
        }
    }

    /// Reloads the policy file now; returns whether the new policy is in force.
    @discardableResult
    public func reload() -> Bool {
        guard let path else {
            logger.info("SIGHUP: no --policy-file, nothing to reload")
            return false
        }
        do {
            let policy = try PolicyFile.load(path)
            store.replace(with: policy)
            logger.info("policy reloaded (\(policy.rules.count) rules)", metadata: ["file": "\(path)"])
            return true
        } catch {
            logger.error("policy not reloaded, the previous policy stays in force: \(error)", metadata: ["file": "\(path)"])
            return false
        }
    }
}

import NIOCore
import NIOPosix

/// A task executor that runs Swift tasks on SwiftNIO event-loop threads instead of the global
/// concurrent pool.
///
/// A job enqueued from an event-loop thread (a continuation resumed by a future, a response
/// decoded by a channel handler) runs on that same loop, right after the current callback, so
/// a request moving between channel handlers and async code stays on one thread instead of
/// waking another for every hop. Jobs enqueued from any other thread go to the group's next
/// loop. Use it as the preference of the tasks that serve requests
/// (`withTaskExecutorPreference`, `Task(executorPreference:)`); work that blocks a thread must
/// not run under it.
public final class EventLoopGroupTaskExecutor: TaskExecutor {
    private let group: any EventLoopGroup

    /// - Parameter group: The loops that take jobs enqueued from threads of no event loop.
    public init(group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton) {
        self.group = group
    }

    public func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let loop = MultiThreadedEventLoopGroup.currentEventLoop ?? group.next()
        loop.execute {
            job.runSynchronously(on: self.asUnownedTaskExecutor())
        }
    }
}

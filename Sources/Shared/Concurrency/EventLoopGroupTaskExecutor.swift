import NIOCore
import NIOPosix

/// A task executor that runs Swift tasks on SwiftNIO event-loop threads instead of the global
/// concurrent pool.
///
/// Made for a group, a job enqueued from an event-loop thread (a continuation resumed by a
/// future, a response decoded by a channel handler) runs on that same loop, right after the
/// current callback, so a request moving between channel handlers and async code stays on one
/// thread instead of waking another for every hop; jobs enqueued from any other thread go to
/// the group's next loop. Pinned to one loop, every job runs there: the right choice for the
/// tasks of one connection, whose answers must be written on its loop anyway. Use it as the
/// preference of the tasks that serve requests (`withTaskExecutorPreference`,
/// `Task(executorPreference:)`); work that blocks a thread must not run under it.
public final class EventLoopGroupTaskExecutor: TaskExecutor {
    /// Where jobs go.
    private enum Loops {
        /// The current loop when enqueued from one, else the group's next.
        case group(any EventLoopGroup)
        /// Always this loop.
        case pinned(any EventLoop)
    }

    private let loops: Loops

    /// - Parameter group: The loops that take jobs enqueued from threads of no event loop.
    public init(group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton) {
        loops = .group(group)
    }

    /// An executor that runs every job on `loop`.
    public init(pinnedTo loop: any EventLoop) {
        loops = .pinned(loop)
    }

    public func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let loop: any EventLoop
        switch loops {
        case .pinned(let pinned): loop = pinned
        case .group(let group): loop = MultiThreadedEventLoopGroup.currentEventLoop ?? group.next()
        }
        loop.execute {
            job.runSynchronously(on: self.asUnownedTaskExecutor())
        }
    }
}

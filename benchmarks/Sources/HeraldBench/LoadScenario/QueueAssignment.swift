/// How tasks are spread over the run's queues: round-robin, so every queue gets tasks of a
/// kind as long as there is at least one, and no queue gets two more than another.
enum QueueAssignment {
    /// The queue numbers task `task` of `tasks` works on, in the order it visits them.
    ///
    /// With at least as many tasks as queues, task `i` works on queue `i % queues` alone;
    /// with fewer, task `i` takes queues `i`, `i + tasks`, `i + 2·tasks`, … in turn.
    static func queues(task: Int, tasks: Int, queues: Int) -> [Int] {
        guard tasks > 0, queues > 0 else { return [] }
        if tasks >= queues { return [task % queues] }
        return Array(stride(from: task % tasks, to: queues, by: tasks))
    }
}

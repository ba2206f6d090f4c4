import Foundation
import NIOConcurrencyHelpers

/// One `load` run: creates Q fresh queues, runs P producers, C consumers and O observers
/// spread over them round-robin through a warm-up and the measured part, then deletes the
/// queues (unless asked to keep them).
struct LoadBenchmark: Sendable {
    /// The parameters of the run.
    let settings: LoadSettings

    /// Runs the benchmark; throws when the queues cannot be created.
    func run() async throws -> LoadResult {
        let configuration = ZaqarClient.Configuration(
            endpoint: settings.endpoint, project: settings.project, clientID: RandomName.uuid(),
            authToken: settings.authToken, connections: settings.connections,
            requestTimeout: .seconds(settings.requestTimeoutSeconds)
        )
        let prefix = RandomName.hex(prefix: "bench-load-")
        let queues = (0..<settings.queues).map { "\(prefix)-\($0)" }
        StandardStreams.line("==> \(settings.endpoint): queues \(prefix)-0...\(settings.queues - 1)")
        return try await ZaqarClient.with(configuration) { client in
            var created: [String] = []
            do {
                for queue in queues {
                    try await client.createQueue(queue)
                    created.append(queue)
                }
            } catch {
                await deleteQueues(created, client: client)
                throw error
            }
            let result = await measure(client: client, queues: queues)
            if settings.keepQueues {
                StandardStreams.line("==> queues kept: \(queues.joined(separator: " "))")
            } else {
                await deleteQueues(queues, client: client)
            }
            return result
        }
    }

    /// Runs every task through the warm-up and the measured part.
    private func measure(client: ZaqarClient, queues: [String]) async -> LoadResult {
        let settings = self.settings
        let date = ISO8601DateFormatter().string(from: Date())
        let runStart = MonotonicClock.now()
        let stats = LoadStats(measureStart: runStart + UInt64(settings.warmupSeconds) * 1_000_000_000)
        let control = LoadRunControl(stop: settings.stop, measureStart: stats.measureStart)
        let budget: ProductionBudget
        if case .messages(let count, _) = settings.stop {
            budget = ProductionBudget(measuredMessages: count)
        } else {
            budget = ProductionBudget(measuredMessages: nil)
        }
        let producerShared = LoadProducer.Shared(
            settings: settings, stats: stats, control: control, budget: budget,
            documents: PostDocuments(batch: settings.batch, bodySize: settings.bodySize),
            schedule: PacingSchedule(messagesPerSecond: settings.rate, batch: settings.batch),
            tickets: NIOLockedValueBox(0), runStart: runStart
        )
        func queuesOf(task: Int, tasks: Int) -> [String] {
            QueueAssignment.queues(task: task, tasks: tasks, queues: queues.count).map { queues[$0] }
        }
        let progress = LoadProgress.printer(stats: stats).start()
        await withDiscardingTaskGroup { group in
            group.addTask {
                await withDiscardingTaskGroup { producers in
                    for index in 0..<settings.producers {
                        let producer = LoadProducer(
                            client: client.acting(as: RandomName.uuid()),
                            queues: queuesOf(task: index, tasks: settings.producers), shared: producerShared
                        )
                        producers.addTask { await producer.run() }
                    }
                }
                control.productionFinished()
            }
            group.addTask {
                await withDiscardingTaskGroup { consumers in
                    for index in 0..<settings.consumers {
                        let consumer = LoadConsumer(
                            client: client.acting(as: RandomName.uuid()),
                            queues: queuesOf(task: index, tasks: settings.consumers), settings: settings,
                            stats: stats, control: control
                        )
                        consumers.addTask { await consumer.run() }
                    }
                }
                control.consumptionFinished()
            }
            for index in 0..<settings.observers {
                let observer = LoadObserver(
                    client: client.acting(as: RandomName.uuid()),
                    queues: queuesOf(task: index, tasks: settings.observers), settings: settings, stats: stats,
                    control: control
                )
                group.addTask { await observer.run() }
            }
        }
        let end = MonotonicClock.now()
        progress.cancel()
        await progress.value
        let totals = stats.current
        var completed = true
        if case .messages = settings.stop {
            completed = budget.isSpent && (settings.consumers == 0 || totals.consumed >= totals.produced)
        }
        let operations = stats.snapshots()
        func seconds(until operation: LoadOperation) -> Double {
            MonotonicClock.seconds(from: stats.measureStart, to: operations[operation.rawValue].lastEnd)
        }
        return LoadResult(
            settings: settings, queues: queues, date: date, seconds: MonotonicClock.seconds(from: stats.measureStart, to: end),
            productionSeconds: seconds(until: .post), consumptionSeconds: seconds(until: .delete), operations: operations,
            totals: totals, completed: completed
        )
    }

    /// Deletes the queues; failures are warnings on stderr, not thrown.
    private func deleteQueues(_ queues: [String], client: ZaqarClient) async {
        for queue in queues {
            do {
                try await client.deleteQueue(queue)
            } catch {
                StandardStreams.error("warning: clean-up: \(error)")
            }
        }
    }
}

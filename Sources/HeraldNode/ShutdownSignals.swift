import Dispatch
import Foundation

/// Turns SIGTERM and SIGINT into an awaitable event, replacing their default (kill) action.
final class ShutdownSignals {
    /// Kept alive so the handlers stay installed.
    private let sources: [any DispatchSourceSignal]
    private let stream: AsyncStream<Int32>

    init(signals: [Int32] = [SIGTERM, SIGINT]) {
        let (stream, continuation) = AsyncStream.makeStream(of: Int32.self, bufferingPolicy: .bufferingNewest(1))
        self.stream = stream
        self.sources = signals.map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { continuation.yield(number) }
            source.resume()
            return source
        }
    }

    /// Waits for the first of the signals and returns its number.
    func next() async -> Int32 {
        for await number in stream {
            return number
        }
        return SIGTERM
    }
}

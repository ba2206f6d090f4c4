import Foundation
import Shared

/// The system clock plus an offset read from a file, so end-to-end tests can move a running
/// node's time forward. The file holds an integer number of milliseconds; a missing, empty or
/// unreadable file counts as 0. It is re-read at most every 50 ms.
final class SkewedWallClock: WallClock, @unchecked Sendable {
    private static let refreshInterval: Int64 = 50

    private let skewFile: String
    private let system = SystemWallClock()
    /// Guards `skew` and `lastRead`.
    private let lock = NSLock()
    private var skew: Int64 = 0
    private var lastRead: Int64 = .min

    init(skewFile: String) {
        self.skewFile = skewFile
    }

    func nowMillis() -> Int64 {
        let now = system.nowMillis()
        return now + currentSkew(at: now)
    }

    private func currentSkew(at now: Int64) -> Int64 {
        lock.lock()
        defer { lock.unlock() }
        if lastRead == .min || now - lastRead >= Self.refreshInterval || now < lastRead {
            skew = Self.readSkew(from: skewFile)
            lastRead = now
        }
        return skew
    }

    private static func readSkew(from path: String) -> Int64 {
        guard let data = FileManager.default.contents(atPath: path),
            let text = String(data: data, encoding: .utf8)
        else { return 0 }
        return Int64(text.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
    }
}

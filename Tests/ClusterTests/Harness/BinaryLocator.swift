import Foundation

/// Finds the package root and the built `herald-node` / `herald-router` executables.
enum BinaryLocator {
    /// The package root, derived from this source file's location
    /// (`<root>/Tests/ClusterTests/Harness/BinaryLocator.swift`).
    static var packageRoot: URL {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent()  // Harness
            .deletingLastPathComponent()  // ClusterTests
            .deletingLastPathComponent()  // Tests
            .deletingLastPathComponent()  // root
    }

    /// Directory holding the executables: `$HERALD_BIN_DIR` if set, else `.build/debug`,
    /// else `.build/release`.
    static func binDirectory() -> URL {
        if let override = ProcessInfo.processInfo.environment["HERALD_BIN_DIR"], !override.isEmpty {
            return URL(fileURLWithPath: override)
        }
        let build = packageRoot.appendingPathComponent(".build")
        for configuration in ["debug", "release"] {
            let candidate = build.appendingPathComponent(configuration)
            if FileManager.default.isExecutableFile(atPath: candidate.appendingPathComponent("herald-node").path) {
                return candidate
            }
        }
        return build.appendingPathComponent("debug")
    }

    /// URL of the named executable, or `ClusterError.binaryMissing`.
    static func executable(_ name: String) throws -> URL {
        let url = binDirectory().appendingPathComponent(name)
        guard FileManager.default.isExecutableFile(atPath: url.path) else {
            throw ClusterError.binaryMissing(path: url.path)
        }
        return url
    }
}

import Shared

/// One line of `herald status upgrade-check`: a check on one store and its result.
struct UpgradeCheck {
    /// The result levels of zaqar-status, ordered from best to worst.
    enum Result: Int, Comparable {
        case success, warning, failure

        static func < (lhs: Result, rhs: Result) -> Bool { lhs.rawValue < rhs.rawValue }

        var label: String {
            switch self {
            case .success: "Success"
            case .warning: "Warning"
            case .failure: "Failure"
            }
        }

        /// The process exit status when this is the worst result: 0, 1 or 2.
        var exitStatus: Int32 { Int32(rawValue) }
    }

    var name: String
    var store: String
    var result: Result
    var details: String

    var json: JSONValue {
        .object([
            ("check", .string(name)), ("store", .string(store)), ("result", .string(result.label)),
            ("details", .string(details)),
        ])
    }

    /// The single failed check of a store that could not be inspected at all.
    static func unreadable(_ store: String, reason: String) -> UpgradeCheck {
        UpgradeCheck(name: "readable", store: store, result: .failure, details: reason)
    }

    /// The checks of one inspected store.
    static func evaluate(_ inspection: StoreInspection, store: String) -> [UpgradeCheck] {
        var checks = [schemaVersion(inspection.schema, store: store)]
        if let integrity = inspection.integrity {
            let sound = integrity == ["ok"]
            checks.append(UpgradeCheck(
                name: "integrity", store: store, result: sound ? .success : .failure,
                details: sound ? "quick_check ok" : "quick_check: " + integrity.prefix(3).joined(separator: "; ")))
        }
        if let mode = inspection.journalMode {
            checks.append(UpgradeCheck(
                name: "wal mode", store: store, result: mode == "wal" ? .success : .warning,
                details: mode == "wal" ? "journal_mode wal" : "journal_mode \(mode) (Herald switches it to wal when it opens the store)"))
        }
        if let size = inspection.sizeBytes {
            checks.append(diskSpace(size: size, free: inspection.freeDiskBytes, store: store))
        }
        if let pools = inspection.pools {
            checks.append(UpgradeCheck(
                name: "pools", store: store, result: pools.isEmpty ? .warning : .success,
                details: pools.isEmpty
                    ? "no pools registered"
                    : "\(pools.count): " + pools.map { "\($0.name) \($0.uri)" }.joined(separator: ", ")))
        }
        return checks
    }

    /// Whether the node of every pool answers (`--probe-pools`): a warning names those that do not.
    static func poolsAnswer(_ pools: [InspectedPool], security: RPCClientSecurity, store: String) async -> UpgradeCheck {
        let silent = await PoolProbe.silentPools(pools, security: security)
        guard !silent.isEmpty else {
            return UpgradeCheck(name: "pools answer", store: store, result: .success, details: "\(pools.count) of \(pools.count) answer")
        }
        let details = silent.map { "\($0.pool.name) (\($0.pool.uri)) does not answer: \($0.reason)" }.joined(separator: "; ")
        return UpgradeCheck(name: "pools answer", store: store, result: .warning, details: details)
    }

    private static func schemaVersion(_ schema: SchemaStatus, store: String) -> UpgradeCheck {
        let versions = "version \(schema.foundVersion), this Herald \(HeraldVersion.current) brings \(schema.latestVersion)"
        let pending = schema.pendingMigrations.isEmpty ? "" : "; pending: " + schema.pendingMigrations.joined(separator: ", ")
        let (result, details): (Result, String)
        if let refusal = schema.refusal(store: "the store") {
            (result, details) = (.failure, refusal)
        } else {
            switch schema.origin {
            case .empty: (result, details) = (.warning, "empty store, \(versions)\(pending)")
            case .detectedBaseline:
                (result, details) = (.warning, "no version record, recognised by its tables as the baseline \(versions)\(pending)")
            case .recorded: (result, details) = (schema.pendingMigrations.isEmpty ? .success : .warning, versions + pending)
            }
        }
        return UpgradeCheck(name: "schema version", store: store, result: result, details: details)
    }

    /// A migration may rewrite a table: it needs up to the store's size again, twice that to be comfortable.
    private static func diskSpace(size: Int64, free: Int64?, store: String) -> UpgradeCheck {
        guard let free else {
            return UpgradeCheck(name: "free disk", store: store, result: .warning, details: "free space unknown")
        }
        let details = "\(free / 1_048_576) MB free, store \(size / 1_048_576) MB"
        let result: Result = free >= 2 * size ? .success : free >= size ? .warning : .failure
        return UpgradeCheck(name: "free disk", store: store, result: result, details: details)
    }
}

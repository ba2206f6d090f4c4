#if !HERALD_FUZZING
import Foundation
import RPCFuzzing

/// Without libFuzzer (the ordinary build): replays corpus files or directories through the
/// fuzz target, or writes the seed corpus.
///
/// ```
/// herald-rpc-fuzz FILE|DIR...          run every input; exit 1 on the first violation
/// herald-rpc-fuzz --write-seeds DIR    (re)write the seed corpus into DIR
/// ```
@main
struct RPCFuzzReplay {
    static func main() throws {
        let arguments = Array(CommandLine.arguments.dropFirst())
        if arguments.first == "--write-seeds", arguments.count == 2 {
            try writeSeeds(to: URL(fileURLWithPath: arguments[1]))
            return
        }
        guard !arguments.isEmpty, !arguments.contains(where: { $0.hasPrefix("-") }) else {
            FileHandle.standardError.write(Data("usage: herald-rpc-fuzz FILE|DIR... | --write-seeds DIR\n".utf8))
            exit(2)
        }
        var count = 0
        for file in try inputFiles(arguments) {
            let bytes = [UInt8](try Data(contentsOf: file))
            do {
                _ = try RPCWireExercise.run(bytes)
            } catch {
                print("\(file.path): \(error)")
                exit(1)
            }
            count += 1
        }
        print("replayed \(count) inputs, no violation")
    }

    private static func inputFiles(_ paths: [String]) throws -> [URL] {
        var files: [URL] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: path])
            }
            guard isDirectory.boolValue else {
                files.append(URL(fileURLWithPath: path))
                continue
            }
            let names = try FileManager.default.contentsOfDirectory(atPath: path).filter { !$0.hasPrefix(".") }.sorted()
            files += names.map { URL(fileURLWithPath: path).appendingPathComponent($0) }
        }
        return files
    }

    private static func writeSeeds(to directory: URL) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let seeds = RPCSeedCorpus.seeds
        for seed in seeds {
            try Data(seed.bytes).write(to: directory.appendingPathComponent(seed.name))
        }
        print("wrote \(seeds.count) seeds to \(directory.path)")
    }
}
#endif

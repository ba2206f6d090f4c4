import ArgumentParser
import Foundation

/// `herald-bench canned-server`: fixed Zaqar answers, to measure `load`'s own ceiling.
struct CannedServerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "canned-server",
        abstract: "Serves fixed Zaqar v2 answers (no storage) to measure the load tool's ceiling.",
        discussion: """
            Answers PUT/DELETE queue with 201/204, POST messages with 201 and a fixed resources \
            list, POST claims with 201, a Location and a fixed claim of --claim messages, \
            DELETE messages with 204 and GET messages with 200 and 10 messages; anything else \
            404. Runs until interrupted. `herald-bench load --endpoint http://127.0.0.1:<port>` \
            against it gives the client's ceiling on this machine.
            """
    )

    @Option(help: "Address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "Port to listen on (0 = a free port, printed and written to --port-file).")
    var port = 8889

    @Option(name: .customLong("port-file"), help: "Write the bound port to this file once listening.")
    var portFile: String?

    @Option(help: "Resources in each message POST answer.")
    var batch = 10

    @Option(help: "Messages in each claim answer.")
    var claim = 10

    @Option(name: .customLong("body-size"), help: "Bytes of each claimed or listed message body.")
    var bodySize = 256

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be 0...65535.") }
        guard (1...1000).contains(batch), (1...1000).contains(claim) else {
            throw ValidationError("--batch and --claim must be 1...1000.")
        }
        guard (0...1_000_000).contains(bodySize) else { throw ValidationError("--body-size must be 0...1000000.") }
    }

    func run() async throws {
        let responses = CannedResponses(batch: batch, claim: claim, bodySize: bodySize)
        let server: CannedServer
        do {
            server = try await CannedServer.start(host: host, port: port, responses: responses)
        } catch {
            StandardStreams.error("herald-bench: cannot listen on \(host):\(port): \(error)")
            throw ExitCode.failure
        }
        if let portFile {
            do {
                try Data("\(server.port)\n".utf8).write(to: URL(fileURLWithPath: portFile), options: .atomic)
            } catch {
                StandardStreams.error("herald-bench: cannot write \(portFile): \(error.localizedDescription)")
                throw ExitCode.failure
            }
        }
        StandardStreams.line("canned Zaqar server on http://\(host):\(server.port) (Ctrl-C stops it)")
        try await server.wait()
    }
}

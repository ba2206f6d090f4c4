import ArgumentParser

/// The endpoint a scenario drives and the project it acts as: `--endpoint`, `--project`.
struct EndpointOptions: ParsableArguments {
    @Option(help: "Base URL of the Zaqar v2 endpoint.")
    var endpoint = "http://127.0.0.1:8888"

    @Option(help: "Project to act as (X-Project-ID).")
    var project = "herald-bench"
}

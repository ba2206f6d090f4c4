/// A property of the RPC decoding path that one input broke. Crashes and traps need no value
/// here: they stop the process, which is what the fuzzer looks for anyway.
public enum RPCFuzzViolation: Error, Sendable, Equatable, CustomStringConvertible {
    /// The frame decoder failed with an error that is not an ``RPCDecodingError``.
    case untypedFrameError(String)
    /// The same bytes split into frames differently when they arrived in smaller reads.
    case chunkingChangedFrames
    /// A decoded frame does not encode back to the bytes it was read from.
    case roundTripMismatch(side: String, frame: Int)
    /// A handshake message does not encode back to the bytes it was read from.
    case handshakeRoundTripMismatch(message: String)
    /// A handshake decoder reported "incomplete" but consumed bytes anyway.
    case handshakeConsumedIncomplete(message: String)

    public var description: String {
        switch self {
        case let .untypedFrameError(error): return "frame decoder threw an untyped error: \(error)"
        case .chunkingChangedFrames: return "frames differ when the bytes arrive in small reads"
        case let .roundTripMismatch(side, frame): return "\(side): frame \(frame) does not re-encode to its own bytes"
        case let .handshakeRoundTripMismatch(message): return "\(message) does not re-encode to its own bytes"
        case let .handshakeConsumedIncomplete(message): return "\(message) consumed bytes while incomplete"
        }
    }
}

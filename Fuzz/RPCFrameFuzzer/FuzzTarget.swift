import RPCFuzzing

/// The libFuzzer entry point: one input through every RPC decoding path. A broken codec
/// property stops the process so that libFuzzer keeps the input as a crash.
@_cdecl("LLVMFuzzerTestOneInput")
public func heraldRPCFuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    do {
        _ = try RPCWireExercise.run(bytes)
    } catch {
        fatalError("RPC fuzz violation: \(error)")
    }
    return 0
}

#if HERALD_FUZZING
import Foundation
import RPCFuzzing

/// libFuzzer's driver, linked in by `-sanitize=fuzzer`. SwiftPM gives every executable a Swift
/// entry point, so this `main` hands the command line to the driver instead of relying on
/// libFuzzer's own `main`.
@_silgen_name("LLVMFuzzerRunDriver")
private func llvmFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ testOneInput: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

/// The libFuzzer binary (built with `-sanitize=fuzzer -DHERALD_FUZZING`): takes libFuzzer's
/// usual arguments, see `scripts/fuzz-rpc.sh`.
@main
struct RPCFuzzMain {
    static func main() {
        var argc = CommandLine.argc
        var argv = CommandLine.unsafeArgv
        exit(llvmFuzzerRunDriver(&argc, &argv, heraldRPCFuzzOneInput))
    }
}
#endif

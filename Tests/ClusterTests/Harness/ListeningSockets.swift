import Foundation

/// The TCP ports a process listens on, read from `/proc` (Linux): the `LISTEN` sockets of
/// `/proc/net/tcp` and `/proc/net/tcp6` whose inodes are among the process's open files.
enum ListeningSockets {
    /// The local ports of every listening TCP socket of process `pid`, sorted.
    static func ports(of pid: Int32) -> [Int] {
        let fdDirectory = "/proc/\(pid)/fd"
        let descriptors = (try? FileManager.default.contentsOfDirectory(atPath: fdDirectory)) ?? []
        var inodes: Set<String> = []
        for descriptor in descriptors {
            guard let target = try? FileManager.default.destinationOfSymbolicLink(atPath: "\(fdDirectory)/\(descriptor)"),
                  target.hasPrefix("socket:[")
            else { continue }
            inodes.insert(String(target.dropFirst("socket:[".count).dropLast()))
        }
        var ports: [Int] = []
        for table in ["/proc/net/tcp", "/proc/net/tcp6"] {
            let text = (try? String(contentsOfFile: table, encoding: .utf8)) ?? ""
            for line in text.split(separator: "\n").dropFirst() {
                let fields = line.split(separator: " ")
                // sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode
                guard fields.count > 9, fields[3] == "0A", inodes.contains(String(fields[9])),
                      let portHex = fields[1].split(separator: ":").last, let port = Int(portHex, radix: 16)
                else { continue }
                ports.append(port)
            }
        }
        return ports.sorted()
    }
}

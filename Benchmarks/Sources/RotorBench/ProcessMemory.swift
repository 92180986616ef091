import Foundation

/// Reads this process's memory figures from `/proc/self/status` (Linux).
enum ProcessMemory {
    /// Peak resident set size (`VmHWM`), in KiB; `nil` where unavailable.
    static var peakResidentKilobytes: Int? { field("VmHWM:") }

    /// Current resident set size (`VmRSS`), in KiB; `nil` where unavailable.
    static var residentKilobytes: Int? { field("VmRSS:") }

    private static func field(_ name: String) -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        for line in status.split(separator: "\n") where line.hasPrefix(name) {
            return Int(String(line.dropFirst(name.count).filter { $0.isNumber }))
        }
        return nil
    }
}

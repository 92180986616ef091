@_spi(RotorInternals) import RotorCore

/// The process-wide table of open log files, keyed by canonical path.
///
/// This is the one piece of global state in Rotor, and it has to be: "one descriptor, one byte
/// counter and one lock per file" only holds if every sink in the process finds the same channel
/// for the same file. Channels are reference-counted: the last sink to close a path closes its file.
final class FileChannelRegistry: Sendable {
    static let shared = FileChannelRegistry()

    private struct Entry {
        let channel: FileChannel
        var users: Int
    }

    private let entries = Locked<[String: Entry]>([:])

    /// Returns the channel for `path`, opening it if no sink holds it, and counts one more user.
    /// - Throws: ``SinkError`` `.conflictingConfiguration` if the path is open with other settings,
    ///   or the errors of opening the file.
    func acquire(
        _ path: ResolvedFilePath,
        configuration: FileChannelConfiguration,
        options: FileSinkConfiguration
    ) throws -> FileChannel {
        try entries.withLock { entries in
            if var entry = entries[path.canonical] {
                guard entry.channel.configuration == configuration else {
                    let detail = entry.channel.configuration.differences(from: configuration).joined(separator: "; ")
                    throw SinkError(
                        .conflictingConfiguration,
                        "\(path.canonical) is already open with different settings (\(detail))",
                        path: path.given)
                }
                entry.users += 1
                entries[path.canonical] = entry
                return entry.channel
            }
            let channel = try FileChannel(path: path, configuration: configuration, options: options)
            entries[path.canonical] = Entry(channel: channel, users: 1)
            return channel
        }
    }

    /// Counts one user fewer for `channel`; the last one closes the file.
    func release(_ channel: FileChannel) {
        let isLast = entries.withLock { entries -> Bool in
            guard var entry = entries[channel.path.canonical], entry.channel === channel else { return false }
            entry.users -= 1
            if entry.users == 0 {
                entries[channel.path.canonical] = nil
                return true
            }
            entries[channel.path.canonical] = entry
            return false
        }
        if isLast { channel.close() }
    }

    /// How many sinks hold the channel of `canonicalPath` (0 when none), for tests.
    func userCount(ofCanonicalPath canonicalPath: String) -> Int {
        entries.withLock { $0[canonicalPath]?.users ?? 0 }
    }
}

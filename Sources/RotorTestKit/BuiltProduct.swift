package import Foundation

/// Finds an executable product of this package (for example `rotor` or `rotor-stress`) next to the
/// running test bundle, for tests that run the built binary as a child process.
package enum BuiltProduct {
    /// The product was not found in any of the places looked at.
    package struct NotFound: Error, CustomStringConvertible {
        package var product: String
        package var searched: [String]
        package var description: String { "\(product) not found; looked at \(searched.joined(separator: ", "))" }
    }

    /// The executable `name`, or the path in the environment variable `override` when it is set.
    package static func url(named name: String, override: String) throws -> URL {
        let environment = ProcessInfo.processInfo.environment
        if let given = environment[override], !given.isEmpty { return URL(fileURLWithPath: given) }
        var directories: [URL] = []
        if let executable = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            directories.append(URL(fileURLWithPath: executable).deletingLastPathComponent())
        }
        if let executable = Bundle.main.executableURL { directories.append(executable.deletingLastPathComponent()) }
        directories.append(Bundle.main.bundleURL.deletingLastPathComponent())
        directories.append(URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent())
        let candidates = directories.map { $0.appendingPathComponent(name).path }
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw NotFound(product: name, searched: candidates)
        }
        return URL(fileURLWithPath: found)
    }
}

import Foundation
import PackagePlugin

/// `swift package rotor <subcommand> [arguments…]`: runs the read-only subcommands of the `rotor`
/// tool (`cat`, `tail`, `stats`, `verify`) on the package, with no permission.
///
/// The plugin is deliberately thin: it runs the `rotor` executable built from this package with
/// the arguments as given, in the package's directory, so that a relative PATH
/// (`swift package rotor stats logs/app.log`) names a file of the package. Absolute paths work
/// as usual.
///
/// SwiftPM grants permissions per plugin, never per subcommand, and a plugin cannot learn at run
/// time what it was granted: `PluginContext` does not say, and only macOS runs plugins in a
/// sandbox, so a trial write proves nothing on Linux. So this plugin declares no permission and
/// runs nothing that writes: it refuses `prune`, which lives in its own plugin, `RotorPrunePlugin`
/// (`swift package rotor-prune …`), the only one that asks to write to the package directory.
///
/// ```
/// swift package rotor stats logs/app.log
/// swift package rotor verify logs
/// swift package --allow-writing-to-package-directory rotor-prune logs/app.log --keep 10
/// ```
///
/// The tool's standard output and error are the plugin's; a non-zero exit status of the tool
/// makes the plugin fail (`swift package` then exits with status 1).
@main
struct RotorPlugin: CommandPlugin {
    func performCommand(context: PluginContext, arguments: [String]) async throws {
        if arguments.first == "prune" {
            throw RotorPluginError.writingSubcommand(Array(arguments.dropFirst()))
        }
        let tool = try context.tool(named: "rotor")
        let process = Process()
        process.executableURL = tool.url
        process.arguments = arguments
        process.currentDirectoryURL = context.package.directoryURL
        try process.run()
        process.waitUntilExit()
        guard process.terminationReason == .exit, process.terminationStatus == 0 else {
            throw RotorPluginError.toolFailed(
                arguments: arguments, status: process.terminationStatus,
                signalled: process.terminationReason == .uncaughtSignal)
        }
    }
}

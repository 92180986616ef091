import Foundation
import PackagePlugin

/// `swift package rotor <subcommand> [arguments…]`: runs the `rotor` tool on the package.
///
/// The plugin is deliberately thin: it runs the `rotor` executable built from this package with
/// the arguments as given, in the package's directory, so that a relative PATH
/// (`swift package rotor stats logs/app.log`) names a file of the package. Absolute paths work
/// as usual.
///
/// Permissions are declared per plugin, not per subcommand, so the manifest asks to write to the
/// package directory for the sake of `prune`, and SwiftPM asks for that permission before running
/// the plugin at all, whatever the subcommand. Where it cannot ask (CI, no terminal), pass the flag:
///
/// ```
/// swift package --allow-writing-to-package-directory rotor stats logs/app.log
/// swift package --allow-writing-to-package-directory rotor prune logs/app.log --keep 10
/// ```
///
/// `cat`, `tail`, `stats` and `verify` never write; to use them without granting anything, run the
/// executable directly (`swift run rotor stats logs/app.log`).
///
/// The tool's standard output and error are the plugin's; a non-zero exit status of the tool
/// makes the plugin fail (`swift package` then exits with status 1).
@main
struct RotorPlugin: CommandPlugin {
    func performCommand(context: PluginContext, arguments: [String]) async throws {
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

import Foundation
import PackagePlugin

/// `swift package rotor-prune PATH [options…]`: runs `rotor prune` on the package.
///
/// This plugin is the one that declares the `writeToPackageDirectory` permission, since `prune`
/// deletes and compresses archives: SwiftPM asks for it on a terminal, and elsewhere (CI) it
/// runs only with the flag. The read-only subcommands run through `swift package rotor`, which
/// asks for nothing.
///
/// ```
/// swift package --allow-writing-to-package-directory rotor-prune logs/app.log --keep 10 --compress
/// ```
///
/// As in `RotorPlugin` (whose runner this copies, as plugins cannot share code), a relative PATH
/// names a file of the package, and a non-zero exit status of the tool makes the plugin fail.
@main
struct RotorPrunePlugin: CommandPlugin {
    func performCommand(context: PluginContext, arguments: [String]) async throws {
        let tool = try context.tool(named: "rotor")
        let process = Process()
        process.executableURL = tool.url
        process.arguments = ["prune"] + arguments
        process.currentDirectoryURL = context.package.directoryURL
        try process.run()
        process.waitUntilExit()
        guard process.terminationReason == .exit, process.terminationStatus == 0 else {
            throw RotorPrunePluginError.toolFailed(
                arguments: ["prune"] + arguments, status: process.terminationStatus,
                signalled: process.terminationReason == .uncaughtSignal)
        }
    }
}

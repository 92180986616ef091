import ArgumentParser

@main
struct RotorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rotor", abstract: "Read, follow, check and prune rotated Rotor logs.")
}

import Foundation
import Testing

/// Every ```swift block of README.md and of the DocC catalogs (`Sources/*/Docs.docc/*.md`) is
/// either compiled or marked as a fragment.
///
/// - Compiled: its lines appear, unchanged and in order (indentation aside), in a Swift file that
///   `swift build` compiles: a snippet in `Snippets/`, an example in `Examples/`, or a test here in
///   `Tests/ExamplesTests/` (which also supplies what a partial block assumes, such as a sink).
/// - Fragment: its first line is a `// fragment: …` comment saying what it is a part of (for
///   example a few lines of a `Package.swift`). Nothing checks a fragment, so use it only for code
///   that cannot be compiled here.
@Suite struct DocumentationCodeBlocksTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    struct Block: CustomStringConvertible {
        var file: String
        var line: Int
        var lines: [String]
        var description: String { "\(file):\(line)" }
    }

    /// README.md and every Markdown file of every `Sources/*/Docs.docc`.
    static func documentationFiles() throws -> [String] {
        let manager = FileManager.default
        var files = ["README.md"]
        for module in try manager.contentsOfDirectory(atPath: root.appendingPathComponent("Sources").path).sorted() {
            let catalog = "Sources/\(module)/Docs.docc"
            guard let names = try? manager.contentsOfDirectory(atPath: root.appendingPathComponent(catalog).path) else {
                continue
            }
            files += names.filter { $0.hasSuffix(".md") }.sorted().map { "\(catalog)/\($0)" }
        }
        return files
    }

    /// The ```swift blocks of a Markdown file.
    static func swiftBlocks(in file: String) throws -> [Block] {
        let text = try String(contentsOf: root.appendingPathComponent(file), encoding: .utf8)
        var blocks: [Block] = []
        var current: Block?
        for (index, line) in text.components(separatedBy: "\n").enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if var block = current {
                if trimmed == "```" {
                    blocks.append(block)
                    current = nil
                } else {
                    block.lines.append(line)
                    current = block
                }
            } else if trimmed == "```swift" {
                current = Block(file: file, line: index + 1, lines: [])
            }
        }
        return blocks
    }

    /// The Swift files that `swift build` and `swift test` compile for documentation.
    static func compiledSources() throws -> [(path: String, lines: [String])] {
        var sources: [(path: String, lines: [String])] = []
        for folder in ["Snippets", "Examples", "Tests/ExamplesTests"] {
            let url = root.appendingPathComponent(folder)
            guard let walker = FileManager.default.enumerator(atPath: url.path) else { continue }
            for case let relative as String in walker where relative.hasSuffix(".swift") {
                let text = try String(contentsOf: url.appendingPathComponent(relative), encoding: .utf8)
                sources.append(("\(folder)/\(relative)", text.components(separatedBy: "\n")))
            }
        }
        return sources
    }

    /// Whether `block` appears in `lines` as consecutive lines, all indented by the same prefix.
    static func contains(_ lines: [String], _ block: [String]) -> Bool {
        func trimmedEnd(_ line: String) -> Substring {
            line[..<(line.lastIndex(where: { $0 != " " && $0 != "\t" }).map(line.index(after:)) ?? line.startIndex)]
        }
        let wanted = block.map(trimmedEnd)
        guard let first = wanted.first(where: { !$0.isEmpty }), let firstIndex = wanted.firstIndex(of: first),
              wanted.count <= lines.count else { return false }
        for start in 0...(lines.count - wanted.count) {
            let candidate = trimmedEnd(lines[start + firstIndex])
            guard candidate.hasSuffix(first) else { continue }
            let indent = candidate.dropLast(first.count)
            guard indent.allSatisfy({ $0 == " " }) else { continue }
            let matches = wanted.indices.allSatisfy { offset in
                let line = trimmedEnd(lines[start + offset])
                return wanted[offset].isEmpty ? line.isEmpty : line == indent + wanted[offset]
            }
            if matches { return true }
        }
        return false
    }

    @Test func everySwiftBlockIsCompiledOrMarkedAsAFragment() throws {
        let sources = try Self.compiledSources()
        var compiled: [String] = []
        var fragments: [String] = []
        var unchecked: [String] = []
        for file in try Self.documentationFiles() {
            for block in try Self.swiftBlocks(in: file) {
                if block.lines.first?.trimmingCharacters(in: .whitespaces).hasPrefix("// fragment:") == true {
                    fragments.append(block.description)
                } else if let source = sources.first(where: { Self.contains($0.lines, block.lines) }) {
                    compiled.append("\(block) in \(source.path)")
                } else {
                    unchecked.append(block.description)
                }
            }
        }
        #expect(
            unchecked.isEmpty,
            """
            These Swift blocks are neither copied unchanged into Snippets/, Examples/ or Tests/ExamplesTests/ \
            nor marked with a first line `// fragment: …`: \(unchecked.joined(separator: ", "))
            """)
        #expect(compiled.count >= 10, "only \(compiled.count) compiled blocks found: is the search broken?")
        print("documentation Swift blocks: \(compiled.count) compiled, \(fragments.count) fragments (\(fragments.joined(separator: ", ")))")
    }

    @Test func theCheckFindsABlockOnlyWhenItsLinesAreUnchanged() {
        let source = ["func f() {", "    let a = 1", "", "    print(a)", "}"]
        #expect(Self.contains(source, ["let a = 1", "", "print(a)"]))
        #expect(Self.contains(source, ["func f() {"]))
        #expect(!Self.contains(source, ["let a = 2", "", "print(a)"]))
        #expect(!Self.contains(source, ["let a = 1", "print(a)"]))
        #expect(!Self.contains(source, ["print(a)", "    }"]))
    }
}

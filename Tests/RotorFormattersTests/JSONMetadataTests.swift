import Foundation
import Logging
import RotorCore
import RotorTestKit
import Testing

@testable import RotorFormatters

@Suite struct JSONMetadataTests {
    private func metadataJSON(
        _ metadata: Logger.Metadata, placement: JSONFormatter.MetadataPlacement = .nested
    ) -> String {
        let line = formattedText(
            makeRecord(message: "m", metadata: metadata), with: JSONFormatter(fields: [], metadataPlacement: placement))
        let prefix = #"{"timestamp":"2026-11-21T14:30:22.123456Z","level":"info","label":"app","message":"m""#
        #expect(line.hasPrefix(prefix))
        #expect(line.hasSuffix("}\n"))
        return String(line.dropFirst(prefix.count).dropLast(2))
    }

    @Test func writesNestedDictionariesArraysAndStringConvertibles() {
        let metadata: Logger.Metadata = [
            "s": "text",
            "n": .stringConvertible(42),
            "d": .stringConvertible(1.5),
            "b": .stringConvertible(true),
            "dict": ["z": "1", "a": ["deep": ["x", .stringConvertible(2)]]],
            "list": ["a", ["k": "v"], [], [:]],
        ]
        #expect(
            metadataJSON(metadata) == #","metadata":{"b":"true","d":"1.5","dict":{"a":{"deep":["x","2"]},"z":"1"},"#
                + #""list":["a",{"k":"v"},[],{}],"n":"42","s":"text"}"#)
    }

    @Test func sortsKeysByteWise() {
        let keys = ["b", "a", "B", "_", "aa", "a.b", "a-b", "é", "e", "z", "😀", "ä", "漢", "0", " ", "~"]
        var metadata: Logger.Metadata = [:]
        for key in keys { metadata[key] = .string(key) }
        let expected = keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            .map { #""\#($0)":"\#($0)""# }.joined(separator: ",")
        #expect(metadataJSON(metadata) == #","metadata":{"# + expected + "}")
    }

    @Test func sortsEverySizeAroundTheInPlaceLimit() {
        var generator = SplitMix64(seed: 16)
        let alphabet = Array("aAbZ_.-0é😀")
        for count in 0...40 {
            var metadata: Logger.Metadata = [:]
            while metadata.count < count {
                let length = Int.random(in: 1...4, using: &generator)
                let key = String((0..<length).map { _ in alphabet.randomElement(using: &generator)! })
                metadata[key] = .string(key)
            }
            let expected = metadata.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
                .map { #""\#($0)":"\#($0)""# }.joined(separator: ",")
            #expect(metadataJSON(metadata) == (count == 0 ? "" : #","metadata":{"# + expected + "}"), "\(count) keys")
        }
    }

    @Test func writesTenThousandKeysSorted() throws {
        var generator = SplitMix64(seed: 10_000)
        var metadata: Logger.Metadata = [:]
        for index in (0..<10_000).shuffled(using: &generator) {
            let key = "key" + String(repeating: "0", count: 5 - String(index).count) + String(index)
            metadata[key] = .stringConvertible(index)
        }
        let expected = (0..<10_000).map { index in
            #""key\#(String(repeating: "0", count: 5 - String(index).count))\#(index)":"\#(index)""#
        }.joined(separator: ",")
        #expect(metadataJSON(metadata) == #","metadata":{"# + expected + "}")
        let object = try parseJSONLine(formatted(makeRecord(metadata: metadata), with: JSONFormatter()))
        #expect((object["metadata"] as? [String: Any])?.count == 10_000)
    }

    @Test func capsNestingAtSixtyFourLevels() {
        #expect(JSONFormatter.maximumMetadataDepth == 64)
        // The metadata object is level 1; 63 nested dictionaries fit, the 64th is replaced.
        let fits = deeplyNestedValue(depth: 63)
        let fitsText = metadataJSON(["k": fits])
        #expect(fitsText.contains(#""bottom""#))
        #expect(!fitsText.contains("…"))
        let tooDeep = deeplyNestedValue(depth: 64)
        let cappedText = metadataJSON(["k": tooDeep])
        #expect(!cappedText.contains("bottom"))
        #expect(
            cappedText == #","metadata":"# + String(repeating: #"{"k":"#, count: 64) + #""…""#
                + String(repeating: "}", count: 64))
        let arrays = metadataJSON(["k": deeplyNestedValue(depth: 64, alternateArrays: true)])
        #expect(arrays.contains(#""…""#))
        #expect(!arrays.contains("bottom"))
    }

    @Test func survivesTenThousandLevelsOnASmallStack() throws {
        var deep = deeplyNestedValue(depth: 10_000)
        defer { dismantle(&deep) }
        let bytes = formattedOnSmallStack(
            makeRecord(metadata: ["root": deep, "after": "still here"]), with: JSONFormatter())
        expectOneLine(bytes)
        let object = try parseJSONLine(bytes)
        let metadata = try #require(object["metadata"] as? [String: Any])
        #expect(metadata["after"] as? String == "still here")
        var level: Any? = metadata["root"]
        var depth = 1
        while let dictionary = level as? [String: Any] {
            level = dictionary["k"]
            depth += 1
        }
        #expect(depth == 64)
        #expect(level as? String == "…")
    }

    @Test func flattensMetadataIntoTheTopLevel() throws {
        let metadata: Logger.Metadata = ["b": "2", "a": ["x": "1"]]
        #expect(metadataJSON(metadata, placement: .flattened) == #","a":{"x":"1"},"b":"2""#)
        let object = try parseJSONLine(
            formatted(makeRecord(metadata: metadata), with: JSONFormatter(metadataPlacement: .flattened)))
        #expect(object["b"] as? String == "2")
        #expect(object["metadata"] == nil)
    }

    @Test func keepsClashingKeysNestedWhenFlattening() throws {
        let metadata: Logger.Metadata = [
            "level": "fake", "message": "spoof", "metadata": "m", "error": "e", "line": "l", "ok": "1",
        ]
        let text = metadataJSON(metadata, placement: .flattened)
        // `fields: []` leaves "line" free for metadata; the fixed names and "error" and "metadata" stay reserved.
        #expect(
            text == #","line":"l","ok":"1","metadata":{"error":"e","level":"fake","message":"spoof","metadata":"m"}"#)
        let object = try parseJSONLine(
            formatted(makeRecord(metadata: metadata), with: JSONFormatter(metadataPlacement: .flattened)))
        #expect(object["level"] as? String == "info")
        #expect(object["line"] as? Int == 42)
        #expect((object["metadata"] as? [String: Any])?["line"] as? String == "l")
    }
}

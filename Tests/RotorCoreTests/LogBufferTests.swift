import RotorCore
import Testing

@Suite struct LogBufferTests {
    /// Every append path (single byte, short word copies, long memcpy) against an array doing the
    /// same appends, across several growths from a small initial capacity.
    @Test func appendsMatchAnArrayAcrossLengthsAndGrowth() {
        var buffer = LogBuffer(minimumCapacity: 1)
        var expected: [UInt8] = []
        var next: UInt8 = 0
        for length in 0...70 {
            let piece = (0..<length).map { _ in
                next &+= 37
                return next
            }
            piece.withUnsafeBufferPointer { buffer.append($0) }
            expected += piece
            buffer.append(UInt8(length))
            expected.append(UInt8(length))
            #expect(buffer.count == expected.count)
        }
        #expect(buffer.bytes == expected)
        #expect(buffer.capacity >= expected.count)
    }

    @Test func appendsStringsLiteralsArraysAndSequences() {
        var buffer = LogBuffer()
        buffer.append("static ")
        buffer.append(String(repeating: "é", count: 3))
        let scalarLiteral: StaticString = "\u{2603}"  // a literal with no pointer representation
        buffer.append(scalarLiteral)
        buffer.append([UInt8(ascii: "!")])
        buffer.append(contentsOf: " seq".utf8)
        buffer.append(contentsOf: [UInt8(ascii: "?")].lazy.map { $0 })
        #expect(buffer.text == "static ééé☃! seq?")
        #expect(buffer.last == UInt8(ascii: "?"))
    }

    @Test func appendInPlaceKeepsExactlyTheBytesWritten() {
        var buffer = LogBuffer(minimumCapacity: 16)
        buffer.append("ab")
        buffer.appendInPlace(maximumCount: 100) { out in
            for index in 0..<5 { out[index] = UInt8(ascii: "0") + UInt8(index) }
            return 5
        }
        buffer.appendInPlace(maximumCount: 3) { _ in 0 }
        #expect(buffer.text == "ab01234")
        #expect(buffer.capacity >= 102)
    }

    @Test func truncatesEditsAndClears() {
        var buffer = LogBuffer()
        buffer.append("hello, world")
        buffer.truncate(to: 5)
        buffer[0] = UInt8(ascii: "j")
        #expect(buffer.text == "jello")
        #expect(buffer[4] == UInt8(ascii: "o"))
        buffer.withUnsafeBytes { #expect(Array($0) == Array("jello".utf8)) }

        for _ in 0..<1000 { buffer.append("0123456789") }
        let grown = buffer.capacity
        buffer.removeAll()
        #expect(buffer.isEmpty && buffer.capacity == grown)
        buffer.append("x")
        buffer.removeAll(keepingCapacity: false)
        #expect(buffer.isEmpty && buffer.capacity < grown)
        #expect(buffer.last == nil)
    }
}

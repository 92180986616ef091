/// Writes integers in decimal without creating a `String`.
enum DecimalWriter {
    /// Appends `value` in decimal.
    static func append(_ value: UInt64, into buffer: inout [UInt8]) {
        if value < 10 {
            buffer.append(0x30 &+ UInt8(truncatingIfNeeded: value))
            return
        }
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var rest = value
            var index = 20
            repeat {
                index -= 1
                digits[index] = 0x30 &+ UInt8(truncatingIfNeeded: rest % 10)
                rest /= 10
            } while rest != 0
            buffer.append(contentsOf: UnsafeBufferPointer(rebasing: digits[index..<20]))
        }
    }

    /// Appends `value` in decimal with a leading `-` when negative.
    static func append(_ value: Int64, into buffer: inout [UInt8]) {
        if value < 0 { buffer.append(UInt8(ascii: "-")) }
        append(value.magnitude, into: &buffer)
    }
}

public import RotorCore

extension RotorError.Code where Domain == CompressionErrorDomain {
    /// A compressed file is not complete and intact: ``GzipReader`` found a bad header, corrupt
    /// data, a checksum or size mismatch, a truncated member or trailing bytes.
    public static var corruptData: Self { Self("corruptData") }
}

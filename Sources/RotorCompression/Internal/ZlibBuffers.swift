/// The fixed input and output chunks of a zlib stream, allocated once per stream.
///
/// Compression and verification stream through these two chunks only, which is what keeps memory
/// bounded whatever the file size.
struct ZlibBuffers: ~Copyable {
    /// The size of each chunk: 64 KiB, the unit of every `read(2)` and `write(2)`.
    static let chunkSize = 64 * 1024

    let input: UnsafeMutableRawBufferPointer
    let output: UnsafeMutableRawBufferPointer

    init() {
        input = .allocate(byteCount: Self.chunkSize, alignment: 16)
        output = .allocate(byteCount: Self.chunkSize, alignment: 16)
    }

    deinit {
        input.deallocate()
        output.deallocate()
    }

    /// The input chunk as zlib's byte pointer.
    var inputBytes: UnsafeMutablePointer<UInt8> { input.baseAddress!.assumingMemoryBound(to: UInt8.self) }
    /// The output chunk as zlib's byte pointer.
    var outputBytes: UnsafeMutablePointer<UInt8> { output.baseAddress!.assumingMemoryBound(to: UInt8.self) }
}

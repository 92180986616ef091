import CZlib
import RotorSystem

/// Owns one zlib inflate stream that accepts only the gzip format, and checks whole files with it.
///
/// Like ``GzipDeflater``, the `z_stream` is allocated once on the heap and never moves.
final class GzipInflater {
    private let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
    private let buffers = ZlibBuffers()
    /// `Z_OK` when the stream is usable.
    private let initResult: Int32

    /// Initializes the stream, or answers `nil` if zlib cannot (out of memory).
    static func make() -> GzipInflater? {
        let inflater = GzipInflater()
        return inflater.initResult == Z_OK ? inflater : nil
    }

    private init() {
        stream.initialize(to: z_stream())
        var rc = czlib_inflate_init_gzip(stream)  // window bits 15 + 32: gzip or zlib headers
        if rc == Z_OK {
            // 15 + 16: gzip only, so a zlib-wrapped stream or garbage after a member is an error.
            rc = inflateReset2(stream, 15 + 16)
            if rc != Z_OK { inflateEnd(stream) }
        }
        initResult = rc
    }

    deinit {
        if initResult == Z_OK { inflateEnd(stream) }
        stream.deinitialize(count: 1)
        stream.deallocate()
    }

    /// Decompresses the open file `fd` from its current offset to its end, handing each chunk of
    /// output to `consume`.
    ///
    /// A gzip file is a series of members (RFC 1952 §2.2): each must be complete, with a valid
    /// CRC-32 and ISIZE trailer, and the file must end exactly where the last member ends. Anything
    /// after it (garbage, zero padding, a truncated member) makes the file not intact.
    ///
    /// - Returns: `true` if the file holds at least one member, every member is intact, nothing
    ///   follows the last one and `consume` accepted every chunk; `false` on the first problem,
    ///   including a read error.
    func decompressAll(from fd: Int32, consume: (UnsafeRawBufferPointer) -> Bool) -> Bool {
        var members = 0
        var inMember = false
        while true {
            if stream.pointee.avail_in == 0 {
                switch POSIX.readSome(fd, into: buffers.input) {
                case .failure: return false
                case .success(0): return members > 0 && !inMember
                case .success(let n):
                    stream.pointee.next_in = buffers.inputBytes
                    stream.pointee.avail_in = UInt32(n)
                }
            }
            inMember = true
            stream.pointee.next_out = buffers.outputBytes
            stream.pointee.avail_out = UInt32(ZlibBuffers.chunkSize)
            let rc = inflate(stream, Z_NO_FLUSH)
            let produced = ZlibBuffers.chunkSize - Int(stream.pointee.avail_out)
            if produced > 0 && !consume(UnsafeRawBufferPointer(rebasing: buffers.output[..<produced])) {
                return false
            }
            switch rc {
            case Z_STREAM_END:
                members += 1
                inMember = false
                // Keeps the gzip-only window bits; the unread input stays in next_in/avail_in.
                guard inflateReset(stream) == Z_OK else { return false }
            case Z_OK:
                continue
            case Z_BUF_ERROR where stream.pointee.avail_in == 0:
                continue  // needs more input, which the next turn reads
            default:
                return false  // Z_DATA_ERROR (bad header, data or check), Z_NEED_DICT, Z_MEM_ERROR…
            }
        }
    }
}

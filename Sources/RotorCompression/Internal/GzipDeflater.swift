import CZlib
import RotorCore
import RotorSystem

/// Owns one zlib deflate stream that writes the gzip format, and streams a file through it.
///
/// zlib keeps the stream's address inside its state, so the `z_stream` is allocated once on the
/// heap and never moves (STYLE §4.4). One deflater compresses one file.
final class GzipDeflater {
    private let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
    private let buffers = ZlibBuffers()

    /// The result of `deflateInit2`: `Z_OK`, or why the stream is unusable.
    private let initResult: Int32

    /// Initializes the stream: gzip header and trailer (window bits 15 + 16), memory level 8.
    /// - Throws: `.zlibFailed` if `deflateInit2` fails (out of memory, library version mismatch).
    static func make(level: Int32) throws -> GzipDeflater {
        let deflater = GzipDeflater(level: level)
        guard deflater.initResult == Z_OK else {
            let detail = zlibDescription(deflater.initResult, deflater.stream)
            throw CompressionError(.zlibFailed, "deflateInit2 (level \(level)) failed: \(detail)")
        }
        return deflater
    }

    private init(level: Int32) {
        stream.initialize(to: z_stream())  // zalloc, zfree and opaque nil: zlib's malloc and free
        initResult = czlib_deflate_init_gzip(stream, level)
    }

    deinit {
        if initResult == Z_OK { deflateEnd(stream) }  // zlib's state first, then ours
        stream.deinitialize(count: 1)
        stream.deallocate()
    }

    /// Reads `source` to its end in 64 KiB chunks, deflates them and writes the result to
    /// `destination` with a write-all loop.
    ///
    /// - Returns: The bytes read and the bytes written.
    /// - Throws: `.readFailed`, `.writeFailed` (with the ``SystemCallError``) or `.zlibFailed`; `paths` name
    ///   the files in the error.
    func compress(
        from source: Int32,
        to destination: Int32,
        paths: (source: String, destination: String)
    ) throws -> (input: Int64, output: Int64) {
        var inputBytes: Int64 = 0
        var outputBytes: Int64 = 0
        var finished = false
        while !finished {
            let count: Int
            switch POSIX.readSome(source, into: buffers.input) {
            case .success(let n): count = n
            case .failure(let error):
                throw CompressionError(.readFailed, "read(2) of the source failed", path: paths.source, cause: error)
            }
            inputBytes += Int64(count)
            finished = count == 0
            stream.pointee.next_in = buffers.inputBytes
            stream.pointee.avail_in = UInt32(count)
            let flush = finished ? Z_FINISH : Z_NO_FLUSH
            // Deflate until zlib has consumed the chunk and holds no pending output (zpipe.c's loop).
            var rc: Int32
            repeat {
                stream.pointee.next_out = buffers.outputBytes
                stream.pointee.avail_out = UInt32(ZlibBuffers.chunkSize)
                rc = deflate(stream, flush)
                // Z_BUF_ERROR only says "no progress possible": the previous call filled the output
                // chunk exactly. With Z_FINISH and a fresh chunk it cannot happen, so it would loop.
                guard rc == Z_OK || rc == Z_STREAM_END || (rc == Z_BUF_ERROR && !finished) else {
                    throw CompressionError(
                        .zlibFailed, "deflate failed: \(zlibDescription(rc, stream))", path: paths.source)
                }
                let produced = ZlibBuffers.chunkSize - Int(stream.pointee.avail_out)
                if produced > 0 {
                    let bytes = UnsafeRawBufferPointer(rebasing: buffers.output[..<produced])
                    if let error = POSIX.writeAll(destination, bytes).error {
                        throw CompressionError(
                            .writeFailed, "write(2) of the compressed file failed", path: paths.destination,
                            cause: error)
                    }
                    outputBytes += Int64(produced)
                }
            } while finished ? rc != Z_STREAM_END : stream.pointee.avail_out == 0
            if !finished && stream.pointee.avail_in != 0 {
                throw CompressionError(.zlibFailed, "deflate left \(stream.pointee.avail_in) input bytes unconsumed")
            }
        }
        return (inputBytes, outputBytes)
    }
}

/// zlib's name for a return code, with the stream's message if it set one.
func zlibDescription(_ rc: Int32, _ stream: UnsafeMutablePointer<z_stream>) -> String {
    let name: String =
        switch rc {
        case Z_OK: "Z_OK"
        case Z_STREAM_END: "Z_STREAM_END"
        case Z_NEED_DICT: "Z_NEED_DICT"
        case Z_ERRNO: "Z_ERRNO"
        case Z_STREAM_ERROR: "Z_STREAM_ERROR"
        case Z_DATA_ERROR: "Z_DATA_ERROR"
        case Z_MEM_ERROR: "Z_MEM_ERROR"
        case Z_BUF_ERROR: "Z_BUF_ERROR"
        case Z_VERSION_ERROR: "Z_VERSION_ERROR"
        default: "zlib code"
        }
    if let message = stream.pointee.msg {
        return "\(name) (\(rc)): \(String(cString: message))"
    }
    return "\(name) (\(rc))"
}

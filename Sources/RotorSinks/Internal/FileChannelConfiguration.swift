import RotorCompression
import RotorCore
import RotorRetention
import RotorRotation
import RotorSystem

/// The settings of a file that every sink naming the same path must agree on.
///
/// Two sinks that resolve to one canonical path share one ``FileChannel``; if their configurations
/// differ, the second sink's initialiser throws ``SinkError`` `.conflictingConfiguration` (the
/// safer choice: silently keeping the first sink's settings would make the second sink's rotation,
/// retention or permissions a lie).
struct FileChannelConfiguration: Sendable, Equatable {
    /// The mode of a newly created file.
    var permissions: UInt32
    /// How the file rotates; `nil` for a plain file.
    var rotation: RotationSettings?
    /// Bytes buffered before a write; 0 writes each record through.
    var bufferCapacity = 0

    static func == (lhs: FileChannelConfiguration, rhs: FileChannelConfiguration) -> Bool {
        lhs.differences(from: rhs).isEmpty
    }

    /// A readable account of where `other` differs, for the error message.
    func differences(from other: FileChannelConfiguration) -> [String] {
        var result: [String] = []
        if permissions != other.permissions {
            result.append("permissions \(String(permissions, radix: 8)) vs \(String(other.permissions, radix: 8))")
        }
        if bufferCapacity != other.bufferCapacity {
            result.append("buffer capacity \(bufferCapacity) vs \(other.bufferCapacity)")
        }
        switch (rotation, other.rotation) {
        case (nil, nil): break
        case (.some, nil), (nil, .some):
            result.append("one sink rotates the file and the other does not")
        case (.some(let mine), .some(let theirs)):
            result.append(contentsOf: mine.differences(from: theirs))
        }
        return result
    }
}

/// The rotation part of a ``FileChannelConfiguration``.
struct RotationSettings: Sendable {
    var strategy: any RotationStrategy
    var naming: any ArchiveNaming
    var options: RotationConfiguration
    /// Compresses archives on the background queue; `nil` leaves them as they are.
    var compressor: (any ArchiveCompressor)?
    /// Deletes old archives on the background queue; `nil` keeps them all.
    var retention: (any RetentionPolicy)?

    func differences(from other: RotationSettings) -> [String] {
        var result: [String] = []
        if !strategy.isEqual(to: other.strategy) { result.append("strategy \(strategy) vs \(other.strategy)") }
        if !naming.isEqual(to: other.naming) { result.append("archive naming \(naming) vs \(other.naming)") }
        if options != other.options { result.append("rotation options \(options) vs \(other.options)") }
        switch (compressor, other.compressor) {
        case (nil, nil): break
        case (.some(let mine), .some(let theirs)) where mine.isEqual(to: theirs): break
        default:
            result.append(
                "compression \(compressor.map { "\($0)" } ?? "off") vs \(other.compressor.map { "\($0)" } ?? "off")")
        }
        switch (retention, other.retention) {
        case (nil, nil): break
        case (.some(let mine), .some(let theirs)) where mine.isEqual(to: theirs): break
        default:
            result.append(
                "retention \(retention.map { "\($0)" } ?? "off") vs \(other.retention.map { "\($0)" } ?? "off")")
        }
        return result
    }
}

extension RotationSettings {
    /// Checks that the resolved path can be rotated: it must be (or become) a regular file.
    /// - Throws: ``SinkError`` `.unsupportedFileType` for a character device such as `/dev/null`.
    func validate(for path: ResolvedFilePath) throws {
        if let compressor, compressor.fileSuffix != ArchiveFileState.compressed.fileNameSuffix {
            throw SinkError(
                .invalidConfiguration,
                "archive naming recognises \(ArchiveFileState.compressed.fileNameSuffix) archives only, the compressor writes \(compressor.fileSuffix)",
                field: "compression")
        }
        if case .success(let info) = POSIX.status(ofPath: path.canonical), !POSIX.isRegularFile(info) {
            throw SinkError(.unsupportedFileType, "only a regular file can be rotated", field: "path", path: path.given)
        }
    }
}

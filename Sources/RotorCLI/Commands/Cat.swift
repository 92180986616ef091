import ArgumentParser
import RotorCore
import RotorRotation

/// `rotor cat PATH`: the archives, oldest first, then the active file, as one stream.
struct Cat: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print a log and all its archives, oldest first, as one stream.",
        discussion: """
            Reads every archive of PATH (plain and .gz) in rotation order, then the active file, \
            streaming through fixed buffers: memory stays bounded whatever the total size.

            When a rotation left both app.<id>.log and app.<id>.log.gz (an interrupted \
            compression), only the plain file is read: it is the complete source, while the .gz is \
            only trusted once checked against it. If a plain archive disappears before it is opened \
            (compressed meanwhile), its .gz is read instead.

            Without --json, JSON records are printed as text: \
            `<timestamp> <LEVEL> [<label>] <message> key=value ...`; other lines as they are. \
            With a filter, lines that are not JSON records are left out. A damaged .gz is read up to \
            the damage, reported on standard error, and makes the exit status 1. A line longer than \
            the limit (16 MiB) is skipped with a warning and makes the exit status 1 too. Output \
            and warnings never share a line: everything printed before a warning is written out \
            first, each line with its newline (a last line cut short by a crash gets one too).
            """)

    @Argument(help: "The active log file (e.g. logs/app.log), or a directory holding one log.")
    var path: String

    @OptionGroup var output: OutputOptions
    @OptionGroup var filter: RecordFilter

    func run() throws {
        let location = try LogLocation.resolve(path)
        let directory = try LogDirectory.stableScan(location)
        guard directory.active != nil || !directory.generations.isEmpty else {
            throw CLIError.noInput("\(location.activePath): no such log (no active file and no archive)")
        }
        let printer = RecordPrinter(output: OutputBuffer(), options: output, filter: filter)
        var splitter = LineSplitter(maxLineBytes: output.maxLineBytes)
        var damaged = false
        for generation in directory.generations {
            let source = LogSource(generation, of: location)  // one at a time: no list of paths is held
            var path = ""
            let outcome = try source.read(willRead: { path = $0 }) { chunk in
                splitter.feed(chunk) { printer.print($0, of: path) }
            }
            switch outcome {
            case .complete:
                splitter.finish { printer.print($0, of: path) }
            case .missing:
                splitter.reset()
            case .damaged(let read, let reason):
                splitter.reset()  // the last, cut line is dropped
                printer.warn("\(read): \(reason)")
                damaged = true
            }
        }
        let newestPlain = directory.generations.last.flatMap {
            $0.plain == nil ? nil : location.archivePath($0.id, .plain)
        }
        try printActive(location.activePath, newestArchive: newestPlain, printer: printer, splitter: &splitter)
        printer.output.flush()
        if damaged || printer.skippedLines > 0 { throw ExitCode.failure }
    }

    /// Prints the active file, unless it is the newest archive just read: a rotation links the
    /// active file to its archive name before renaming the next file into place, so between the
    /// two (or after a writer died there) both names are one file, with two links. `newestArchive`
    /// is the path of the newest archive's plain file, if it has one.
    private func printActive(
        _ path: String, newestArchive: String?, printer: RecordPrinter, splitter: inout LineSplitter
    ) throws {
        let fd: Int32
        switch FileSystem.openForReading(path) {
        case .success(let opened): fd = opened
        case .failure(let error) where error == .noSuchFileOrDirectory: return
        case .failure(let error): throw CLIError.failure("\(path): cannot open: \(error)")
        }
        defer { FileSystem.close(fd) }
        if case .success(let info) = FileSystem.info(of: fd), info.linkCount > 1, let newestArchive,
            case .success(let archive) = FileSystem.info(newestArchive), archive.isSameFile(as: info)
        {
            return
        }
        try LogSource.readToEnd(fd, path: path) { chunk in
            splitter.feed(chunk) { printer.print($0, of: path) }
        }
        splitter.finish { printer.print($0, of: path) }
    }
}

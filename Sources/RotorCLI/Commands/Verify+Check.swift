import RotorRotation

/// Checking one log, then one file.
extension Verify {
    /// Checks every file of the log at `location`, printing its problems and notes.
    ///
    /// - Throws: ``CLIError`` `.noInput` when the log has neither an active file nor an archive,
    ///   `.failure` when a file cannot be read.
    func verify(_ location: LogLocation, output: OutputBuffer) throws -> VerifyTally {
        let directory = try LogDirectory.stableScan(location)
        guard directory.active != nil || !directory.generations.isEmpty else {
            throw CLIError.noInput("\(location.activePath): no such log (no active file and no archive)")
        }
        var tally = VerifyTally()
        for generation in directory.generations {  // paths made one at a time: no list of them is held
            for file in generation.readOrder {
                let path = location.archivePath(generation.id, file.state)
                tally.add(
                    try check(LogSource.File(path: path, isCompressed: file.state == .compressed), output: output))
            }
        }
        if directory.active != nil {
            tally.add(try check(LogSource.File(path: location.activePath, isCompressed: false), output: output))
        }
        for oddity in directory.oddities where oddity.kind == .compressionTemporary {
            output.writeLine("note: skipped \(location.path(of: oddity.name)) (compression in progress or interrupted)")
        }
        return tally
    }

    /// Checks one file; prints its problems.
    ///
    /// The problems found in the lines of a `.gz` are held back (at most `maxProblems` of them)
    /// until the file has decompressed to its end: if it turns out damaged, only the damage is
    /// reported, since zlib may hand out garbage before it notices corrupt data.
    private func check(_ file: LogSource.File, output: OutputBuffer) throws -> VerifyTally {
        var tally = VerifyTally(files: 1)
        var heldBack: [String] = []
        func report(_ text: String) {
            tally.problems += 1
            guard tally.problems <= maxProblems else { return }
            if file.isCompressed { heldBack.append(text) } else { output.writeLine(text) }
        }
        var splitter = LineSplitter(maxLineBytes: maxLineBytes)
        let checkLine = { (line: Line) in
            tally.lines += 1
            let location = "\(file.path):\(line.number)"
            if line.isOversize {
                report("\(location): line longer than \(maxLineBytes) bytes, not checked")
                return
            }
            do {
                try StrictJSONParser.validateObject(line.bytes)
                if !line.isTerminated { report("\(location): truncated line (no final newline)") }
            } catch {
                report("\(location): \(line.isTerminated ? "" : "truncated line: ")\(error)")
            }
        }
        switch try LogSource(files: [file]).read({ chunk in splitter.feed(chunk, checkLine) }) {
        case .complete:
            splitter.finish(checkLine)
            for text in heldBack { output.writeLine(text) }
        case .missing:
            output.writeLine("note: \(file.path) disappeared before it could be read")
        case .damaged(let path, let reason):
            output.writeLine("\(path): not an intact gzip file: \(reason)")
            tally.problems = 1
            tally.badFiles = 1
            return tally
        }
        if tally.problems > maxProblems {
            output.writeLine("\(file.path): \(tally.problems - maxProblems) more problems not shown")
        }
        if tally.problems > 0 { tally.badFiles = 1 }
        return tally
    }
}

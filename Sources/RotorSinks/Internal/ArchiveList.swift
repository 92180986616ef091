import RotorRotation

/// The operations on a channel's archive list (``ArchiveEntry``s sorted by ``ArchiveEntry/inOrder``)
/// that the archive pipeline runs, each linear or better in the number of archives, so that a
/// directory with 100 000 archives costs no more per rotation than its size.
extension Array where Element == ArchiveEntry {
    /// Adds an archive a rotation made. It is normally the newest (its ID comes after every other),
    /// so it goes at the end without sorting; otherwise it is inserted in its place.
    mutating func insertInOrder(_ entry: ArchiveEntry) {
        guard let last, !ArchiveEntry.inOrder(entry, last) else {
            append(entry)
            return
        }
        insert(entry, at: firstIndex(notOrderedBefore: entry))
    }

    /// The first plain archive whose ID comes after `id` (all of them when `id` is `nil`).
    func firstPlain(after id: ArchiveID?) -> ArchiveEntry? {
        var index = startIndex
        if let id {
            index = partitionPoint { !($0.name.id <= id) }
        }
        return self[index...].first { $0.name.state == .plain }
    }

    /// Replaces the entry named `old` by `new` (the same generation compressed), in place: the
    /// order is unchanged, since both have the same ID.
    mutating func replace(_ old: ParsedArchiveName, with new: ArchiveEntry) {
        let start = partitionPoint { !($0.name.id < old.id) }
        if let index = self[start...].prefix(while: { $0.name.id == old.id }).firstIndex(where: { $0.name == old }) {
            self[index] = new
        } else {
            insertInOrder(new)
        }
    }

    /// Removes every entry whose file name is in `names`, in one pass.
    mutating func remove(fileNames names: Set<String>) {
        guard !names.isEmpty else { return }
        removeAll { names.contains($0.name.fileName) }
    }

    /// The index of the first entry not ordered before `entry` (binary search).
    private func firstIndex(notOrderedBefore entry: ArchiveEntry) -> Int {
        partitionPoint { !ArchiveEntry.inOrder($0, entry) }
    }

    /// The first index where `isAfter` holds, for a predicate false then true along the array.
    private func partitionPoint(_ isAfter: (ArchiveEntry) -> Bool) -> Int {
        var low = startIndex
        var high = endIndex
        while low < high {
            let middle = low + (high - low) / 2
            if isAfter(self[middle]) { high = middle } else { low = middle + 1 }
        }
        return low
    }
}

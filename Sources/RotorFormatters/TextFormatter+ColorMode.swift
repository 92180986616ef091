extension TextFormatter {
    /// Whether ``TextFormatter`` colours the `{level}` and `{LEVEL}` tokens with ANSI escape
    /// sequences.
    ///
    /// Colours: trace grey, debug cyan, info green, notice blue, warning yellow, error red,
    /// critical bold red; each coloured level is followed by a reset (`ESC[0m`).
    public enum ColorMode: Sendable, Hashable {
        /// No escape sequences; the default.
        case never
        /// Always colour the level.
        case always
        /// Colour only when the destination is a terminal. The formatter cannot know that, so it
        /// behaves as ``never`` until the sink calls ``TextFormatter/resolvingColor(isTerminal:)``.
        case automatic
    }
}

/// One metadata value of a ``MetadataView``.
package enum MetadataElement<Container: MetadataView> {
    /// A string, or a string-convertible's description.
    case text(Container.Text)
    /// A dictionary.
    case dictionary(Container)
    /// An array.
    case array(Container)
    /// A container that was nested too deep to be captured (``CapturedLogRecord/maximumDepth``):
    /// written as `…`, as the formatters write such a container in a `LogRecord`.
    case truncated
}

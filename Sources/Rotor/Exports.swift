@_exported public import RotorCompression
// The umbrella module: `import Rotor` gives every public Rotor module.
@_exported public import RotorCore
@_exported public import RotorFormatters
@_exported public import RotorLogging
@_exported public import RotorMetrics
@_exported public import RotorRetention
@_exported public import RotorRotation
@_exported public import RotorSinks

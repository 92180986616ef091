// The settings types' former names. Rotor's settings types are all called "Configuration", as in
// swift-nio and swift-service-lifecycle (`AsyncSinkConfiguration`, `SyslogSinkConfiguration`).

/// The former name of ``FileSinkConfiguration``.
@available(*, deprecated, renamed: "FileSinkConfiguration")
public typealias FileSinkOptions = FileSinkConfiguration

/// The former name of ``RotationConfiguration``.
@available(*, deprecated, renamed: "RotationConfiguration")
public typealias RotationOptions = RotationConfiguration

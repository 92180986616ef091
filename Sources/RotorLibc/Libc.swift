// The C library, imported in one place: Rotor's modules write `import RotorLibc` (or `package
// import` where a package-level declaration uses a C type) instead of repeating the platform
// choice below in every file that calls the system, as swift-tools-support-core's TSCLibc does.
// The re-export reaches only Rotor's own modules: none of them re-exports RotorLibc, so an app
// that imports Rotor does not see the C library through it.

#if canImport(Glibc)
@_exported import Glibc
#elseif canImport(Musl)
@_exported import Musl
#elseif canImport(Darwin)
@_exported import Darwin
#endif

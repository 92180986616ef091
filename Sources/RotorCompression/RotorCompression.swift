// RotorCompression: the compressor protocol and gzip through the CZlib system library.
// Filled by the compression issue.
import CZlib

// RotorRotation: rotation strategies (when to rotate) and archive naming (what an archive is
// called). Pure value types, no I/O: the rotating file sink in RotorSinks asks them under its lock.
// Filled by the rotation issue.

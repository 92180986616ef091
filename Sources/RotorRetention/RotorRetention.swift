// RotorRetention: retention policies (which archives to delete). Pure value types, no I/O.
// Filled by the retention issue.

// RotorLogging

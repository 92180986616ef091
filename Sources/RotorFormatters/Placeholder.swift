// RotorFormatters

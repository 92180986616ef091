// RotorSinks

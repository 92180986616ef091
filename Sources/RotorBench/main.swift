import CRotorBenchSupport
print("allocations so far: \(rotor_bench_allocation_count()), counting: \(rotor_bench_allocation_counting_active())")
let before = rotor_bench_allocation_count()
var array: [Int] = []
for i in 0..<100 { array = Array(repeating: i, count: 10) }
print("allocations for 100 arrays: \(rotor_bench_allocation_count() - before), \(array.count)")

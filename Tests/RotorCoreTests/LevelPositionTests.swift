import Logging
import RotorCore
import Testing

@Suite struct LevelPositionTests {
    @Test func positionIsTheIndexInAllCases() {
        for (index, level) in Logger.Level.allCases.enumerated() {
            #expect(level.position == index, "\(level)")
        }
    }
}

import Foundation
import Logging
import Testing

/// The lnav format shipped in `Tools/lnav/rotor_json.json` names the fields and levels that
/// `JSONFormatter` writes (checked without lnav; ``LnavFormatTests`` runs lnav itself).
@Suite struct LnavFormatFileTests {
    @Test func theFormatFileIsValidJSONWithTheFieldsRotorWrites() throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: LnavFormatTests.formatFile))
        let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let format = try #require(root["rotor_json"] as? [String: Any])
        #expect(format["json"] as? Bool == true)
        #expect(format["timestamp-field"] as? String == "timestamp")
        #expect(format["level-field"] as? String == "level")
        #expect(format["body-field"] as? String == "message")
        let levels = try #require(format["level"] as? [String: String])
        #expect(Set(levels.keys) == Set(ToolRecordsFixture.levels.map(\.rawValue)))
    }
}

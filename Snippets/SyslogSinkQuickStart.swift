// RotorSyslog's documentation page: a SyslogSink behind swift-log, over TCP to a central collector.
// Compiled, not run (it needs a collector at logs.internal).
import Logging
import RotorLogging
import RotorSyslog

var configuration = SyslogSinkConfiguration()
configuration.appName = "billing"
configuration.facility = try SyslogFacility(name: "local0")
let syslog = try SyslogSink(url: "tcp://logs.internal:514", configuration: configuration)
LoggingSystem.bootstrap { label in RotorLogHandler(label: label, sink: syslog) }

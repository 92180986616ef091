// RotorMetrics: swift-metrics reporting of sink statistics.

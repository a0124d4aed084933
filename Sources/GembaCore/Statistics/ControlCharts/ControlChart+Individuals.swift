extension ControlChart {
  /// This XmR chart as the full individuals and moving-range pair (`spc --chart imr`): the same
  /// points and rules, with the moving-range chart, stages and baselines the XmR summary lacks.
  public func individualsChart(phases: ChartPhases = .none) throws(Diagnostic) -> VariablesChart {
    try ControlCharts.individuals(values, labels: labels as ChartLabels?, phases: phases,
                                  rules: rules == .westernElectric ? .westernElectric : .nelson)
  }
}

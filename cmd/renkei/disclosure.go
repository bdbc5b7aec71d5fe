package main

import (
	"renkei/analysis"
	"renkei/reports"
)

// disclose runs the one disclosure control over every set of respondents the run
// publishes: each table registers its sets, the auditor decides once, each table
// applies the decisions. It runs before anything reads the suppression (trends,
// seams, quality summaries).
func disclose(run *reports.Run, agg *analysis.Aggregator) {
	d := analysis.NewDisclosure(agg.Atoms(), run.Result.MinGroup)
	run.Result.RegisterSets(d)
	run.Comparison.RegisterSets(d)
	d.Auditor.Run()
	run.Result.ApplyDisclosure(d)
	run.Comparison.ApplyDisclosure(d)
}

package run

import (
	"renkei/analysis"
	"renkei/reports"
	"renkei/survey"
)

// disclose runs the one disclosure control over every set of respondents the run
// publishes: the scores, the before/after comparison, the reliability rows, the
// quality checks' counts, the response rates and the directed A→B views each register
// their sets, the auditor decides once, and each table takes the decisions. It runs
// before anything reads the suppression (trends, seams, renderers). rates are changed
// in place.
func disclose(run *reports.Run, agg *analysis.Aggregator, rel *analysis.RelationAggregator, rates []analysis.ResponseRate, roster *survey.Roster) {
	d := analysis.NewDisclosure(agg.Atoms(), run.Result.MinGroup)
	run.Result.RegisterSets(d)
	run.Comparison.RegisterSets(d)
	reliability := run.Result.RegisterReliability(run.Reliability, d)
	var quality []analysis.QualityKey
	if run.Quality != nil {
		for i, g := range run.Quality.Groups {
			if i == 0 || g.Partnership != run.Quality.Groups[i-1].Partnership {
				quality = append(quality, analysis.QualityKey{Partnership: g.Partnership, Wave: -1})
			}
			quality = append(quality, analysis.QualityKey{Partnership: g.Partnership, Wave: g.Wave.Index()})
		}
	}
	qualityIDs := analysis.RegisterQuality(quality, d)
	rateIDs := analysis.RegisterRates(rates, roster, d)
	directed := rel.RegisterDirected(run.Result, d)

	d.Auditor.Run()

	run.Result.ApplyDisclosure(d)
	run.Comparison.ApplyDisclosure(d)
	analysis.ApplyReliability(run.Reliability, reliability, d)
	run.QualityCounts = analysis.ApplyQuality(quality, qualityIDs, d)
	analysis.ApplyRates(rates, rateIDs, d)
	rel.ApplyDirected(directed, d)
	agg.ReleaseAtoms()
}

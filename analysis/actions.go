package analysis

import (
	"renkei/survey"
)

// Suggestion lists the practices suggested for one weak dimension of a partnership.
type Suggestion struct {
	Partnership string
	Wave        survey.Wave // the partnership's latest reported wave
	Dimension   string
	Band        Band // BandConcern or BandBorderline
	Mean        float64
	Actions     []string // in the run's language; empty when the table has none
}

// Suggest picks, for each partnership, its latest reported wave (the latest in which
// a dimension of the whole partnership is published) and, for every dimension in the
// concern or borderline band there, the practices of table in lang. Health is not a
// dimension and gets none. Suggestions are ordered by partnership and dimension
// (codebook order).
func Suggest(res *Result, table *survey.Actions, lang string) []Suggestion {
	latest := map[string]survey.Wave{}
	for g := range res.Scores() {
		if g.Breakdown != BreakdownAll || g.Suppressed || g.Dimension == survey.HealthDimension {
			continue
		}
		if w, ok := latest[g.Partnership]; !ok || w.Less(g.Wave) {
			latest[g.Partnership] = g.Wave
		}
	}
	var out []Suggestion
	for g := range res.Scores() {
		w, ok := latest[g.Partnership]
		if !ok || g.Wave != w || g.Breakdown != BreakdownAll || g.Suppressed || g.Dimension == survey.HealthDimension {
			continue
		}
		if g.Band != BandConcern && g.Band != BandBorderline {
			continue
		}
		out = append(out, Suggestion{
			Partnership: g.Partnership, Wave: w, Dimension: g.Dimension, Band: g.Band, Mean: g.Mean,
			Actions: table.For(g.Dimension, string(g.Band), lang),
		})
	}
	return out
}

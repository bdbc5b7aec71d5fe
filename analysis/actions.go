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

// suggest lists, for each partnership's latest reported wave (latest: the whole
// partnership's rows per variable, in partnerships' order), every dimension in the
// concern or borderline band with the practices of table in lang. Health is not a
// dimension and gets none.
func suggest(partnerships []string, latest map[string][]GroupScore, table *survey.Actions, lang string) []Suggestion {
	var out []Suggestion
	for _, p := range partnerships {
		for _, g := range latest[p] {
			if g.Suppressed || g.Dimension == "" || g.Dimension == survey.HealthDimension || (g.Band != BandConcern && g.Band != BandBorderline) {
				continue
			}
			out = append(out, Suggestion{
				Partnership: g.Partnership, Wave: g.Wave, Dimension: g.Dimension, Band: g.Band, Mean: g.Mean,
				Actions: table.For(g.Dimension, string(g.Band), lang),
			})
		}
	}
	return out
}

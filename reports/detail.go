package reports

import (
	"cmp"
	"math"
	"slices"

	"renkei/analysis"
)

// DefaultDetailLimit is how many partnerships get their own pages in the report and
// their own charts, unless configured: about a hundred pages, what a quarterly review
// meeting can read. A run over more partnerships (a network of 2,000 has been seen)
// would otherwise print thousands of pages and draw thousands of charts; the tables
// hold every partnership whatever the limit.
const DefaultDetailLimit = 40

// Detail is the set of partnerships a report details: their own section in the
// report, their own charts, and their rows in the heatmap and the overview.
type Detail struct {
	// IDs are the detailed partnerships; nil means every reported partnership.
	IDs map[string]bool
	// Reported is the number of partnerships with any published score; Limit the
	// limit that chose IDs (0: none).
	Reported, Limit int
}

// Has reports whether the partnership is detailed.
func (d Detail) Has(id string) bool { return d.IDs == nil || d.IDs[id] }

// Limited reports whether some reported partnerships are left out.
func (d Detail) Limited() bool { return d.IDs != nil && len(d.IDs) < d.Reported }

// ChooseDetail returns every reported partnership when there are at most limit (or
// limit is 0); otherwise the limit partnerships that need attention most: first those
// that summary.json flags (declining or below the band on a dimension or health, or a
// flagged gap), then those whose health in their latest reported wave is lowest, then
// by name. The choice depends on the run alone, so the same input details the same
// partnerships.
func ChooseDetail(run *Run, limit int) Detail {
	views := collectViews(run.Result)
	var reported []*partnershipView
	for _, v := range views {
		if v.published() {
			reported = append(reported, v)
		}
	}
	d := Detail{Reported: len(reported), Limit: limit}
	if limit <= 0 || len(reported) <= limit {
		return d
	}
	flagged := map[string]bool{}
	for _, t := range run.Trends {
		for _, f := range t.Flags {
			if f == analysis.FlagDeclining || f == analysis.FlagBelowBand {
				flagged[t.Partnership] = true
			}
		}
	}
	for _, g := range flaggedGaps(run.Relations) {
		flagged[g.Partnership] = true
	}
	health := func(v *partnershipView) float64 {
		for i := len(v.all) - 1; i >= 0; i-- {
			if len(v.all[i]) == 0 {
				continue
			}
			if h := v.all[i][len(v.all[i])-1]; !h.Suppressed && h.Dimension != "" {
				return h.Mean
			}
		}
		return math.Inf(1)
	}
	slices.SortStableFunc(reported, func(a, b *partnershipView) int {
		if fa, fb := flagged[a.id], flagged[b.id]; fa != fb {
			if fa {
				return -1
			}
			return 1
		}
		return cmp.Or(cmp.Compare(health(a), health(b)), cmp.Compare(a.id, b.id))
	})
	d.IDs = map[string]bool{}
	for _, v := range reported[:limit] {
		d.IDs[v.id] = true
	}
	return d
}

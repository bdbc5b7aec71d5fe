package analysis

import (
	"iter"
	"math"
	"sort"

	"renkei/survey"
)

// ItemAnswers is how one item was answered in one group: the answers per scale point
// after reverse-coding, lowest first, so that the top of the scale is favourable for
// every item, as in Stats.Distribution.
type ItemAnswers struct {
	Item int // index into Codebook.Items
	// Suppressed is set when fewer than MinGroup answered the item, or when the item's
	// dimension is suppressed in the group; Counts is then nil.
	Suppressed bool
	Counts     []int // one count per scale point, unused points included (as 0)
}

// ItemAnswers returns the answers to every item of the codebook (codebook order) in one
// group, and false when the run has no such group. The counts are the exact answer
// counts the aggregator keeps; nothing about a group below MinGroup is returned.
func (r *Result) ItemAnswers(partnership string, wave survey.Wave, breakdown Breakdown, group string) ([]ItemAnswers, bool) {
	g, ok := r.findGroup(partnership, wave, breakdown, group)
	if !ok {
		return nil, false
	}
	cb := r.Codebook
	out := make([]ItemAnswers, len(cb.Items))
	for i, it := range cb.Items {
		out[i] = ItemAnswers{Item: i, Suppressed: true}
		d := cb.Dimension(it.Dimension)
		if d < 0 || g.suppression[d] != NotSuppressed {
			continue
		}
		counts := distribution(cb, &g.acc.block, r.agg.layout.answers, []int{i})
		total := 0
		for _, c := range counts {
			total += c
		}
		if total >= r.MinGroup {
			out[i] = ItemAnswers{Item: i, Counts: counts}
		}
	}
	return out, true
}

// findGroup looks a group up in the score order of r.groups.
func (r *Result) findGroup(partnership string, wave survey.Wave, breakdown Breakdown, group string) (*resultGroup, bool) {
	bi := breakdownIndex(breakdown)
	i := sort.Search(len(r.groups), func(i int) bool {
		g := &r.groups[i]
		if g.partnership != partnership {
			return g.partnership > partnership
		}
		if g.wave != wave {
			return wave.Less(g.wave)
		}
		if gb := breakdownIndex(g.breakdown); gb != bi {
			return gb > bi
		}
		return g.group >= group
	})
	if i == len(r.groups) {
		return nil, false
	}
	g := &r.groups[i]
	if g.partnership != partnership || g.wave != wave || g.breakdown != breakdown || g.group != group {
		return nil, false
	}
	return g, true
}

func breakdownIndex(b Breakdown) int {
	for i, x := range breakdowns {
		if x == b {
			return i
		}
	}
	return len(breakdowns)
}

// LatestChange is a partnership's whole-partnership score on one dimension in its latest
// wave, and the change from its previous wave (the latest earlier wave in which it has
// responses, not necessarily the quarter before).
type LatestChange struct {
	Latest GroupScore
	// Previous is the previous wave; HasPrevious is false when the partnership has
	// responses in one wave only.
	Previous    survey.Wave
	HasPrevious bool
	// Change is the latest mean minus the previous mean. It is NaN when there is no
	// previous wave or either group is suppressed: a change next to a published mean
	// would give the suppressed mean away by subtraction.
	Change float64
}

// LatestChanges yields, per partnership (sorted) and dimension (codebook order, health
// last), the whole partnership's score in its latest wave and its change from the
// previous wave. A partnership's latest wave is yielded even when it is suppressed.
func (r *Result) LatestChanges() iter.Seq[LatestChange] {
	return func(yield func(LatestChange) bool) {
		dims := r.Dimensions()
		var latest, previous *resultGroup
		emit := func() bool {
			if latest == nil {
				return true
			}
			for d, dim := range dims {
				wc := LatestChange{Latest: r.score(latest, d, dim), Change: math.NaN()}
				if previous != nil {
					wc.Previous, wc.HasPrevious = previous.wave, true
					if !wc.Latest.Suppressed && previous.suppression[d] == NotSuppressed {
						prev := r.agg.stats(previous.acc, d, r.Bands, r.tq)
						wc.Change = wc.Latest.Mean - prev.Mean
					}
				}
				if !yield(wc) {
					return false
				}
			}
			return true
		}
		for i := range r.groups {
			g := &r.groups[i]
			if g.breakdown != BreakdownAll {
				continue
			}
			if latest != nil && latest.partnership != g.partnership {
				if !emit() {
					return
				}
				latest, previous = nil, nil
			}
			latest, previous = g, latest
		}
		emit()
	}
}

// score is the GroupScore of group g on dimension d (id dim), suppressed below MinGroup.
func (r *Result) score(g *resultGroup, d int, dim string) GroupScore {
	gs := GroupScore{
		Partnership: g.partnership,
		Wave:        g.wave,
		Breakdown:   g.breakdown,
		Group:       g.group,
		Dimension:   dim,
	}
	if g.suppression[d] != NotSuppressed {
		gs.Suppressed, gs.Suppression = true, g.suppression[d]
	} else {
		gs.Stats = r.agg.stats(g.acc, d, r.Bands, r.tq)
	}
	return gs
}

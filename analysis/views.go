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

// ItemAnswers returns the answers to every item of the codebook (codebook order) by a
// whole partnership in one wave, and false when the run has no such group. The counts
// are the exact answer counts the aggregator keeps; nothing about a group below
// MinGroup is returned.
//
// Per-item counts are kept for whole-partnership groups only (groupstore.go): org and
// role groups keep per-dimension counts, which is what their statistics need, and at
// ten million rows the item counts of every group would cost about four times as much
// memory as those of the whole groups.
func (r *Result) ItemAnswers(partnership string, wave survey.Wave) ([]ItemAnswers, bool) {
	i, ok := r.findGroup(partnership, wave, BreakdownAll, "")
	if !ok {
		return nil, false
	}
	g := &r.groups[i]
	cb := r.Codebook
	points := cb.Points()
	out := make([]ItemAnswers, len(cb.Items))
	for item, it := range cb.Items {
		out[item] = ItemAnswers{Item: item, Suppressed: true}
		d := cb.Dimension(it.Dimension)
		if d < 0 || *r.suppression(i, d) != NotSuppressed {
			continue
		}
		counts := make([]int, points)
		r.agg.store(g.ref).addItemCounts(g.ref.local(), item, counts)
		total := 0
		for _, c := range counts {
			total += c
		}
		if total >= r.MinGroup {
			out[item] = ItemAnswers{Item: item, Counts: counts}
		}
	}
	return out, true
}

// findGroup returns the index of a group in the score order of r.groups.
func (r *Result) findGroup(partnership string, wave survey.Wave, breakdown Breakdown, group string) (int, bool) {
	bi := breakdownIndex(breakdown)
	wi := int32(wave.Index())
	i := sort.Search(len(r.groups), func(i int) bool {
		g := &r.groups[i]
		if p := r.partnershipName(g); p != partnership {
			return p > partnership
		}
		if g.wave != wi {
			return g.wave > wi
		}
		if gb := int(g.breakdown); gb != bi {
			return gb > bi
		}
		return r.groupName(g) >= group
	})
	if i == len(r.groups) {
		return 0, false
	}
	g := &r.groups[i]
	if r.partnershipName(g) != partnership || g.wave != wi || int(g.breakdown) != bi || r.groupName(g) != group {
		return 0, false
	}
	return i, true
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
		var sc statsScratch
		latest, previous := -1, -1
		emit := func() bool {
			if latest < 0 {
				return true
			}
			for d, dim := range dims {
				wc := LatestChange{Latest: r.score(latest, d, dim, &sc), Change: math.NaN()}
				if previous >= 0 {
					wc.Previous, wc.HasPrevious = survey.WaveFromIndex(int(r.groups[previous].wave)), true
					if !wc.Latest.Suppressed && *r.suppression(previous, d) == NotSuppressed {
						prev := r.agg.stats(r.groups[previous].ref, d, r.Bands, r.tq, &sc)
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
			if breakdowns[g.breakdown] != BreakdownAll {
				continue
			}
			if latest >= 0 && r.groups[latest].partnership != g.partnership {
				if !emit() {
					return
				}
				latest, previous = -1, -1
			}
			latest, previous = i, latest
		}
		emit()
	}
}

// SuppressedOf yields the suppressed scores of groups first to last−1 (in the order of
// Scores), as ScoresOf does the scores, without computing the statistics of the
// others.
func (r *Result) SuppressedOf(first, last int) iter.Seq[GroupScore] {
	return func(yield func(GroupScore) bool) {
		dims := r.Dimensions()
		for i := first; i < last; i++ {
			for d, dim := range dims {
				if *r.suppression(i, d) != NotSuppressed && !yield(r.score(i, d, dim, nil)) {
					return
				}
			}
		}
	}
}

// score is the GroupScore of group i on dimension d (id dim), suppressed below MinGroup
// or by complementary suppression.
func (r *Result) score(i, d int, dim string, sc *statsScratch) GroupScore {
	g := &r.groups[i]
	gs := GroupScore{
		Partnership: r.partnershipName(g),
		Wave:        survey.WaveFromIndex(int(g.wave)),
		Breakdown:   breakdowns[g.breakdown],
		Group:       r.groupName(g),
		Dimension:   dim,
	}
	if s := *r.suppression(i, d); s != NotSuppressed {
		gs.Suppressed, gs.Suppression = true, s
	} else {
		gs.Stats = r.agg.stats(g.ref, d, r.Bands, r.tq, sc)
	}
	return gs
}

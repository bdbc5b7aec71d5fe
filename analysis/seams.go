package analysis

import (
	"maps"
	"sync"

	"renkei/internal/ordered"
	"renkei/survey"
)

// SeamOptions configure Seams.
type SeamOptions struct {
	Gaps    GapOptions
	Roster  *survey.Roster  // nil: no response rates
	Actions *survey.Actions // nil: weak dimensions without practices
	Lang    string          // en or ja: the practices' language
	// Rates are the response rates as the run's disclosure control left them
	// (RegisterRates, ApplyRates); computed here, with their own rules, when nil.
	Rates []ResponseRate
}

// Seams is what a run finds where partnerships fail: at their seams.
type Seams struct {
	// Gaps compare two views of a partnership in one wave (see Gap), run-wide
	// adjusted and flagged (see GapOptions). Ordered by partnership, wave, kind, pair
	// and dimension.
	Gaps *GapTable
	// Flagged are the gaps summary.json and the report speak of: each flagged row
	// that is the latest reported one of its series (partnership, kind, pair and
	// dimension), in the order of Gaps.
	Flagged []Gap
	// Map is the organisation graph with each partnership's health in its latest
	// published wave.
	Map *StakeholderMap
	// Rates are the response rates against the roster; nil without one.
	Rates []ResponseRate
	// Suggestions list, for each partnership's latest reported wave (the latest in
	// which a dimension of the whole partnership is published), each dimension in the
	// concern or borderline band with its practices.
	Suggestions []Suggestion
}

// seamSpan is how many partnerships Seams compares in one piece of work.
const seamSpan = 16

// Seams computes the views of the partnerships' seams from res and a, which must have
// been fed the same responses and must not change afterwards: the gap table computes
// its rows again from them when read (GapTable).
func (a *RelationAggregator) Seams(res *Result, opt SeamOptions) *Seams {
	a.settle(res)
	dims := res.Dimensions()
	health := len(dims) - 1
	groups := a.groups()
	index := make(map[pwKey]int, len(groups))
	hasDirected := map[string]bool{}
	for i, g := range groups {
		index[pwKey{g.partnership, g.wave.Index()}] = i
		for _, c := range g.cells {
			if c.cell.hist != nil {
				hasDirected[g.partnership] = true
			}
		}
	}
	view := func(k pwKey) (*relationGroup, bool) {
		if j, ok := index[k]; ok {
			return &groups[j], hasDirected[k.partnership]
		}
		return nil, hasDirected[k.partnership]
	}
	spans := res.partnershipSpans(seamSpan)
	// spanGaps appends the gaps of span i to out, and hands each partnership and
	// wave's views to visit (when not nil).
	spanGaps := func(i int, out []Gap, visit func(pwKey, *partnershipViews)) []Gap {
		eachPartnershipWave(res, spans[i][0], spans[i][1], func(k pwKey, pv *partnershipViews) {
			g, directed := view(k)
			out = a.gapsOf(out, k, pv, g, directed, dims, res.MinGroup)
			if visit != nil {
				visit(k, pv)
			}
		})
		return out
	}
	minGap := opt.Gaps.MinGapOn(res.Codebook)
	latestHealth := map[string]PartnershipHealth{}
	latestDims := map[string][]GroupScore{}
	// Partnerships are independent until the run-wide adjustment: spans of them are
	// compared on all processors, and what the adjustment needs of their gaps is taken
	// in order. The gaps themselves are let go: the table computes them again when
	// they are read (GapTable).
	type part struct {
		gapTests
		health map[string]PartnershipHealth
		dims   map[string][]GroupScore
	}
	var tests gapTests
	starts := make([]int, 0, len(spans)+1)
	buffers := sync.Pool{New: func() any { return []Gap(nil) }} // a span's gaps, reused
	_ = ordered.Do(len(spans), func(i int) part {
		p := part{health: map[string]PartnershipHealth{}, dims: map[string][]GroupScore{}}
		gaps := spanGaps(i, buffers.Get().([]Gap)[:0], func(k pwKey, pv *partnershipViews) {
			if h := pv.whole[health]; h.Dimension != "" && !h.Suppressed {
				p.health[k.partnership] = PartnershipHealth{Wave: h.Wave, Mean: h.Mean, Band: h.Band}
			}
			for _, d := range pv.whole[:health] {
				if d.Dimension != "" && !d.Suppressed {
					// Waves ascend: the last one stays. pv is reused: copy.
					p.dims[k.partnership] = append(p.dims[k.partnership][:0], pv.whole...)
					break
				}
			}
		})
		p.gapTests = testSpan(gaps, minGap)
		buffers.Put(gaps) //nolint:staticcheck // a slice header is small
		return p
	}, func(_ int, p part) error {
		starts = append(starts, len(tests.marks))
		tests.add(p.gapTests)
		maps.Copy(latestHealth, p.health) // a partnership lies in one span
		maps.Copy(latestDims, p.dims)
		return nil
	})
	pAdj, flags, latest := flagGaps(tests, opt.Gaps)
	s := &Seams{Gaps: newComputedGapTable(starts, tests, pAdj, flags, func(i int, out []Gap) []Gap { return spanGaps(i, out, nil) })}
	s.Flagged = s.Gaps.rows(latest)
	s.Map = NewStakeholderMap(latestHealth, res.Codebook, a.Members(), opt.Roster)
	s.Rates = opt.Rates
	if s.Rates == nil {
		s.Rates = a.ResponseRates(opt.Roster, res.MinGroup)
	}
	s.Suggestions = suggest(res.Partnerships, latestDims, opt.Actions, opt.Lang)
	return s
}

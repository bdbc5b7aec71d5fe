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
}

// Seams is what a run finds where partnerships fail: at their seams.
type Seams struct {
	// Gaps compare two views of a partnership in one wave (see Gap), run-wide
	// adjusted and flagged (see GapOptions). Ordered by partnership, wave, kind, pair
	// and dimension.
	Gaps *GapTable
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
// been fed the same responses. It reads res's scores once.
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
	s := &Seams{Gaps: &GapTable{}}
	latestHealth := map[string]PartnershipHealth{}
	latestDims := map[string][]GroupScore{}
	// Partnerships are independent until the run-wide adjustment: spans of them are
	// compared on all processors, and their gaps taken in order.
	type part struct {
		gaps   []Gap
		health map[string]PartnershipHealth
		dims   map[string][]GroupScore
	}
	spans := res.partnershipSpans(seamSpan)
	buffers := sync.Pool{New: func() any { return []Gap(nil) }} // a span's gaps, reused
	_ = ordered.Do(len(spans), func(i int) part {
		p := part{gaps: buffers.Get().([]Gap)[:0], health: map[string]PartnershipHealth{}, dims: map[string][]GroupScore{}}
		eachPartnershipWave(res, spans[i][0], spans[i][1], func(k pwKey, pv *partnershipViews) {
			var g *relationGroup
			if j, ok := index[k]; ok {
				g = &groups[j]
			}
			p.gaps = a.gapsOf(p.gaps, k, pv, g, hasDirected[k.partnership], dims, res.MinGroup)
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
		return p
	}, func(_ int, p part) error {
		for _, g := range p.gaps {
			s.Gaps.add(g)
		}
		buffers.Put(p.gaps)               //nolint:staticcheck // a slice header is small
		maps.Copy(latestHealth, p.health) // a partnership lies in one span
		maps.Copy(latestDims, p.dims)
		return nil
	})
	flagGaps(s.Gaps, opt.Gaps, res.Codebook)
	s.Map = NewStakeholderMap(latestHealth, res.Codebook, a.Members(), opt.Roster)
	s.Rates = a.ResponseRates(opt.Roster, res.MinGroup)
	s.Suggestions = suggest(res.Partnerships, latestDims, opt.Actions, opt.Lang)
	return s
}

package analysis

import (
	"slices"
	"sort"
	"sync"

	"renkei/survey"
)

// RelationAggregator accumulates what the views of a partnership's seams need besides
// the group scores: for every partnership, wave, respondent's org and partner (the
// organisation rated), exact histograms of the respondents' dimension and health
// numerators (the directed views A→B); for responses without a partner, only their
// number per variable (the totals that suppression subtracts from); and, when counting
// responses is asked for, the responses per partnership, wave, org and role (response
// rates against a roster).
//
// Memory grows with the number of such cells, never with responses: at most one cell
// per partnership × wave × org × partner, one count per partnership × wave × org ×
// role. Like Aggregator, it keeps no reference to a response, and aggregators fed
// with disjoint parts of the data merge exactly.
type RelationAggregator struct {
	mu         sync.Mutex // guards what RelationIngests (relation_ingest.go) add to
	cb         *survey.Codebook
	scorer     *Scorer
	names      strtab // partnerships, orgs, partners and roles share one table
	cells      map[relationKey]*relationCell
	responses  map[relationKey]int // key.partner holds the role; nil unless counting
	dims       []int               // scratch
	histograms []int               // per variable: the largest numerator
	patterns   *patternTables      // for RelationIngests; made by the first
	deferred   bool                // RelationIngests left responses to settle
	// directed holds the run's disclosure control's decisions on the directed cells
	// (RegisterDirected, ApplyDirected); nil when it did not run.
	directed map[directedKey]Suppression
}

// directedKey names a directed cell on one variable: ids in names, the variable's
// index (dimensions, then health).
type directedKey struct {
	relationKey
	v int
}

// relationKey identifies a cell: ids in names; the empty string has an id too.
type relationKey struct {
	partnership, wave, org, partner int32
}

// relationCell is one cell's partial result: per variable (each dimension, then health)
// the respondents scored, and, for a directed cell (org and partner both given and
// different), a histogram of their numerators.
type relationCell struct {
	n    []int32
	hist []histogram // nil for undirected cells
}

// NewRelationAggregator returns an empty aggregator for responses to cb. With
// countResponses it also counts responses per partnership, wave, org and role, for
// response rates.
func NewRelationAggregator(cb *survey.Codebook, countResponses bool) *RelationAggregator {
	sc := NewScorer(cb)
	a := &RelationAggregator{cb: cb, scorer: sc, cells: map[relationKey]*relationCell{}, dims: make([]int, len(cb.Dimensions))}
	for range cb.Dimensions {
		a.histograms = append(a.histograms, sc.DimensionMax())
	}
	a.histograms = append(a.histograms, sc.DimensionMax()*len(cb.Dimensions))
	if countResponses {
		a.responses = map[relationKey]int{}
	}
	return a
}

// directed reports whether a response from org about partner is a directed view.
func directed(org, partner string) bool { return org != "" && partner != "" && org != partner }

// Add accumulates one response. It keeps no reference to r.
func (a *RelationAggregator) Add(r *survey.Response) {
	wave := int32(r.Wave.Index())
	key := relationKey{partnership: a.names.id(r.Partnership), wave: wave, org: a.names.id(r.Org), partner: a.names.id(r.Partner)}
	if a.responses != nil {
		a.responses[relationKey{partnership: key.partnership, wave: wave, org: key.org, partner: a.names.id(r.Role)}]++
	}
	cell := a.cell(key, directed(r.Org, r.Partner))
	health := a.scorer.Score(r.Answers, a.dims)
	for v, s := range a.dims {
		cell.count(v, s)
	}
	cell.count(len(a.dims), health)
}

// cell returns the cell of key, created empty when new.
func (a *RelationAggregator) cell(key relationKey, directed bool) *relationCell {
	c := a.cells[key]
	if c == nil {
		c = &relationCell{n: make([]int32, len(a.histograms))}
		if directed {
			for _, max := range a.histograms {
				c.hist = append(c.hist, newHistogram(max))
			}
		}
		a.cells[key] = c
	}
	return c
}

// count adds numerator s (−1: missing) of variable v.
func (c *relationCell) count(v, s int) {
	if s < 0 {
		return
	}
	c.n[v]++
	if c.hist != nil {
		c.hist[v].add(s)
	}
}

// settle adds to the undirected cells the responses RelationIngests left to the
// Result (see RelationIngest): per partnership, wave and org, the respondents scored
// on each variable that no cell counted — the org group's in res less those of every
// cell of that org, and for responses without an org the whole partnership's less
// its orgs' and the org-less cells' — go to the cell of that org without a partner.
// res must have been computed from the same responses. A cell is made for an org
// group that no cell counted, so that an org whose responses score on nothing is
// still a member; a response that names neither org nor partner and scores on
// nothing leaves no cell (it would count nothing, and the empty org is no member).
func (a *RelationAggregator) settle(res *Result) {
	if !a.deferred {
		return
	}
	a.deferred = false
	type owner struct{ partnership, wave, org int32 }
	vars := len(a.histograms)
	counted := map[owner][]int32{}
	for k, c := range a.cells {
		o := owner{k.partnership, k.wave, k.org}
		sum := counted[o]
		if sum == nil {
			sum = make([]int32, vars)
			counted[o] = sum
		}
		for v := range sum {
			sum[v] += c.n[v]
		}
	}
	none := a.names.id("")
	add := func(o owner, n []int32, always bool) {
		if !always && !slices.ContainsFunc(n, func(x int32) bool { return x != 0 }) {
			return
		}
		c := a.cell(relationKey{o.partnership, o.wave, o.org, none}, false)
		for v, x := range n {
			c.n[v] += x
		}
	}
	// The groups come by partnership and wave, the whole partnership first.
	rest, own := make([]int32, vars), make([]int32, vars)
	var restOf owner
	started := false
	for i := range res.groups {
		g := &res.groups[i]
		switch breakdowns[g.breakdown] {
		case BreakdownAll:
			if started {
				add(restOf, rest, false)
			}
			started = true
			restOf = owner{a.names.id(res.partnershipName(g)), g.wave, none}
			sum := counted[restOf]
			for v := range rest {
				rest[v] = int32(res.count(i, v))
				if sum != nil {
					rest[v] -= sum[v]
				}
			}
		case BreakdownOrg:
			o := owner{restOf.partnership, g.wave, a.names.id(res.groupName(g))}
			sum := counted[o]
			for v := range own {
				own[v] = int32(res.count(i, v))
				rest[v] -= own[v]
				if sum != nil {
					own[v] -= sum[v]
				}
			}
			add(o, own, sum == nil)
		}
	}
	if started {
		add(restOf, rest, false)
	}
}

// Merge adds the partial results of o, an aggregator of the same codebook fed with
// other responses.
func (a *RelationAggregator) Merge(o *RelationAggregator) {
	a.deferred = a.deferred || o.deferred // settled from the Result of all the responses
	rekey := func(k relationKey) relationKey {
		n := o.names.names
		return relationKey{a.names.id(n[k.partnership]), k.wave, a.names.id(n[k.org]), a.names.id(n[k.partner])}
	}
	for k, oc := range o.cells {
		c := a.cell(rekey(k), oc.hist != nil)
		for v := range c.n {
			c.n[v] += oc.n[v]
			if c.hist != nil {
				c.hist[v].merge(&oc.hist[v])
			}
		}
	}
	if a.responses != nil {
		for k, n := range o.responses {
			a.responses[rekey(k)] += n
		}
	}
}

// relationGroup is one partnership and wave's cells, decoded.
type relationGroup struct {
	partnership string
	wave        survey.Wave
	cells       []relationEntry // by org, then partner
}

type relationEntry struct {
	org, partner string
	cell         *relationCell
}

// groups returns the cells by partnership and wave, sorted.
func (a *RelationAggregator) groups() []relationGroup {
	type pw struct{ p, w int32 }
	byPW := map[pw][]relationEntry{}
	for k, c := range a.cells {
		n := a.names.names
		byPW[pw{k.partnership, k.wave}] = append(byPW[pw{k.partnership, k.wave}], relationEntry{org: n[k.org], partner: n[k.partner], cell: c})
	}
	out := make([]relationGroup, 0, len(byPW))
	for k, cells := range byPW {
		sort.Slice(cells, func(i, j int) bool {
			if cells[i].org != cells[j].org {
				return cells[i].org < cells[j].org
			}
			return cells[i].partner < cells[j].partner
		})
		out = append(out, relationGroup{partnership: a.names.names[k.p], wave: survey.WaveFromIndex(int(k.w)), cells: cells})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].partnership != out[j].partnership {
			return out[i].partnership < out[j].partnership
		}
		return out[i].wave.Less(out[j].wave)
	})
	return out
}

// Members returns, per partnership, the organisations its responses name as the
// respondent's org or as the partner rated, sorted: complete once the responses
// RelationIngests left to the Result are settled (Seams does).
func (a *RelationAggregator) Members() map[string][]string {
	sets := map[string]map[string]bool{}
	for k := range a.cells {
		n := a.names.names
		p := n[k.partnership]
		if sets[p] == nil {
			sets[p] = map[string]bool{}
		}
		for _, org := range []string{n[k.org], n[k.partner]} {
			if org != "" {
				sets[p][org] = true
			}
		}
	}
	out := make(map[string][]string, len(sets))
	for p, set := range sets {
		orgs := make([]string, 0, len(set))
		for org := range set {
			orgs = append(orgs, org)
		}
		sort.Strings(orgs)
		out[p] = orgs
	}
	return out
}

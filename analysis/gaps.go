package analysis

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"

	"renkei/stats"
	"renkei/survey"
)

// GapKind names which two views of one partnership a Gap compares.
type GapKind string

// Kinds of gap.
const (
	// GapDirected: org A's rating of partner B against B's rating of A, when responses
	// name the partner rated.
	GapDirected GapKind = "directed"
	// GapOrgs: two member organisations' views of the whole partnership, when responses
	// do not name the partner rated.
	GapOrgs GapKind = "orgs"
	// GapLayers: the top layer's view against the frontline's.
	GapLayers GapKind = "layers"
)

// Gap flags, raised on evidence (see GapOptions).
const (
	FlagAsymmetric    Flag = "asymmetric"     // A→B and B→A differ
	FlagPerceptionGap Flag = "perception_gap" // two member orgs see the partnership differently
	FlagLayerGap      Flag = "layer_gap"      // the frontline scores well below the top
)

// GapSide is one of the two views a Gap compares, with the statistics of its
// respondents' scores; empty when Suppressed.
type GapSide struct {
	Group   string // the rating org (directed, orgs) or the role (layers)
	Partner string // directed: the org rated
	// Suppressed is set when the view has fewer than k scored respondents (or none), or
	// when publishing it would reveal a smaller group by subtraction.
	Suppressed  bool
	Suppression Suppression
	N           int
	Mean, SD    float64
}

// Gap compares two views of one partnership, wave and dimension (or health): Diff is
// A's mean minus B's, with the 95% CI, t, df and p of Welch's two-sample t test on the
// respondents' scores (R's t.test(a, b)); PAdj is P adjusted across the run's gaps of
// the same kind. The statistics are NaN when a side is suppressed.
type Gap struct {
	Partnership string
	Wave        survey.Wave
	Kind        GapKind
	Dimension   string // a dimension id, or survey.HealthDimension
	A, B        GapSide

	Diff, CILow, CIHigh float64
	T, DF, P, PAdj      float64
	Flag                Flag // FlagAsymmetric, FlagPerceptionGap, FlagLayerGap or empty
}

// Suppressed reports whether a side is suppressed, so that no gap is published.
func (g *Gap) Suppressed() bool { return g.A.Suppressed || g.B.Suppressed }

// GapOptions set the rule that flags a gap.
//
// A gap is flagged when its Welch p-value, adjusted across the run's gaps of the same
// kind by Adjust, is below Alpha (0.05) — so the 95% CI excludes zero, too — and it is
// at least MinGap points of a 1–5 scale (rescaled to the instrument's scale): for
// directed and org views in either direction, for layers only when the top scores
// above the frontline. A run compares many pairs in many waves (the sample: about a
// thousand directed and layer gaps), so without adjustment a few stable pairs would
// be flagged by chance every run; with Adjust none the rule is the plain "CI excludes
// zero and the gap is at least MinGap".
type GapOptions struct {
	MinGap float64          // smallest flagged gap in points of a 1–5 scale, ≥ 0
	Adjust stats.Adjustment // adjustment across the run's gaps of one kind
}

// MinGapOn returns MinGap on the scale of cb: the smallest flagged gap in its points.
func (o GapOptions) MinGapOn(cb *survey.Codebook) float64 {
	return o.MinGap * float64(cb.Max-cb.Min) / 4
}

// DefaultGapOptions flag a gap of at least half a scale point, BH-adjusted.
func DefaultGapOptions() GapOptions { return GapOptions{MinGap: 0.5, Adjust: stats.AdjustBH} }

// Validate checks the options.
func (o GapOptions) Validate() error {
	if !(o.MinGap >= 0 && o.MinGap <= 4) {
		return fmt.Errorf("the smallest flagged gap must lie between 0 and 4 points of a 1–5 scale, got %g", o.MinGap)
	}
	_, err := stats.ParseAdjustment(string(o.Adjust))
	return err
}

// Layer is a role's place in an organisation's hierarchy.
type Layer string

// Layers a role name is recognised as.
const (
	LayerTop       Layer = "top"
	LayerMiddle    Layer = "middle"
	LayerFrontline Layer = "frontline"
)

// LayerOf recognises a role name in English or Japanese, in any letter case: top
// (top, senior, executive, management, manager, director, 管理職, 幹部, 上層部,
// トップ), middle (middle, mid, supervisor, 中間, 中堅, 中間管理職), frontline
// (frontline, front-line, front line, staff, practitioner, worker, 現場, 担当, 担当者,
// 実務者, 職員). Other names have no layer.
func LayerOf(role string) Layer {
	switch strings.ToLower(strings.TrimSpace(role)) {
	case "top", "senior", "executive", "management", "manager", "director", "管理職", "幹部", "上層部", "トップ":
		return LayerTop
	case "middle", "mid", "supervisor", "中間", "中堅", "中間管理職":
		return LayerMiddle
	case "frontline", "front-line", "front line", "staff", "practitioner", "worker", "現場", "担当", "担当者", "実務者", "職員":
		return LayerFrontline
	}
	return ""
}

// partnershipViews holds the org and role rows of one partnership and wave, per
// variable, as Result.Scores yields them (suppression applied).
type partnershipViews struct {
	whole []GroupScore // per variable
	orgs  map[string][]GroupScore
	roles map[string][]GroupScore
}

type pwKey struct {
	partnership string
	wave        int
}

// eachPartnershipWave streams the org and role rows of res's groups first to last−1,
// one partnership and wave at a time (Result.Scores yields them in that order), so
// that only one block is held. The views passed to fn, and every slice in them, are
// reused for the next partnership and wave: fn copies what it keeps. The scores are
// light: N, Mean, SD and Band alone (statsScratch).
func eachPartnershipWave(res *Result, first, last int, fn func(pwKey, *partnershipViews)) {
	vars := len(res.Codebook.Dimensions) + 1
	dimIndex := map[string]int{}
	for v, d := range res.Dimensions() {
		dimIndex[d] = v
	}
	var cur pwKey
	pv := &partnershipViews{whole: make([]GroupScore, vars), orgs: map[string][]GroupScore{}, roles: map[string][]GroupScore{}}
	var free [][]GroupScore // the rows of groups of earlier partnerships and waves
	started := false
	reset := func() {
		clear(pv.whole)
		for _, m := range []map[string][]GroupScore{pv.orgs, pv.roles} {
			for _, rows := range m {
				free = append(free, rows)
			}
			clear(m)
		}
	}
	for g := range res.scoresOf(first, last, true) {
		k := pwKey{g.Partnership, g.Wave.Index()}
		if !started || k != cur {
			if started {
				fn(cur, pv)
				reset()
			}
			cur, started = k, true
		}
		var m map[string][]GroupScore
		switch g.Breakdown {
		case BreakdownOrg:
			m = pv.orgs
		case BreakdownRole:
			m = pv.roles
		default:
			pv.whole[dimIndex[g.Dimension]] = g
			continue
		}
		rows := m[g.Group]
		if rows == nil {
			if n := len(free); n > 0 {
				rows, free = free[n-1], free[:n-1]
				clear(rows)
			} else {
				rows = make([]GroupScore, vars)
			}
			m[g.Group] = rows
		}
		rows[dimIndex[g.Dimension]] = g
	}
	if started {
		fn(cur, pv)
	}
}

// gapsOf compares the views inside one partnership and wave: each directed pair A→B
// against B→A (when the partnership's responses name the partner rated, g holding
// its cells), or else each pair of member organisations, and the top layer against
// the frontline; per dimension and health. Rows, ordered by kind, pair and
// dimension, are appended to out.
func (a *RelationAggregator) gapsOf(out []Gap, k pwKey, pv *partnershipViews, g *relationGroup, directed bool, dims []string, minGroup int) []Gap {
	base := Gap{Partnership: k.partnership, Wave: survey.WaveFromIndex(k.wave)}
	switch {
	case directed && g != nil:
		out = a.directedGaps(out, base, *g, pv, dims, minGroup)
	case !directed:
		out = pairGaps(out, base, GapOrgs, pv.orgs, sortedKeys(pv.orgs), dims)
	}
	if top, front := layerRoles(pv.roles); top != "" && front != "" {
		out = pairGaps(out, base, GapLayers, pv.roles, []string{top, front}, dims)
	}
	return out
}

// layerRoles returns the roles of the top and the frontline layer, when exactly one
// role name of each is present.
func layerRoles(roles map[string][]GroupScore) (top, front string) {
	var tops, fronts []string
	for _, r := range sortedKeys(roles) {
		switch LayerOf(r) {
		case LayerTop:
			tops = append(tops, r)
		case LayerFrontline:
			fronts = append(fronts, r)
		}
	}
	if len(tops) == 1 && len(fronts) == 1 {
		return tops[0], fronts[0]
	}
	return "", ""
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// pairGaps compares every pair of the named groups (in the order given) on every
// variable, from their published rows; a pair with a suppressed group is left out
// (unlike a directed view, each group has its own row in the scores).
func pairGaps(out []Gap, base Gap, kind GapKind, rows map[string][]GroupScore, names []string, dims []string) []Gap {
	for i := range names {
		for j := i + 1; j < len(names); j++ {
			for v, dim := range dims {
				g := base
				g.Kind, g.Dimension = kind, dim
				g.A, g.B = sideOf(rows[names[i]][v], names[i]), sideOf(rows[names[j]][v], names[j])
				if g.Suppressed() {
					continue // each group's row, published or not, is in scores.csv
				}
				g.compare()
				out = append(out, g)
			}
		}
	}
	return out
}

func sideOf(g GroupScore, name string) GapSide {
	s := GapSide{Group: name, Suppressed: g.Suppressed, Suppression: g.Suppression}
	if g.Suppressed || g.Dimension == "" { // a group without a row on this variable
		s.Suppressed = true
		if s.Suppression == NotSuppressed {
			s.Suppression = FewerThanK
		}
		return s
	}
	s.N, s.Mean, s.SD = g.N, g.Mean, g.SD
	return s
}

// compare fills the Welch statistics of g from its sides, NaN when a side is hidden:
// the difference, t and df. The p-value and the interval, an incomplete beta each,
// are left to finish, with the values test computes.
func (g *Gap) compare() {
	nan := math.NaN()
	g.Diff, g.CILow, g.CIHigh, g.T, g.DF, g.P, g.PAdj = nan, nan, nan, nan, nan, nan, nan
	if g.Suppressed() {
		return
	}
	g.Diff = g.A.Mean - g.B.Mean
	se, df := stats.WelchSE(g.summary(g.B), g.summary(g.A))
	g.T, g.DF = g.Diff/se, df // NaN without a test
}

func (g *Gap) summary(s GapSide) stats.Summary { return stats.SummaryFromSD(s.N, s.Mean, s.SD) }

// test returns what finish needs beyond compare: the two-sided p-value of g's t and
// the 0.975 quantile of t at g's df (NaN without a test).
func (g *Gap) test() (p, q float64) {
	if math.IsNaN(g.T) {
		return math.NaN(), math.NaN()
	}
	return stats.TTwoSidedP(g.T, g.DF), stats.TQuantile(1-Alpha/2, g.DF)
}

// finish fills g's p-value and 95% interval from test's values: with compare and
// test, R's t.test(A, B) on the sides' values.
func (g *Gap) finish(p, q float64) {
	if math.IsNaN(g.T) {
		return
	}
	se, _ := stats.WelchSE(g.summary(g.A), g.summary(g.B))
	half := q * se
	g.P, g.CILow, g.CIHigh = p, g.Diff-half, g.Diff+half
}

// directedGaps compares A→B with B→A for every pair of organisations of one
// partnership and wave that rated each other in either direction.
func (a *RelationAggregator) directedGaps(out []Gap, base Gap, g relationGroup, pv *partnershipViews, dims []string, k int) []Gap {
	vars := len(dims)
	hidden := make([][]Suppression, vars)
	for v := range vars {
		hidden[v] = hideDirected(g.cells, v, k, func(org string) bool {
			rows := pv.orgs[org]
			return rows != nil && !rows[v].Suppressed && rows[v].Dimension != ""
		})
		// The run's disclosure control may hide more (across tables); a cell either
		// rule hides is hidden, and hiding one of k or more never opens a gap.
		if a.directed != nil {
			p, w := a.names.index[g.partnership], int32(g.wave.Index())
			for i, c := range g.cells {
				if c.cell.hist == nil || hidden[v][i] != NotSuppressed {
					continue
				}
				key := directedKey{relationKey{p, w, a.names.index[c.org], a.names.index[c.partner]}, v}
				if s := a.directed[key]; s != NotSuppressed {
					hidden[v][i] = s
				}
			}
		}
	}
	index := map[[2]string]int{}
	var pairs [][2]string
	for i, c := range g.cells {
		if c.cell.hist == nil {
			continue
		}
		index[[2]string{c.org, c.partner}] = i
		pairs = append(pairs, [2]string{min(c.org, c.partner), max(c.org, c.partner)})
	}
	pairs = uniquePairs(pairs)
	for _, pair := range pairs {
		for v, dim := range dims {
			gap := base
			gap.Kind, gap.Dimension = GapDirected, dim
			gap.A = a.directedSide(g, index, pair[0], pair[1], v, hidden[v])
			gap.B = a.directedSide(g, index, pair[1], pair[0], v, hidden[v])
			gap.compare()
			out = append(out, gap)
		}
	}
	return out
}

func uniquePairs(pairs [][2]string) [][2]string {
	sort.Slice(pairs, func(i, j int) bool {
		if pairs[i][0] != pairs[j][0] {
			return pairs[i][0] < pairs[j][0]
		}
		return pairs[i][1] < pairs[j][1]
	})
	out := pairs[:0]
	for i, p := range pairs {
		if i == 0 || p != pairs[i-1] {
			out = append(out, p)
		}
	}
	return out
}

// directedSide describes org's rating of partner on variable v.
func (a *RelationAggregator) directedSide(g relationGroup, index map[[2]string]int, org, partner string, v int, hidden []Suppression) GapSide {
	s := GapSide{Group: org, Partner: partner, Suppressed: true, Suppression: FewerThanK}
	i, ok := index[[2]string{org, partner}]
	if !ok || hidden[i] != NotSuppressed {
		if ok {
			s.Suppression = hidden[i]
		}
		return s
	}
	den := a.scorer.Denominator
	if v == len(a.cb.Dimensions) {
		den = a.scorer.HealthDenominator()
	}
	h := &g.cells[i].cell.hist[v]
	mean, variance := h.moments(den, a.cb.Min)
	s.Suppressed, s.Suppression = false, NotSuppressed
	s.N, s.Mean, s.SD = h.n, mean, math.Sqrt(variance)
	return s
}

// hideDirected decides which directed cells of one partnership and wave may be
// published on variable v, returning a suppression per cell (undirected cells are
// never published and get NotSuppressed).
//
// Primary: a cell with fewer than k scored respondents. Complementary: a directed cell
// is part of its org's responses, and a reader knows the totals of every org row that
// scores.csv publishes, and of the pool of the others (the whole partnership minus
// the published orgs). For each such parent — each published org, and the pool — the
// respondents not covered by its published directed cells (hidden directions and
// responses without a partner) must number 0 or at least k; while they number 1 to
// k−1, the parent's smallest published cell is hidden too. Any subtraction a reader
// can make from scores.csv and the directed views then leaves at least k respondents.
func hideDirected(cells []relationEntry, v, k int, orgPublished func(string) bool) []Suppression {
	out := make([]Suppression, len(cells))
	total := map[string]int{} // per published org; "" is the pool
	parent := make([]string, len(cells))
	for i, c := range cells {
		p := ""
		if c.org != "" && orgPublished(c.org) {
			p = c.org
		}
		parent[i] = p
		total[p] += int(c.cell.n[v])
		if c.cell.hist != nil && int(c.cell.n[v]) < k {
			out[i] = FewerThanK
		}
	}
	for _, p := range sortedKeys(total) {
		for {
			uncovered, smallest := total[p], -1
			for i, c := range cells {
				if parent[i] != p || c.cell.hist == nil || out[i] != NotSuppressed {
					continue
				}
				uncovered -= int(c.cell.n[v])
				if smallest < 0 || c.cell.n[v] < cells[smallest].cell.n[v] {
					smallest = i
				}
			}
			if uncovered == 0 || uncovered >= k || smallest < 0 {
				break
			}
			out[smallest] = Complementary
		}
	}
	return out
}

// gapMark is what the flags need of one gap row, beside its p-value.
type gapMark struct {
	partnership int32 // the row's partnership: its ordinal among the run's
	series      int32 // the row's kind, pair and dimension: an ordinal within its partnership
	kind        int8  // index in gapKinds
	sign        int8  // ±1 when the gap meets the rule's size and interval that way (should its adjusted p pass), else 0
	suppressed  bool
}

var gapKinds = [...]GapKind{GapDirected, GapOrgs, GapLayers}

// gapFlags are the flags of gapKinds, in order.
var gapFlags = [...]Flag{FlagAsymmetric, FlagPerceptionGap, FlagLayerGap}

// gapTests are the tests of gap rows, in table order: per row the p-value and t
// quantile of its test (Gap.test), kept for GapTable, and its mark, for the run-wide
// adjustment and the flags. The marks number the rows' partnerships from 0 to
// partnerships − 1.
type gapTests struct {
	p, q         []float64
	marks        []gapMark
	partnerships int32
}

// testSpan finishes the tests of gaps, a span's rows in table order (compare done),
// and returns them.
func testSpan(gaps []Gap, minGap float64) gapTests {
	type seriesKey struct {
		kind            GapKind
		a, b, dimension string
	}
	series := map[seriesKey]int32{} // of the partnership at hand
	var t gapTests
	for j := range gaps {
		g := &gaps[j]
		p, q := g.test()
		g.finish(p, q)
		t.p, t.q = append(t.p, p), append(t.q, q)
		if j == 0 || g.Partnership != gaps[j-1].Partnership {
			t.partnerships++
			clear(series)
		}
		k := seriesKey{g.Kind, g.A.Group, g.B.Group, g.Dimension}
		id, ok := series[k]
		if !ok {
			id = int32(len(series))
			series[k] = id
		}
		m := markGap(g, minGap)
		m.partnership, m.series = t.partnerships-1, id
		t.marks = append(t.marks, m)
	}
	return t
}

// add appends the rows of o, numbering its partnerships after t's.
func (t *gapTests) add(o gapTests) {
	t.p, t.q = append(t.p, o.p...), append(t.q, o.q...)
	for _, m := range o.marks {
		m.partnership += t.partnerships
		t.marks = append(t.marks, m)
	}
	t.partnerships += o.partnerships
}

// markGap returns g's mark: partnership and series left to the caller.
func markGap(g *Gap, minGap float64) gapMark {
	m := gapMark{kind: int8(slices.Index(gapKinds[:], g.Kind)), suppressed: g.Suppressed()}
	switch {
	case g.CILow > 0 && g.Diff >= minGap:
		m.sign = 1
	case g.CIHigh < 0 && -g.Diff >= minGap && g.Kind != GapLayers:
		m.sign = -1
	}
	return m
}

// flagGaps adjusts the p-values of each kind of gap across the run and raises flags:
// a row is flagged when it meets the rule (see GapOptions) and so does the same
// pair's gap on the same dimension, in the same direction, in the reported wave
// before or after it. It returns each row's adjusted p-value and flag (1 + its index
// in gapFlags, 0 for none), and the rows summary.json and the report speak of: each
// flagged row that is its series' latest reported one (a flag of an earlier wave is
// history), in order.
func flagGaps(t gapTests, opt GapOptions) (pAdj []float64, flags []int8, latest []int) {
	marks, n := t.marks, len(t.marks)
	pAdj, flags = make([]float64, n), make([]int8, n)
	meets := make([]int8, n) // the sign of a gap that meets the rule, else 0
	idx, p := make([]int, 0, n), make([]float64, 0, n)
	for kind := range gapKinds {
		idx, p = idx[:0], p[:0]
		for i := range marks {
			if int(marks[i].kind) == kind {
				idx = append(idx, i)
				p = append(p, t.p[i])
			}
		}
		for j, q := range stats.AdjustP(p, opt.Adjust) {
			i := idx[j]
			pAdj[i] = q
			if q < Alpha {
				meets[i] = marks[i].sign
			}
		}
	}
	// A partnership's rows lie together, ordered by wave, so each series comes in
	// wave order.
	var rows [][]int  // per series of the partnership at hand: its rows tested
	var last []int    // per series: its latest reported row
	var flagged []int // of the partnership at hand
	for start := 0; start < n; {
		end := start
		for end < n && marks[end].partnership == marks[start].partnership {
			end++
		}
		for j := range rows {
			rows[j] = rows[j][:0]
		}
		for j := range last {
			last[j] = -1
		}
		flagged = flagged[:0]
		for i := start; i < end; i++ {
			m := &marks[i]
			for int(m.series) >= len(rows) {
				rows, last = append(rows, nil), append(last, -1)
			}
			if m.suppressed {
				continue
			}
			last[m.series] = i
			if !math.IsNaN(t.p[i]) {
				rows[m.series] = append(rows[m.series], i)
			}
		}
		for _, rs := range rows {
			for j, i := range rs {
				if meets[i] == 0 {
					continue
				}
				before := j > 0 && meets[rs[j-1]] == meets[i]
				after := j+1 < len(rs) && meets[rs[j+1]] == meets[i]
				if before || after {
					flags[i] = 1 + marks[i].kind
					flagged = append(flagged, i)
				}
			}
		}
		slices.Sort(flagged)
		for _, i := range flagged {
			if last[marks[i].series] == i {
				latest = append(latest, i)
			}
		}
		start = end
	}
	return pAdj, flags, latest
}

package analysis

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"renkei/analysis/disclosure"
	"renkei/stats"
	"renkei/survey"
)

// Side is the side of a before/after comparison a response is on.
type Side uint8

// Sides of a comparison.
const (
	SideBefore Side = iota
	SideAfter
)

// AllScope is the scope of the comparison that pools every partnership; it is given
// only when more than one partnership takes part.
const AllScope = "all"

// Comparison groups of a difference in differences, as read from a response's group.
const (
	GroupTrained   = "trained"
	GroupUntrained = "untrained"
)

// group codes of observations.
const (
	groupNone uint8 = iota
	groupTrained
	groupUntrained
	groupOther
)

var groupNames = [...]string{"", GroupTrained, GroupUntrained, ""}

// parseGroup reads a comparison group label.
func parseGroup(s string) uint8 {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "":
		return groupNone
	case "trained", "treatment", "intervention", "受講", "研修あり":
		return groupTrained
	case "untrained", "control", "comparison", "未受講", "研修なし":
		return groupUntrained
	}
	return groupOther
}

// respondentKey identifies a respondent: ids are pseudonymous within a partnership.
type respondentKey struct {
	partnership int32
	id          string
}

// cohortObs is one response taking part in a comparison.
type cohortObs struct {
	partnership int32
	respondent  int32 // index into Cohort.respondentIDs; −1 without an id
	side        Side
	group       uint8
	// The rest of its disclosure atom (AtomTable.Key).
	wave      int32 // survey.Wave.Index
	org, role int32 // ids in Cohort.orgs, Cohort.roles
	phase     survey.Phase
	groupText int32 // id in Cohort.groupTexts
	partner   int32 // id in Cohort.partners
}

// Cohort collects respondent-level scores for before/after comparisons.
//
// Pairing by respondent needs each respondent's own scores, which the Aggregator does
// not keep. A Cohort therefore holds, per response, its dimension and health numerators
// and its reverse-coded item answers (about 2 bytes per item), but only for responses
// that take part in a comparison — rows with a phase, rows of the two waves chosen with
// --before/--after, or the two files of 'renkei compare'. Its memory grows with those
// rows, not with the whole input. Respondent ids are kept only to pair responses; they
// never leave the Cohort.
type Cohort struct {
	cb           *survey.Codebook
	scorer       *Scorer
	partnerships strtab
	orgs, roles  strtab
	groupTexts   strtab
	partners     strtab

	respondents   map[respondentKey]int32
	respondentIDs []respondentKey
	seen          map[[2]int32]bool // (respondent, side) already added

	obs     []cohortObs
	scores  []int32 // per observation: each dimension's numerator, then health; −1 missing
	answers []int8  // per observation: each item's reverse-coded answer; survey.Missing

	duplicates  int // repeated (respondent, side) rows ignored
	otherGroups int // rows with an unrecognised group
	dims        []int
}

// NewCohort returns an empty Cohort for responses to cb.
func NewCohort(cb *survey.Codebook) *Cohort {
	return &Cohort{
		cb:          cb,
		scorer:      NewScorer(cb),
		respondents: map[respondentKey]int32{},
		seen:        map[[2]int32]bool{},
		dims:        make([]int, len(cb.Dimensions)),
	}
}

// Len returns the number of responses collected.
func (c *Cohort) Len() int { return len(c.obs) }

// Add collects r on side s. A respondent's second response on the same side of the
// same partnership is ignored (the first counts) and counted in a warning. Add keeps
// no reference to r.
func (c *Cohort) Add(r *survey.Response, s Side) {
	o := cohortObs{partnership: c.partnerships.id(r.Partnership), respondent: -1, side: s, group: parseGroup(r.Group),
		wave: int32(r.Wave.Index()), org: c.orgs.id(r.Org), role: c.roles.id(r.Role), phase: r.Phase, groupText: c.groupTexts.id(r.Group),
		partner: c.partners.id(r.Partner)}
	if id := strings.TrimSpace(r.Respondent); id != "" {
		key := respondentKey{o.partnership, id}
		idx, ok := c.respondents[key]
		if !ok {
			key.id = strings.Clone(id)
			idx = int32(len(c.respondentIDs))
			c.respondents[key] = idx
			c.respondentIDs = append(c.respondentIDs, key)
		}
		if c.seen[[2]int32{idx, int32(s)}] {
			c.duplicates++
			return
		}
		c.seen[[2]int32{idx, int32(s)}] = true
		o.respondent = idx
	}
	c.obs = append(c.obs, o)
	health := c.scorer.Score(r.Answers, c.dims)
	for _, d := range c.dims {
		c.scores = append(c.scores, int32(d))
	}
	c.scores = append(c.scores, int32(health))
	for i, a := range r.Answers {
		if a != survey.Missing {
			a = int8(c.cb.Items[i].Score(int(a)))
		}
		c.answers = append(c.answers, a)
	}
}

// CompareOptions configure a comparison.
type CompareOptions struct {
	MinGroup int // k: nothing about fewer than k respondents (or pairs) is shown
}

// Comparison is the before/after comparison of a Cohort, render-neutral.
//
// Scopes come per partnership (in name order) and, when more than one partnership
// takes part, pooled as AllScope last; with comparison groups, each scope comes once per
// group (trained, then untrained). Each scope's rows are its dimensions (codebook order),
// health, then the items of each dimension. Holm and BH adjustments are made within a scope and group, in
// three families: the dimensions, the items, and health (alone, so adjusted p = p).
type Comparison struct {
	Dimensions []string // dimension ids, codebook order
	MinGroup   int
	Grouped    bool // trained and untrained groups are compared (difference in differences)
	Scopes     []ScopeComparison
	Warnings   []string // caveats about the whole comparison, for footnotes

	cohort *Cohort
	data   []*scopeData         // per scope: the observations behind its figures
	sets   [][]disclosure.SetID // per scope: its sets in the disclosure control (RegisterSets)
}

// ScopeComparison is the comparison of one scope (a partnership, or AllScope) and group.
type ScopeComparison struct {
	Scope  string
	Group  string // GroupTrained, GroupUntrained, or empty without comparison groups
	Design Design
	// Before and After count the respondents (responses) on each side. In a paired
	// design Pairs respondents answered on both sides; the others are unmatched.
	Before, After                   int
	Pairs                           int
	UnmatchedBefore, UnmatchedAfter int
	// Note says why the design is unpaired when ids could not pair the sides.
	Note string
	// Suppressed: a side has fewer than MinGroup respondents, or (Protects) showing the
	// scope would let a smaller group be recovered by subtraction; nothing but that
	// fact may be shown.
	Suppressed bool
	Protects   bool
	Rows       []ChangeRow
}

// ChangeRow is the change of one dimension, health, or item in a scope.
type ChangeRow struct {
	Dimension string // dimension id or survey.HealthDimension; an item's dimension for item rows
	Item      string // the item id of an item row; empty otherwise
	// Suppressed: fewer than MinGroup values (pairs) on a side, or publishing it would
	// let a hidden partnership be recovered from the pooled scope; Change is then empty.
	Suppressed bool
	Change
	// DiD is the trained group's change minus the untrained group's, on rows of the
	// trained group when both groups' rows are shown with the same design; else nil.
	DiD *DiD
}

// rowFamily groups rows for the multiple-testing adjustment.
func (r *ChangeRow) family() int {
	switch {
	case r.Item != "":
		return 2
	case r.Dimension == survey.HealthDimension:
		return 1
	}
	return 0
}

// variables returns, per row, how to read it: index into scores (dimensions, health)
// or −1−item for item rows.
func (c *Cohort) variables() (vars []int, rows []ChangeRow) {
	for d, dim := range c.cb.Dimensions {
		vars = append(vars, d)
		rows = append(rows, ChangeRow{Dimension: dim.ID})
	}
	vars = append(vars, len(c.cb.Dimensions))
	rows = append(rows, ChangeRow{Dimension: survey.HealthDimension})
	for _, dim := range c.cb.Dimensions {
		for _, i := range dim.Items {
			vars = append(vars, -1-i)
			rows = append(rows, ChangeRow{Dimension: dim.ID, Item: c.cb.Items[i].ID})
		}
	}
	return vars, rows
}

// value returns observation o's numerator on variable v (−1 when missing) and its
// denominator: the score is scaleMin + num/den.
func (c *Cohort) value(o, v int) (num, den int) {
	nd := len(c.cb.Dimensions)
	if v >= 0 {
		den = c.scorer.Denominator
		if v == nd {
			den = c.scorer.HealthDenominator()
		}
		return int(c.scores[o*(nd+1)+v]), den
	}
	a := c.answers[o*len(c.cb.Items)+(-1-v)]
	if a == survey.Missing {
		return -1, 1
	}
	return int(a) - c.cb.Min, 1
}

// scopeData is a scope's observations while its rows are computed.
type scopeData struct {
	ScopeComparison
	partnership int32 // −1 for AllScope
	group       uint8
	pairs       [][2]int // (before, after) observations, in respondent order
	before      []int    // observations per side (unpaired design)
	after       []int
	vectors     []rowVectors // per row, for the difference in differences
}

// rowVectors keeps a row's values: paired differences, or the two samples.
type rowVectors struct {
	before, after, diff []float64
	tags                [2][]int32 // partnership of each value (or pair) on each side
	obs                 [2][]int32 // observation of each value on each side
}

// Compare computes the comparison of everything collected.
func (c *Cohort) Compare(opt CompareOptions) *Comparison {
	k := opt.MinGroup
	cmp := &Comparison{MinGroup: k}
	for _, d := range c.cb.Dimensions {
		cmp.Dimensions = append(cmp.Dimensions, d.ID)
	}
	groups := []uint8{groupNone}
	for _, o := range c.obs {
		if o.group == groupTrained || o.group == groupUntrained {
			cmp.Grouped = true
			groups = []uint8{groupTrained, groupUntrained}
			break
		}
	}
	for _, o := range c.obs {
		if o.group == groupOther || (cmp.Grouped && o.group == groupNone) {
			c.otherGroups++
		}
	}
	names := append([]string(nil), c.partnerships.names...)
	sort.Strings(names)
	var scopes []*scopeData
	for _, name := range names {
		for _, g := range groups {
			scopes = append(scopes, c.scope(name, c.partnerships.index[name], g, cmp.Grouped, k))
		}
	}
	if len(names) > 1 {
		for _, g := range groups {
			scopes = append(scopes, c.scope(AllScope, -1, g, cmp.Grouped, k))
		}
	}
	for _, s := range scopes {
		if s.partnership < 0 {
			hidePooled(s, scopes, k)
		}
		adjust(s.Rows)
	}
	for i, s := range scopes {
		if s.Group == GroupTrained && i+1 < len(scopes) && scopes[i+1].Scope == s.Scope {
			addDiD(s, scopes[i+1])
		}
	}
	for _, s := range scopes {
		cmp.Scopes = append(cmp.Scopes, s.ScopeComparison)
	}
	cmp.cohort, cmp.data = c, scopes
	if c.duplicates > 0 {
		cmp.Warnings = append(cmp.Warnings, fmt.Sprintf("%d repeated responses of a respondent on the same side were ignored (the first counts)", c.duplicates))
	}
	if c.otherGroups > 0 {
		if cmp.Grouped {
			cmp.Warnings = append(cmp.Warnings, fmt.Sprintf("%d responses with a group other than trained or untrained were left out", c.otherGroups))
		} else {
			cmp.Warnings = append(cmp.Warnings, fmt.Sprintf("%d responses carry a group that is neither trained nor untrained; groups were not compared", c.otherGroups))
		}
	}
	return cmp
}

// scope builds the comparison of one partnership (p ≥ 0) or all (p < 0) in group g.
func (c *Cohort) scope(name string, p int32, g uint8, grouped bool, k int) *scopeData {
	s := &scopeData{partnership: p, group: g}
	s.Scope, s.Group = name, groupNames[g]
	type sides struct{ obs [2]int }
	byResp := map[int32]*sides{}
	var ids [2]int // responses with an id, per side
	for i, o := range c.obs {
		if (p >= 0 && o.partnership != p) || (grouped && o.group != g) {
			continue
		}
		if o.side == SideBefore {
			s.Before++
			s.before = append(s.before, i)
		} else {
			s.After++
			s.after = append(s.after, i)
		}
		if o.respondent < 0 {
			continue
		}
		ids[o.side]++
		sd, ok := byResp[o.respondent]
		if !ok {
			sd = &sides{obs: [2]int{-1, -1}}
			byResp[o.respondent] = sd
		}
		sd.obs[o.side] = i
	}
	var resp []int32
	for r, sd := range byResp {
		if sd.obs[0] >= 0 && sd.obs[1] >= 0 {
			resp = append(resp, r)
		}
	}
	// Respondent order, not input order: results do not depend on how rows are sorted.
	sort.Slice(resp, func(i, j int) bool {
		a, b := c.respondentIDs[resp[i]], c.respondentIDs[resp[j]]
		if a.partnership != b.partnership {
			return c.partnerships.names[a.partnership] < c.partnerships.names[b.partnership]
		}
		return a.id < b.id
	})
	for _, r := range resp {
		s.pairs = append(s.pairs, [2]int{byResp[r].obs[0], byResp[r].obs[1]})
	}
	s.Design = DesignUnpaired
	switch {
	case len(s.pairs) >= k:
		s.Design = DesignPaired
		s.Pairs = len(s.pairs)
		s.UnmatchedBefore, s.UnmatchedAfter = s.Before-s.Pairs, s.After-s.Pairs
	case ids[0] == 0 && ids[1] == 0:
		s.Note = "the responses carry no respondent ids, so the sides are compared as independent samples"
	case ids[0] == 0 || ids[1] == 0:
		side := "before"
		if ids[0] == 0 {
			side = "after"
		}
		s.Note = "only the " + side + " responses carry respondent ids, so the sides are compared as independent samples"
	case len(s.pairs) == 0:
		s.Note = "no respondent id appears on both sides, so the sides are compared as independent samples"
	default:
		s.Note = fmt.Sprintf("fewer than %d respondent ids appear on both sides, so the sides are compared as independent samples", k)
	}
	s.Suppressed = s.Before < k || s.After < k
	vars, rows := c.variables()
	s.Rows = rows
	s.vectors = make([]rowVectors, len(rows))
	if s.Suppressed {
		for i := range s.Rows {
			s.Rows[i].Suppressed = true
		}
		return s
	}
	for i, v := range vars {
		c.computeRow(s, i, v, k)
	}
	return s
}

func (c *Cohort) computeRow(s *scopeData, i, v, k int) {
	row, vec := &s.Rows[i], &s.vectors[i]
	min := float64(c.cb.Min)
	if s.Design == DesignPaired {
		for _, pr := range s.pairs {
			nb, den := c.value(pr[0], v)
			na, _ := c.value(pr[1], v)
			if nb < 0 || na < 0 {
				continue
			}
			fd := float64(den)
			vec.before = append(vec.before, min+float64(nb)/fd)
			vec.after = append(vec.after, min+float64(na)/fd)
			vec.diff = append(vec.diff, float64(na-nb)/fd) // exact: equal changes tie exactly
			vec.tags[0] = append(vec.tags[0], c.obs[pr[0]].partnership)
			vec.obs[0], vec.obs[1] = append(vec.obs[0], int32(pr[0])), append(vec.obs[1], int32(pr[1]))
		}
		vec.tags[1] = vec.tags[0]
		if len(vec.diff) < k {
			row.Suppressed = true
			return
		}
		row.Change = pairedChange(vec.before, vec.after, vec.diff)
		return
	}
	collect := func(obs []int, side int) []float64 {
		var out []float64
		for _, o := range obs {
			if num, den := c.value(o, v); num >= 0 {
				out = append(out, min+float64(num)/float64(den))
				vec.tags[side] = append(vec.tags[side], c.obs[o].partnership)
				vec.obs[side] = append(vec.obs[side], int32(o))
			}
		}
		return out
	}
	vec.before, vec.after = collect(s.before, 0), collect(s.after, 1)
	if len(vec.before) < k || len(vec.after) < k {
		row.Suppressed = true
		return
	}
	row.Change = UnpairedChange(vec.before, vec.after)
}

// hidePooled suppresses a row of the pooled scope when the partnerships whose own row
// is not shown (suppressed, or shown with another design) contribute between 1 and k−1
// values to it on a side: subtracting the shown partnerships from the pooled figure
// would otherwise reveal them.
func hidePooled(pooled *scopeData, scopes []*scopeData, k int) {
	if pooled.Suppressed {
		return
	}
	for i := range pooled.Rows {
		if pooled.Rows[i].Suppressed {
			continue
		}
		hidden := map[int32]bool{}
		for _, s := range scopes {
			if s.partnership >= 0 && s.group == pooled.group &&
				(s.Suppressed || s.Rows[i].Suppressed || s.Design != pooled.Design) {
				hidden[s.partnership] = true
			}
		}
		for side := range 2 {
			n := 0
			for _, p := range pooled.vectors[i].tags[side] {
				if hidden[p] {
					n++
				}
			}
			if n > 0 && n < k {
				pooled.Rows[i] = ChangeRow{Dimension: pooled.Rows[i].Dimension, Item: pooled.Rows[i].Item, Suppressed: true}
				break
			}
		}
	}
}

// adjust fills the Holm and BH p-values of rows per family, then their verdicts.
func adjust(rows []ChangeRow) {
	for fam := range 3 {
		var idx []int
		var p []float64
		for i := range rows {
			if !rows[i].Suppressed && rows[i].family() == fam {
				idx = append(idx, i)
				p = append(p, rows[i].P)
			}
		}
		holm, bh := stats.AdjustP(p, stats.AdjustHolm), stats.AdjustP(p, stats.AdjustBH)
		for j, i := range idx {
			rows[i].PHolm, rows[i].PBH = holm[j], bh[j]
			rows[i].Verdict = rows[i].verdict()
		}
	}
}

// addDiD sets the difference in differences on the trained scope's rows.
func addDiD(trained, untrained *scopeData) {
	if trained.Suppressed || untrained.Suppressed || trained.Design != untrained.Design {
		return
	}
	for i := range trained.Rows {
		if trained.Rows[i].Suppressed || untrained.Rows[i].Suppressed {
			continue
		}
		t, u := &trained.vectors[i], &untrained.vectors[i]
		var d DiD
		if trained.Design == DesignPaired {
			d = PairedDiD(t.diff, u.diff)
		} else {
			d = UnpairedDiD(t.before, t.after, u.before, u.after)
		}
		if !math.IsNaN(d.Estimate) {
			trained.Rows[i].DiD = &d
		}
	}
}

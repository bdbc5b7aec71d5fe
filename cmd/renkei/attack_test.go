package main

import (
	"cmp"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// A figure is one published number (or group of numbers) that describes a set of
// respondents: kind "count:<universe>" for a published n (universe: all responses,
// those scored on a dimension, those that answered an item, …), "mean:<variable>" for
// a mean. Its cell is the part of the design it describes, whatever the universe.
type figure struct {
	where string // file and row, for the report
	kind  string
	cell  rowSet // the rows of its cell (cellRows)
	set   rowSet // the rows that count (dropped duplicates left out)
	// counted is the set of rows renkei's own n counts: set, or set with its dropped
	// duplicates when the published n counts them (see check).
	counted  rowSet
	mismatch bool // its published n counts neither set nor one this test can name
}

// mismatch is what check returns for an n that counts no set the test can name.
var mismatch = rowSet{}

// anyValue marks an attribute a cell does not restrict.
const anyValue = "*"

// A cell is the design predicate of a figure: the partnership, wave, org, role, phase
// and comparison group its rows have (anyValue: any), and how they were selected — sel
// "" for every row of those, or the comparison's rows: "side" (the first row of each
// respondent and phase), "pairs" (the before rows of matched respondents), "unmatched".
// Two figures of different universes with the same cell differ only in which answers
// were given: their difference counts missing answers, not a group of people. Cells
// are compared by the rows their predicates select (cellRows), so that two ways of
// naming the same rows — a role "on the roster" when every org is, a partnership's
// wave and its only org — are the same cell, and nothing else is.
// org "roster:<p>" is the set of orgs on the roster of partnership p.
type cell struct {
	p, w, org, partner, role, phase, group, sel string
}

// cellRows is the set of rows (that count) cell c selects, whatever their answers.
func (a *attack) cellRows(c cell) rowSet {
	if s, ok := a.cells[c]; ok {
		return s
	}
	is := func(want, got string) bool { return want == anyValue || want == got }
	base := a.t.kept.and(a.t.inWave) // a wave's tables
	if c.sel != "" {
		base = a.t.kept // the comparison's
	}
	s := base.and(a.t.where(func(_ int, r *attackRow) bool {
		org := is(c.org, r.org)
		if p, ok := strings.CutPrefix(c.org, "roster:"); ok {
			org = slices.Contains(a.roster[p], r.org)
		}
		return is(c.p, r.p) && is(c.w, r.w) && org && is(c.partner, r.partner) && is(c.role, r.role) && is(c.phase, r.phase) && is(c.group, r.group)
	}))
	if c.sel != "" {
		scope := c.p
		if scope == anyValue {
			scope = "all"
		}
		side := slices.Index([]string{"before", "after"}, c.phase)
		sides, pairs := a.scopeSides(scope, c.group)
		var paired []int
		for _, pr := range pairs {
			paired = append(paired, pr[side])
		}
		switch c.sel {
		case "side":
			s = s.and(sides[side])
		case "pairs":
			s = s.and(a.rowsOf(paired))
		case "unmatched":
			s = s.and(sides[side].minus(a.rowsOf(paired)))
		}
	}
	if a.cells == nil {
		a.cells = map[cell]rowSet{}
	}
	a.cells[c] = s
	return s
}

// cellOf is the cell of partnership p ("all" or "": any) and wave w ("all" or "": any).
func cellOf(p, w string) cell {
	c := cell{p: p, w: w, org: anyValue, partner: anyValue, role: anyValue, phase: anyValue, group: anyValue}
	if p == "" || p == "all" {
		c.p = anyValue
	}
	if w == "" || w == "all" {
		c.w = anyValue
	}
	return c
}

// attack collects what an attacker knows from one run's outputs and the leaks found.
type attack struct {
	sampleOnly bool // no input to map figures to: only the checks of what is shown
	cohort     *[2]rowSet
	grouped    bool
	t          *truth
	k          int
	figures    []figure
	cells      map[cell]rowSet     // cellRows
	roster     map[string][]string // partnership → orgs on the roster
	leaks      []string
	classes    map[string]int
}

// leak records a finding of class (its summary class) and kind (the figures' kind,
// "" for none); tag says why renkei's control let it through, when the test can tell.
func (a *attack) leak(class, kind, tag, format string, args ...any) {
	short, full := class, class
	if kind != "" {
		short += " " + kind
		if i := strings.Index(kind, ":"); i > 0 {
			short = class + " " + kind[:i]
		}
		full += " " + kind
	}
	if tag != "" {
		short += " {" + tag + "}"
		full += " {" + tag + "}"
	}
	if noted(class, tag) {
		a.classes["(noted, not a failure) "+short]++
		return
	}
	a.classes[short]++
	a.leaks = append(a.leaks, "["+full+"] "+fmt.Sprintf(format, args...))
}

// noted reports the findings the test tallies but does not fail on, as renkei's
// privacy rules state them (docs/privacy.md):
//   - a difference whose smaller set lies in the larger only by this data — the two
//     count different variables or kinds of figure, so a reader cannot tell that one
//     is part of the other, nor that their difference is a set;
//   - a figure over several waves whose n counts responses, not people, as its
//     documentation says (reliability over all waves, a partnership's quality counts
//     over all its waves): its people are checked by the primary rule, (a).
func noted(class, tag string) bool {
	return strings.Contains(tag, "by the data") ||
		class == "n counts responses, not people" && strings.Contains(tag, "several waves")
}

// Tags of a finding: why the residual set, of fewer than k people, passed renkei's
// control. tagResponses: it holds k or more responses (renkei counts responses: the
// class "n counts responses, not people"); tagDuplicates: it holds fewer than k
// responses but k or more with the dropped duplicates that renkei's n counts there
// (the class "duplicates counted"). No tag: fewer than k in every unit — renkei's
// control misses it.
const (
	tagResponses  = "because n counts responses"
	tagDuplicates = "because duplicates counted"
	tagMismatch   = "a published n of these sets counts another set (n≠people)"
)

// why tags a residual set rest (fewer than k people) whose rows, as renkei counts
// them, are counted. A person's several responses in rest are a before and an after
// in one wave (phases of one wave are not duplicates), or responses in several waves.
func (a *attack) why(rest, counted rowSet, mismatch bool) string {
	switch {
	case rest.len() >= a.k:
		return tagResponses + " (" + a.repeated(rest) + ")"
	case counted.and(a.t.kept).len() >= a.k:
		return tagResponses + " (one person's second answer in one wave not passed over)"
	case counted.len() >= a.k:
		return tagDuplicates
	case mismatch:
		return tagMismatch
	}
	return ""
}

// repeated says how a person has several of the responses of s: in several waves, or
// in one wave with two phases (phases of one wave are not duplicates) — a before and
// an after (counted in a comparison's sets), or a phase-less response and a phased one
// (which renkei's wave tables keep, counting only the before of a before and after).
func (a *attack) repeated(s rowSet) string {
	type pw struct {
		p int
		w string
	}
	waves := map[int]string{}
	phases := map[pw]string{}
	var twoPhases string
	for i := range a.t.rows {
		if !s.has(i) {
			continue
		}
		r := &a.t.rows[i]
		p := a.t.person[i]
		if w, ok := waves[p]; ok && w != r.w {
			return "one person in several waves"
		}
		waves[p] = r.w
		if ph, ok := phases[pw{p, r.w}]; ok && twoPhases == "" {
			twoPhases = "one person's " + strings.Join(slices.Sorted(slices.Values([]string{cmp.Or(ph, "phase-less"), cmp.Or(r.phase, "phase-less")})), " and ") + " responses in one wave"
		}
		phases[pw{p, r.w}] = r.phase
	}
	return twoPhases
}

// nestedUniverse reports whether every response of universe sub (a count kind's
// universe: all, scored:<dim|health>, anyitem:<dim>, complete:<dim>, answered:<item>)
// lies in universe sup by the rules of scoring alone, whatever the answers — so that a
// reader of A and B knows that B's rows are among A's when B's cell lies in A's.
func nestedUniverse(sub, sup string) bool {
	sub, sup = strings.TrimPrefix(sub, "count:"), strings.TrimPrefix(sup, "count:")
	if sup == "all" || sub == sup {
		return true
	}
	sk, sv, _ := strings.Cut(sub, ":")
	pk, pv, _ := strings.Cut(sup, ":")
	dimOf := func(item string) string {
		if i := itemIndex(item); i >= 0 {
			return attackDims[i/4]
		}
		return ""
	}
	switch pk {
	case "scored": // half the items of a dimension; health: every dimension scored
		return pv != "health" && ((sk == "scored" && sv == "health") || (sk == "complete" && sv == pv))
	case "anyitem": // an item of the dimension answered
		return (sk == "scored" && (sv == pv || sv == "health")) || (sk == "complete" && sv == pv) || (sk == "answered" && dimOf(sv) == pv)
	case "answered":
		return sk == "complete" && sv == dimOf(pv)
	}
	return false
}

// add records a figure describing the rows of s that count; counted, when not nil,
// is the set its published n counts (check), when that is not the set itself.
func (a *attack) add(where, kind string, c cell, s, counted rowSet) {
	if a.sampleOnly {
		return
	}
	if c.sel == "" {
		s = s.and(a.t.inWave) // a wave's table
	}
	kept := s.and(a.t.kept)
	mis := counted != nil && len(counted) == 0
	if counted == nil || mis {
		counted = kept
	}
	a.figures = append(a.figures, figure{where: where, kind: kind, cell: a.cellRows(c), set: kept, counted: counted, mismatch: mis})
}

// check compares the n a wave's table publishes with the set's size in the input: s
// holds the rows of its cell and universe, dropped duplicates and the after responses
// of a before and after in one wave included, which the n must leave out. A mismatch
// means that the figure does not count the set this test maps it to, or counts
// duplicates (then it returns true: see add).
func (a *attack) check(where, n string, s rowSet) (counted rowSet) {
	return a.checkIn(where, n, s, true)
}

// checkCohort is check for a comparison's n (whose sides keep both responses of a
// before and after).
func (a *attack) checkCohort(where, n string, s rowSet) (counted rowSet) {
	return a.checkIn(where, n, s, false)
}

func (a *attack) checkIn(where, n string, s rowSet, wave bool) (counted rowSet) {
	if n == "" || a.sampleOnly {
		return nil
	}
	got, err := strconv.Atoi(n)
	if err != nil {
		a.leak("unreadable", "", "", "%s: n %q", where, n)
		return nil
	}
	twins := s.and(a.t.kept) // with the after responses of a before and after
	if wave {
		s = s.and(a.t.inWave)
	}
	kept := s.and(a.t.kept)
	rows, people := kept.len(), a.t.people(kept)
	switch {
	case got == people:
	case got == rows:
		a.leak("n counts responses, not people", "", a.repeated(kept), "%s: publishes n = %d, the set holds %d responses of %d distinct people", where, got, rows, people)
	case got == twins.len() && wave:
		a.leak("n counts responses, not people", "", "one person's second answer in one wave not passed over", "%s: publishes n = %d, the set holds %d distinct people (%d responses), %d with the after responses of %d people who answered before in that wave", where, got, people, rows, got, got-rows)
		return twins
	case got == s.len() && s.len() > rows:
		a.leak("duplicates counted", "", "", "%s: publishes n = %d, the set holds %d distinct people (%d responses); %d with the duplicate rows", where, got, people, rows, got)
		return s
	default:
		a.leak("n≠people", "", "", "%s: publishes n = %d, the input has %d distinct people (%d responses; %d with duplicates, %d with after responses of a before and after) in that set", where, got, people, rows, s.len(), twins.len())
		return mismatch
	}
	return nil
}

// checkResponses compares a published count of responses (summary.json's quality
// entries) with the set's responses, dropped duplicates and the after responses of a
// before and after in one wave left out (what the wave's tables count).
func (a *attack) checkResponses(where, n string, s rowSet) (counted rowSet) {
	if n == "" || a.sampleOnly {
		return nil
	}
	got, err := strconv.Atoi(n)
	if err != nil {
		a.leak("unreadable", "", "", "%s: n %q", where, n)
		return nil
	}
	withTwins := s.and(a.t.kept)
	twins := withTwins.len()
	s = s.and(a.t.inWave)
	kept := s.and(a.t.kept)
	rows := kept.len()
	switch {
	case got == rows:
	case got == twins:
		a.leak("n counts responses, not people", "", "one person's second answer in one wave not passed over", "%s: publishes %d responses, the set holds %d responses of %d distinct people once the after responses of a before and after are left out", where, got, rows, a.t.people(kept))
		return withTwins
	case got == s.len():
		a.leak("duplicates counted", "", "", "%s: publishes %d responses, the set holds %d responses of %d distinct people once the %d dropped duplicates are left out", where, got, rows, a.t.people(kept), got-rows)
		return s
	default:
		a.leak("n≠responses", "", "", "%s: publishes %d responses, the input has %d (%d with dropped duplicates, %d with after responses of a before and after) in that set", where, got, rows, s.len(), twins)
		return mismatch
	}
	return nil
}

// universeOf names the universe of a compare row's counts.
func universeOf(dim, item string) string {
	if item != "" {
		return "answered:" + item
	}
	return "scored:" + dim
}

func varIndex(dim string) int {
	if dim == "health" {
		return 4
	}
	return slices.Index(attackDims, dim)
}

func itemIndex(item string) int { return slices.Index(attackItems, item) }

// scored is the set of rows of s with a score on dimension (or health) dim.
func (a *attack) scored(s rowSet, dim string) rowSet {
	v := varIndex(dim)
	return s.and(a.t.where(func(i int, _ *attackRow) bool { return a.t.dimOK[i][v] }))
}

// pw is the set of rows of partnership p and wave w ("" or "all": every wave), dropped
// duplicates and after responses of a before and after included (see check, add).
func (a *attack) pw(p, w string) rowSet {
	return a.t.where(func(_ int, r *attackRow) bool { return r.p == p && (w == "" || w == "all" || r.w == w) })
}

// emptyUnless reports the columns of a suppressed row that still show something.
func shownColumns(row map[string]string, keep ...string) []string {
	var out []string
	for c, v := range row {
		if v != "" && !slices.Contains(keep, c) {
			out = append(out, c+"="+v)
		}
	}
	sort.Strings(out)
	return out
}

func (a *attack) readScores(t *testing.T, dir string) {
	for _, row := range csvRows(t, filepath.Join(dir, "scores.csv")) {
		where := fmt.Sprintf("scores.csv %s,%s,%s,%s,%s n=%s mean=%s", row["partnership"], row["wave"], row["breakdown"], row["group"], row["dimension"], row["n"], row["mean"])
		if row["suppressed"] == "true" {
			if shown := shownColumns(row, "partnership", "wave", "breakdown", "group", "dimension", "suppressed", "suppression"); len(shown) > 0 {
				a.leak("(b) suppressed shows", "", "", "%s: %v", where, shown)
			}
			continue
		}
		s, c := a.pw(row["partnership"], row["wave"]), cellOf(row["partnership"], row["wave"])
		switch row["breakdown"] {
		case "org":
			s = s.and(a.t.where(func(_ int, r *attackRow) bool { return r.org == row["group"] }))
			c.org = row["group"]
		case "role":
			s = s.and(a.t.where(func(_ int, r *attackRow) bool { return r.role == row["group"] }))
			c.role = row["group"]
		}
		s = a.scored(s, row["dimension"])
		counted := a.check(where, row["n"], s)
		a.add(where, "count:scored:"+row["dimension"], c, s, counted)
		a.add(where, "mean:"+row["dimension"], c, s, counted)
	}
}

// cohortObs returns the rows taking part in the before/after comparison, by side: the
// first row of each respondent (partnership and id) and phase; every row without id.
func (a *attack) cohortObs() (sides [2]rowSet, grouped bool) {
	if a.cohort != nil {
		return *a.cohort, a.grouped
	}
	defer func() { a.cohort, a.grouped = &sides, grouped }()
	seen := map[[3]string]bool{}
	for side, phase := range []string{"before", "after"} {
		sides[side] = a.t.kept.and(a.t.where(func(_ int, r *attackRow) bool {
			if r.phase != phase {
				return false
			}
			if r.id != "" {
				k := [3]string{r.p, r.id, phase}
				if seen[k] {
					return false
				}
				seen[k] = true
			}
			return true
		}))
	}
	for i, r := range a.t.rows {
		if (sides[0].has(i) || sides[1].has(i)) && (r.group == "trained" || r.group == "untrained") {
			grouped = true
		}
	}
	return sides, grouped
}

// scopeCell is the cell of a compare scope's rows of side (0 before, 1 after) selected
// by sel ("side", "pairs" or "unmatched").
func (a *attack) scopeCell(scope, group string, side int, sel string) cell {
	c := cellOf(scope, "")
	if _, grouped := a.cohortObs(); grouped {
		c.group = group
	}
	c.phase, c.sel = []string{"before", "after"}[side], sel
	return c
}

// scopeSides are a compare scope's rows per side, and its pairs: (before, after) rows
// of one respondent.
func (a *attack) scopeSides(scope, group string) (sides [2]rowSet, pairs [][2]int) {
	obs, grouped := a.cohortObs()
	in := a.t.where(func(_ int, r *attackRow) bool {
		return (scope == "all" || r.p == scope) && (!grouped || r.group == group)
	})
	sides[0], sides[1] = obs[0].and(in), obs[1].and(in)
	byResp := map[[2]string]*[2]int{}
	var keys [][2]string
	for side := range 2 {
		for i, r := range a.t.rows {
			if !sides[side].has(i) || r.id == "" {
				continue
			}
			k := [2]string{r.p, r.id}
			if byResp[k] == nil {
				byResp[k] = &[2]int{-1, -1}
				keys = append(keys, k)
			}
			byResp[k][side] = i
		}
	}
	for _, k := range keys {
		if pr := byResp[k]; pr[0] >= 0 && pr[1] >= 0 {
			pairs = append(pairs, *pr)
		}
	}
	return sides, pairs
}

func (a *attack) rowsOf(idx []int) rowSet {
	s := make(rowSet, a.t.words)
	for _, i := range idx {
		s[i/64] |= 1 << (i % 64)
	}
	return s
}

// has reports whether truth row i has a value on a compare row's variable.
func (a *attack) hasValue(i int, dim, item string) bool {
	if item != "" {
		return a.t.rows[i].ans[itemIndex(item)] != 0
	}
	return a.t.dimOK[i][varIndex(dim)]
}

func (a *attack) readCompare(t *testing.T, dir string) {
	numeric := []string{"n_before", "n_after", "n_pairs", "mean_before", "mean_after", "diff", "diff_ci_low", "diff_ci_high", "t", "df", "p", "p_holm", "effect", "effect_ci_low", "effect_ci_high", "rank_stat", "rank_p", "p_bh", "boot_ci_low", "boot_ci_high", "mdc", "verdict", "unmatched_before", "unmatched_after", "did", "did_ci_low", "did_ci_high", "did_p", "effect_type", "rank_test", "rank_exact"}
	for _, row := range csvRows(t, filepath.Join(dir, "compare.csv")) {
		v := row["dimension"]
		if row["item"] != "" {
			v = row["item"]
		}
		where := fmt.Sprintf("compare.csv %s,%s,%s,%s n=%s/%s pairs=%s unmatched=%s/%s means=%s/%s", row["scope"], row["group"], v, row["design"], row["n_before"], row["n_after"], row["n_pairs"], row["unmatched_before"], row["unmatched_after"], row["mean_before"], row["mean_after"])
		if row["suppressed"] == "true" {
			var shown []string
			for _, c := range numeric {
				if row[c] != "" {
					shown = append(shown, c+"="+row[c])
				}
			}
			if len(shown) > 0 {
				a.leak("(b) suppressed shows", "", "", "%s: %v", where, shown)
			}
			continue
		}
		sides, pairs := a.scopeSides(row["scope"], row["group"])
		var vals [2][]int
		if row["design"] == "paired" {
			var pb, pa []int
			for _, pr := range pairs {
				pb, pa = append(pb, pr[0]), append(pa, pr[1])
				if a.hasValue(pr[0], row["dimension"], row["item"]) && a.hasValue(pr[1], row["dimension"], row["item"]) {
					vals[0], vals[1] = append(vals[0], pr[0]), append(vals[1], pr[1])
				}
			}
			um := [2]rowSet{sides[0].minus(a.rowsOf(pb)), sides[1].minus(a.rowsOf(pa))}
			for side, name := range []string{"unmatched_before", "unmatched_after"} {
				counted := a.checkCohort(where+" ("+name+")", row[name], um[side])
				a.add(where+" ("+name+")", "count:all", a.scopeCell(row["scope"], row["group"], side, "unmatched"), um[side], counted)
			}
			a.checkCohort(where+" (n_pairs)", row["n_pairs"], a.rowsOf(vals[0]))
		} else {
			for side := range 2 {
				for i := range a.t.rows {
					if sides[side].has(i) && a.hasValue(i, row["dimension"], row["item"]) {
						vals[side] = append(vals[side], i)
					}
				}
			}
		}
		sel := "side"
		if row["design"] == "paired" {
			sel = "pairs"
		}
		for side, name := range []string{"before", "after"} {
			s := a.rowsOf(vals[side])
			w := where + " (" + name + ")"
			c := a.scopeCell(row["scope"], row["group"], side, sel)
			counted := a.checkCohort(w, row["n_"+name], s)
			a.add(w, "count:"+universeOf(row["dimension"], row["item"]), c, s, counted)
			a.add(w, "mean:"+v, c, s, counted)
		}
	}
}

func (a *attack) readReliability(t *testing.T, dir string) {
	for _, row := range csvRows(t, filepath.Join(dir, "reliability.csv")) {
		where := fmt.Sprintf("reliability.csv %s,%s,%s n=%s n_complete=%s", row["wave"], row["dimension"], row["item"], row["n"], row["n_complete"])
		if row["suppressed"] == "true" {
			if shown := shownColumns(row, "wave", "dimension", "item", "suppressed", "warnings"); len(shown) > 0 {
				a.leak("(b) suppressed shows", "", "", "%s: %v", where, shown)
			}
			continue
		}
		d := slices.Index(attackDims, row["dimension"])
		c := cellOf("", row["wave"])
		inWave := func(_ int, r *attackRow) bool { return row["wave"] == "all" || r.w == row["wave"] }
		if row["item"] != "" {
			it := itemIndex(row["item"])
			s := a.t.where(func(i int, r *attackRow) bool { return inWave(i, r) && r.ans[it] != 0 })
			a.add(where, "count:answered:"+row["item"], c, s, a.check(where, row["n"], s))
			continue
		}
		answered := func(r *attackRow) (n int) {
			for i := 4 * d; i < 4*d+4; i++ {
				if r.ans[i] != 0 {
					n++
				}
			}
			return n
		}
		s := a.t.where(func(i int, r *attackRow) bool { return inWave(i, r) && answered(r) > 0 })
		a.add(where, "count:anyitem:"+row["dimension"], c, s, a.check(where, row["n"], s))
		complete := a.t.where(func(i int, r *attackRow) bool { return inWave(i, r) && answered(r) == 4 })
		a.add(where+" (n_complete)", "count:complete:"+row["dimension"], c, complete, a.check(where+" (n_complete)", row["n_complete"], complete))
	}
}

func (a *attack) readRates(t *testing.T, dir string, d *attackDesign) {
	path := filepath.Join(dir, "response_rates.csv")
	if _, err := os.Stat(path); err != nil {
		return
	}
	for _, row := range csvRows(t, path) {
		where := fmt.Sprintf("response_rates.csv %s,%s,%s,%s,%s responses=%s", row["partnership"], row["wave"], row["level"], row["org"], row["role"], row["responses"])
		if row["suppressed"] == "true" {
			if shown := shownColumns(row, "partnership", "wave", "level", "org", "role", "expected", "suppressed", "suppression", "warning"); len(shown) > 0 {
				a.leak("(b) suppressed shows", "", "", "%s: %v", where, shown)
			}
			continue
		}
		onRoster := d.orgs[row["partnership"]]
		c := cellOf(row["partnership"], row["wave"])
		switch row["level"] {
		case "org":
			c.org = row["org"]
		case "role":
			c.role, c.org = row["role"], "roster:"+row["partnership"]
		}
		s := a.pw(row["partnership"], row["wave"]).and(a.t.where(func(_ int, r *attackRow) bool {
			switch row["level"] {
			case "org":
				return r.org == row["org"]
			case "role":
				return r.role == row["role"] && slices.Contains(onRoster, r.org)
			}
			return true
		}))
		a.add(where, "count:all", c, s, a.check(where, row["responses"], s))
	}
}

// readGaps: a side of kind layers is a role's rows, of kind orgs an org's; of kind
// directed, the rows of org group_x that name partner_x as the partner rated (the
// directed view group_x → partner_x), scored on the row's dimension.
func (a *attack) readGaps(t *testing.T, dir string) {
	path := filepath.Join(dir, "gaps.csv")
	if _, err := os.Stat(path); err != nil {
		return
	}
	for _, row := range csvRows(t, path) {
		for _, side := range []string{"a", "b"} {
			g, partner := row["group_"+side], row["partner_"+side]
			view := g
			if row["kind"] == "directed" {
				view = g + "→" + partner
			}
			where := fmt.Sprintf("gaps.csv %s,%s,%s,%s,%s (side %s) n=%s mean=%s", row["partnership"], row["wave"], row["kind"], row["dimension"], view, side, row["n_"+side], row["mean_"+side])
			if row["n_"+side] == "" && row["mean_"+side] == "" && row["sd_"+side] == "" {
				continue
			}
			if row["suppression_"+side] != "" {
				a.leak("(b) suppressed shows", "", "", "%s: a suppressed side shows n, mean or sd", where)
			}
			c := cellOf(row["partnership"], row["wave"])
			switch row["kind"] {
			case "layers":
				c.role = g
			case "directed":
				c.org, c.partner = g, partner
			default:
				c.org = g
			}
			s := a.pw(row["partnership"], row["wave"]).and(a.t.where(func(_ int, r *attackRow) bool {
				switch row["kind"] {
				case "layers":
					return r.role == g
				case "directed":
					return r.org == g && r.partner == partner
				}
				return r.org == g
			}))
			s = a.scored(s, row["dimension"])
			counted := a.check(where, row["n_"+side], s)
			a.add(where, "count:scored:"+row["dimension"], c, s, counted)
			a.add(where, "mean:"+row["dimension"], c, s, counted)
			if row["kind"] == "directed" && !a.sampleOnly {
				a.checkMean(where, row["mean_"+side], s, row["dimension"])
			}
		}
	}
}

// checkMean compares a published mean with the mean of the set the test maps it to
// (to the digits published), so that a directed side's set is known to be the one
// renkei describes, not only one of its size.
func (a *attack) checkMean(where, mean string, s rowSet, dim string) {
	got, err := strconv.ParseFloat(mean, 64)
	if err != nil {
		return
	}
	s = s.and(a.t.inWave).and(a.t.kept)
	digits := len(mean) - strings.IndexByte(mean, '.') - 1
	if !strings.Contains(mean, ".") {
		digits = 0
	}
	if s.empty() {
		a.leak("semantics", "", "", "%s: the input has no scored response in that set", where)
	} else if want := a.t.mean(s, varIndex(dim)); math.Abs(got-want) > 0.5*math.Pow(10, -float64(digits))+1e-9 {
		a.leak("semantics", "", "", "%s: mean %v, the input's mean of that set is %v", where, got, want)
	}
}

// readTrends: latest_mean is the mean of latest_wave; latest_mean − last_change the
// mean of previous_wave (the previous wave whose scores are published, not necessarily
// the wave before), which a reader gets by one subtraction. Without a previous_wave
// there is no such figure. Both means are checked against the input (sample: skipped).
func (a *attack) readTrends(t *testing.T, dir string) {
	for _, row := range csvRows(t, filepath.Join(dir, "trends.csv")) {
		p, dim := row["partnership"], row["dimension"]
		mean := func(where, wave string, value float64) {
			if a.sampleOnly {
				return
			}
			s := a.scored(a.pw(p, wave), dim).and(a.t.kept).and(a.t.inWave)
			a.add(where, "mean:"+dim, cellOf(p, wave), s, nil)
			if s.empty() {
				a.leak("semantics", "", "", "%s: the input has no scored response in that set", where)
			} else if want := a.t.mean(s, varIndex(dim)); math.Abs(value-want) > 1e-9 {
				a.leak("semantics", "", "", "%s: %v, the input's mean of that set is %v", where, value, want)
			}
		}
		lm, err := strconv.ParseFloat(row["latest_mean"], 64)
		if err != nil || row["latest_wave"] == "" {
			continue
		}
		mean(fmt.Sprintf("trends.csv %s,%s latest %s mean=%s", p, dim, row["latest_wave"], row["latest_mean"]), row["latest_wave"], lm)
		if lc, err := strconv.ParseFloat(row["last_change"], 64); err == nil && row["previous_wave"] != "" {
			mean(fmt.Sprintf("trends.csv %s,%s latest_mean − last_change = mean of %s", p, dim, row["previous_wave"]), row["previous_wave"], lm-lc)
		}
	}
}

func (a *attack) readNetworkLinks(t *testing.T, dir string) {
	path := filepath.Join(dir, "network_links.csv")
	if _, err := os.Stat(path); err != nil {
		return
	}
	for _, row := range csvRows(t, path) {
		if row["health"] == "" {
			continue
		}
		where := fmt.Sprintf("network_links.csv %s,%s,%s,%s health=%s", row["partnership"], row["org_a"], row["org_b"], row["wave"], row["health"])
		a.add(where, "mean:health", cellOf(row["partnership"], row["wave"]), a.scored(a.pw(row["partnership"], row["wave"]), "health"), nil)
	}
}

// readSummary reads the counts summary.json publishes per partnership, wave and
// comparison scope, and the latest scores.
func (a *attack) readSummary(t *testing.T, dir string) {
	var s struct {
		Partnerships []struct {
			ID         string `json:"id"`
			LatestWave string `json:"latest_wave"`
			Scores     []struct {
				Dimension  string   `json:"dimension"`
				Suppressed bool     `json:"suppressed"`
				N          *int     `json:"n"`
				Mean       *float64 `json:"mean"`
			} `json:"scores"`
		} `json:"partnerships"`
		Quality struct {
			Partnerships []struct {
				Partnership string         `json:"partnership"`
				Suppressed  bool           `json:"suppressed"`
				Responses   *int           `json:"responses"`
				Flagged     *int           `json:"flagged"`
				MissingRate *float64       `json:"missing_rate"`
				Problems    map[string]int `json:"problems"`
				Waves       []struct {
					Wave        string         `json:"wave"`
					Suppressed  bool           `json:"suppressed"`
					Responses   *int           `json:"responses"`
					Flagged     *int           `json:"flagged"`
					MissingRate *float64       `json:"missing_rate"`
					Problems    map[string]int `json:"problems"`
				} `json:"waves"`
			} `json:"partnerships"`
		} `json:"quality"`
		Comparison []struct {
			Scope      string `json:"scope"`
			Group      string `json:"group"`
			Design     string `json:"design"`
			Suppressed bool   `json:"suppressed"`
			NBefore    *int   `json:"n_before"`
			NAfter     *int   `json:"n_after"`
			NPairs     *int   `json:"n_pairs"`
		} `json:"comparison"`
	}
	if err := json.Unmarshal(readFile(t, filepath.Join(dir, "summary.json")), &s); err != nil {
		t.Fatal(err)
	}
	num := func(p *int) string {
		if p == nil {
			return ""
		}
		return strconv.Itoa(*p)
	}
	for _, p := range s.Partnerships {
		for _, sc := range p.Scores {
			where := fmt.Sprintf("summary.json partnerships[%s].scores[%s] (latest %s) n=%s", p.ID, sc.Dimension, p.LatestWave, num(sc.N))
			if sc.Suppressed {
				if sc.N != nil || sc.Mean != nil {
					a.leak("(b) suppressed shows", "", "", "%s: shows n or mean", where)
				}
				continue
			}
			set, c := a.scored(a.pw(p.ID, p.LatestWave), sc.Dimension), cellOf(p.ID, p.LatestWave)
			counted := a.check(where, num(sc.N), set)
			a.add(where, "count:scored:"+sc.Dimension, c, set, counted)
			a.add(where, "mean:"+sc.Dimension, c, set, counted)
		}
	}
	// A quality entry publishes its responses — a set of respondents like any count,
	// which takes part in every attack — and, among them, how many were flagged, the
	// problems by code and the missing rate: properties of the entry's respondents, like
	// the distribution of answers in scores.csv, not sets of their own. So they are not
	// attacked; they may only be shown with a published responses count.
	quality := func(where string, supp bool, responses, flagged *int, missing *float64, problems map[string]int, p, w string) {
		shows := flagged != nil || missing != nil || len(problems) > 0
		if supp {
			if responses != nil || shows {
				a.leak("(b) suppressed shows", "", "", "%s: shows responses/flagged/missing_rate/problems", where)
			}
			return
		}
		if responses == nil {
			if shows {
				a.leak("(b) sub-counts without responses", "", "", "%s: shows flagged/missing_rate/problems, not its responses", where)
			}
			return
		}
		set := a.pw(p, w)
		where += " responses=" + num(responses)
		a.add(where, "count:all", cellOf(p, w), set, a.checkResponses(where, num(responses), set))
	}
	for _, p := range s.Quality.Partnerships {
		quality("summary.json quality."+p.Partnership, p.Suppressed, p.Responses, p.Flagged, p.MissingRate, p.Problems, p.Partnership, "")
		for _, w := range p.Waves {
			quality("summary.json quality."+p.Partnership+"."+w.Wave, w.Suppressed, w.Responses, w.Flagged, w.MissingRate, w.Problems, p.Partnership, w.Wave)
		}
	}
	for _, c := range s.Comparison {
		where := fmt.Sprintf("summary.json comparison[%s,%s,%s] n=%s/%s pairs=%s", c.Scope, c.Group, c.Design, num(c.NBefore), num(c.NAfter), num(c.NPairs))
		if c.Suppressed {
			if c.NBefore != nil || c.NAfter != nil || c.NPairs != nil {
				a.leak("(b) suppressed shows", "", "", "%s: a suppressed scope shows its counts", where)
			}
			continue
		}
		sides, pairs := a.scopeSides(c.Scope, c.Group)
		for side, n := range []*int{c.NBefore, c.NAfter} {
			w := where + " (" + []string{"before", "after"}[side] + ")"
			a.add(w, "count:all", a.scopeCell(c.Scope, c.Group, side, "side"), sides[side], a.checkCohort(w, num(n), sides[side]))
		}
		if c.Design == "paired" {
			var pb []int
			for _, pr := range pairs {
				pb = append(pb, pr[0])
			}
			a.add(where+" (pairs)", "count:all", a.scopeCell(c.Scope, c.Group, 0, "pairs"), a.rowsOf(pb), a.checkCohort(where+" (pairs)", num(c.NPairs), a.rowsOf(pb)))
		}
	}
}

// knownSet is a distinct published set of one kind and the figures that publish it.
type knownSet struct {
	set      rowSet
	counted  rowSet // the set as renkei's n counts it, the largest among its figures
	mismatch bool   // a figure's n counts another set (n≠people)
	n        int    // rows
	people   int
	where    []string
	cells    []rowSet  // the cells of its figures (their rows), distinct
	values   []*string // per attribute: the one value its rows share, "\x00" for none
}

func (ks *knownSet) name() string {
	if len(ks.where) == 1 {
		return ks.where[0]
	}
	return fmt.Sprintf("%s (and %d more figures of this set)", ks.where[0], len(ks.where)-1)
}

// sameCell reports whether two sets are published with the same cell: then, of two
// universes, their difference counts missing answers.
func sameCell(x, y *knownSet) bool {
	for _, c := range x.cells {
		for _, d := range y.cells {
			if slices.Equal(c, d) {
				return true
			}
		}
	}
	return false
}

// nestedCell reports whether a cell of sub lies in a cell of sup: then a reader who
// knows which cells hold responses knows that sub's rows are among sup's, when the
// universes are nested too.
func nestedCell(sub, sup *knownSet) bool {
	for _, c := range sub.cells {
		for _, d := range sup.cells {
			if c.subset(d) {
				return true
			}
		}
	}
	return false
}

// run tries every attack on the figures collected.
func (a *attack) run() {
	byKind := map[string][]*knownSet{}
	index := map[string]map[string]*knownSet{}
	for _, f := range a.figures {
		if index[f.kind] == nil {
			index[f.kind] = map[string]*knownSet{}
		}
		key := f.set.key()
		ks := index[f.kind][key]
		if ks == nil {
			ks = &knownSet{set: f.set, counted: f.counted, n: f.set.len(), people: a.t.people(f.set)}
			index[f.kind][key] = ks
			byKind[f.kind] = append(byKind[f.kind], ks)
		}
		ks.mismatch = ks.mismatch || f.mismatch
		if f.counted.len() > ks.counted.len() {
			ks.counted = f.counted
		}
		ks.where = append(ks.where, f.where)
		if !slices.ContainsFunc(ks.cells, func(c rowSet) bool { return slices.Equal(c, f.cell) }) {
			ks.cells = append(ks.cells, f.cell)
		}
	}
	kinds := make([]string, 0, len(byKind))
	for kind := range byKind {
		kinds = append(kinds, kind)
	}
	sort.Strings(kinds)
	small := func(s rowSet) (int, bool) {
		if s.empty() {
			return 0, false
		}
		n := a.t.people(s)
		return n, n > 0 && n < a.k
	}
	// (c) across universes: a count of one universe minus a count of another whose
	// cell differs (the responses of a wave minus a comparison side scored on trust);
	// of one cell, the difference is a count of missing answers, not of people.
	var counts []*knownSet
	countKind := map[*knownSet]string{}
	for _, kind := range kinds {
		if strings.HasPrefix(kind, "count:") {
			for _, s := range byKind[kind] {
				counts = append(counts, s)
				countKind[s] = kind
			}
		}
	}
	// By people, then rows: a superset comes after its subsets, and A − B holds at
	// least people(A) − people(B) people.
	sort.SliceStable(counts, func(i, j int) bool {
		if counts[i].people != counts[j].people {
			return counts[i].people < counts[j].people
		}
		return counts[i].n < counts[j].n
	})
	for j, B := range counts {
		if B.n == 0 {
			continue
		}
		for _, A := range counts[j+1:] {
			if A.people-B.people >= a.k {
				break
			}
			if countKind[A] == countKind[B] || A.n == B.n || !B.set.subset(A.set) || sameCell(A, B) {
				continue
			}
			rest := A.set.minus(B.set)
			if n, ok := small(rest); ok {
				tag := a.why(rest, A.counted.minus(B.counted), A.mismatch || B.mismatch)
				if tag == "" {
					switch u, c := nestedUniverse(countKind[B], countKind[A]), nestedCell(B, A); {
					case !u && !c:
						tag = "neither universes nor cells nested: B lies in A by the data"
					case !u:
						tag = "universes not nested: B lies in A by the data"
					case !c:
						tag = "cells not nested: B lies in A by the data"
					}
				}
				a.leak("(c) difference across universes", "count", tag, "%s minus %s leaves %d people in %d responses", A.name(), B.name(), n, rest.len())
			}
		}
	}
	for _, kind := range kinds {
		sets := byKind[kind]
		// (a) a published set of 1 … k−1 people.
		for _, s := range sets {
			if n, ok := small(s.set); ok {
				a.leak("(a) primary", kind, a.why(s.set, s.counted, s.mismatch), "%s describes %d people in %d responses (k = %d)", s.name(), n, s.n, a.k)
			}
		}
		// Subsets of every set.
		subs := make([][]*knownSet, len(sets))
		for i, A := range sets {
			for _, B := range sets {
				if B.n < A.n && B.n > 0 && B.set.subset(A.set) {
					subs[i] = append(subs[i], B)
				}
			}
		}
		for i, A := range sets {
			if A.n == 0 {
				continue
			}
			// (c) A ⊋ B.
			for _, B := range subs[i] {
				rest := A.set.minus(B.set)
				if n, ok := small(rest); ok {
					a.leak("(c) difference", kind, a.why(rest, A.counted.minus(B.counted), A.mismatch || B.mismatch), "%s minus %s leaves %d people in %d responses", A.name(), B.name(), n, rest.len())
				}
			}
			// (d) A minus disjoint subsets that differ along one attribute.
			for at := range attackAttrs {
				a.family(kind, A, subs[i], at)
			}
			// (d, e) A minus any two subsets, disjoint, or overlapping in a published set
			// (the org × role cross-cut: whole − org − role + org∩role).
			for x, B1 := range subs[i] {
				for _, B2 := range subs[i][x+1:] {
					if B1.set.subset(B2.set) || B2.set.subset(B1.set) {
						continue
					}
					inter := B1.set.and(B2.set)
					label := "disjoint"
					if !inter.empty() {
						c := index[kind][inter.key()]
						if c == nil {
							continue
						}
						label = "overlapping in " + c.name()
					}
					rest := A.set.minus(B1.set.or(B2.set))
					if n, ok := small(rest); ok {
						cl := "(d) two subsets"
						if label != "disjoint" {
							cl = "(e) inclusion–exclusion"
						}
						a.leak(cl, kind, a.why(rest, A.counted.minus(B1.counted.or(B2.counted)), A.mismatch || B1.mismatch || B2.mismatch), "%s minus %s and %s (%s) leaves %d people in %d responses", A.name(), B1.name(), B2.name(), label, n, rest.len())
					}
				}
			}
		}
	}
}

// attackAttrs are the attributes a family of subsets may differ along.
var attackAttrs = []func(r *attackRow) string{
	func(r *attackRow) string { return r.p },
	func(r *attackRow) string { return r.w },
	func(r *attackRow) string { return r.org },
	func(r *attackRow) string { return r.role },
	func(r *attackRow) string { return r.phase },
	func(r *attackRow) string { return r.group },
	func(r *attackRow) string { return r.partner },
}

var attackAttrNames = []string{"partnership", "wave", "org", "role", "phase", "group", "partner"}

// family tries A minus one published subset per value of attribute at (any choice,
// any values skipped), the subsets being those whose rows share that value.
func (a *attack) family(kind string, A *knownSet, subs []*knownSet, at int) {
	attr := attackAttrs[at]
	value := func(ks *knownSet) (string, bool) {
		if ks.values == nil {
			ks.values = make([]*string, len(attackAttrs))
		}
		if p := ks.values[at]; p != nil {
			return *p, *p != "\x00"
		}
		v, first := "", true
		for i := range a.t.rows {
			if ks.set.has(i) {
				x := attr(&a.t.rows[i])
				if first {
					v, first = x, false
				} else if x != v {
					v, first = "\x00", false
					break
				}
			}
		}
		if first {
			v = "\x00"
		}
		ks.values[at] = &v
		return v, v != "\x00"
	}
	if _, ok := value(A); ok {
		return // A has one value of at: no family along it
	}
	byValue := map[string][]*knownSet{}
	var values []string
	for _, B := range subs {
		if v, ok := value(B); ok {
			if byValue[v] == nil {
				values = append(values, v)
			}
			byValue[v] = append(byValue[v], B)
		}
	}
	if len(values) < 2 {
		return // one subset alone is rule (c)
	}
	sort.Strings(values)
	combos := 0
	var chosen []*knownSet
	var walk func(j int, union rowSet)
	walk = func(j int, union rowSet) {
		if combos > 4096 {
			return
		}
		if j == len(values) {
			if len(chosen) < 2 {
				return
			}
			combos++
			rest := A.set.minus(union)
			if rest.empty() {
				return
			}
			if n := a.t.people(rest); n < a.k {
				names := make([]string, len(chosen))
				counted, mis := A.counted, A.mismatch
				for i, c := range chosen {
					names[i] = c.name()
					counted = counted.minus(c.counted)
					mis = mis || c.mismatch
				}
				a.leak("(d) complement by "+attackAttrNames[at], kind, a.why(rest, counted, mis), "%s minus {%s} leaves %d people in %d responses", A.name(), strings.Join(names, "; "), n, rest.len())
				combos = 1 << 30 // one report per set and attribute
			}
			return
		}
		walk(j+1, union)
		for _, B := range byValue[values[j]] {
			chosen = append(chosen, B)
			walk(j+1, union.or(B.set))
			chosen = chosen[:len(chosen)-1]
		}
	}
	walk(0, make(rowSet, len(A.set)))
}

// attackRun runs one design through the command line and attacks its outputs.
func attackRun(t *testing.T, d *attackDesign, classes map[string]int) []string {
	t.Helper()
	dir := t.TempDir()
	input := filepath.Join(dir, "responses.csv")
	if err := os.WriteFile(input, d.csv(), 0o644); err != nil {
		t.Fatal(err)
	}
	args := []string{"run", "--input", input, "--out", filepath.Join(dir, "out"), "--formats", "csv,json,md", "--min-group", strconv.Itoa(d.k)}
	if d.roster {
		roster := filepath.Join(dir, "roster.csv")
		if err := os.WriteFile(roster, d.rosterCSV(), 0o644); err != nil {
			t.Fatal(err)
		}
		args = append(args, "--roster", roster)
	}
	r := mustRun(t, args...)
	if r.code != exitOK {
		if r.code == exitUsage && strings.Contains(r.stderr, "no usable response") {
			return nil
		}
		t.Fatalf("design %d: exit %d: %s", d.seed, r.code, lastLine(r.stderr))
	}
	a := &attack{t: newTruth(d.rows), k: d.k, classes: classes}
	out := filepath.Join(dir, "out")
	a.readAll(t, out, d)
	a.run()
	return a.leaks
}

func (a *attack) readAll(t *testing.T, out string, d *attackDesign) {
	a.roster = d.orgs
	a.readScores(t, out)
	a.readCompare(t, out)
	a.readReliability(t, out)
	a.readRates(t, out, d)
	a.readGaps(t, out)
	a.readTrends(t, out)
	a.readNetworkLinks(t, out)
	a.readSummary(t, out)
	a.readMarkdown(t, out)
}

// readMarkdown: summary.md must not print a count of 1 … k−1 responses.
func (a *attack) readMarkdown(t *testing.T, out string) {
	md := string(readFile(t, filepath.Join(out, "summary.md")))
	for _, line := range strings.Split(md, "\n") {
		if strings.HasPrefix(line, "renkei ") {
			continue // the header: the run's total, which docs/privacy.md says is published (the input's size)
		}
		f := strings.Fields(line)
		for i := 0; i+1 < len(f); i++ {
			if n, err := strconv.Atoi(f[i]); err == nil && n > 0 && n < a.k && strings.HasPrefix(f[i+1], "respon") {
				a.leak("(a) summary.md", "", "", "%q", line)
			}
		}
	}
}

// summarizeLeaks lists one example per class of leak (all with verbose), with counts.
func summarizeLeaks(leaks []string, verbose bool) string {
	slices.Sort(leaks)
	leaks = slices.Compact(leaks)
	byClass := map[string][]string{}
	var classes []string
	for _, l := range leaks {
		c := l[:strings.Index(l, "]")+1]
		if byClass[c] == nil {
			classes = append(classes, c)
		}
		byClass[c] = append(byClass[c], l)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%d leaks", len(leaks))
	for _, c := range classes {
		ls := byClass[c]
		if !verbose {
			ls = ls[:1]
		}
		for _, l := range ls {
			fmt.Fprintf(&b, "\n  %s", l)
		}
		if len(byClass[c]) > 1 && !verbose {
			fmt.Fprintf(&b, " (+%d more of this class)", len(byClass[c])-1)
		}
	}
	return b.String()
}

// TestDifferencingAttack plays the attacker of DESIGN.md's privacy rules on random
// small designs: it maps every published figure to the exact set of input rows it
// describes, then looks for a figure about 1 … k−1 people, a suppressed row that shows
// a number, and any difference of published sets (one from another, a set minus its
// disjoint subsets along one attribute or any two of them, and the org × role
// inclusion–exclusion) that leaves 1 … k−1 people. ATTACK_DESIGNS sets the number of
// designs, ATTACK_VERBOSE=1 lists every finding, ATTACK_PARTNERS=1 adds the designs
// with a partner column (attackPartners).
func TestDifferencingAttack(t *testing.T) {
	designs := 200
	if testing.Short() {
		designs = 8
	}
	if s := os.Getenv("ATTACK_DESIGNS"); s != "" {
		designs, _ = strconv.Atoi(s)
	}
	clearEnv(t)
	classes := map[string]int{}
	failed := 0
	for seed := uint64(1); seed <= uint64(designs); seed++ {
		d := genAttackDesign(seed)
		leaks := attackRun(t, &d, classes)
		if len(leaks) == 0 {
			continue
		}
		failed++
		t.Errorf("design seed %d (k = %d, %d rows): %s", seed, d.k, len(d.rows), summarizeLeaks(leaks, os.Getenv("ATTACK_VERBOSE") != ""))
	}
	names := make([]string, 0, len(classes))
	for c := range classes {
		names = append(names, c)
	}
	sort.Strings(names)
	var b strings.Builder
	for _, c := range names {
		fmt.Fprintf(&b, "  %6d  %s\n", classes[c], c)
	}
	if failed > 0 {
		t.Logf("%d of %d designs leak; findings by class:\n%s", failed, designs, b.String())
	}
}

// TestDifferencingSample runs the built-in sample at k = 3, 5 and 10. Its input (two
// files, labels, a partner column) is not re-read here: the test checks that no
// suppressed row shows a number and that no quality count names 1 … k−1 people.
func TestDifferencingSample(t *testing.T) {
	for _, k := range []int{3, 5, 10} {
		t.Run("k"+strconv.Itoa(k), func(t *testing.T) {
			clearEnv(t)
			out := filepath.Join(t.TempDir(), "out")
			if r := mustRun(t, "run", "--out", out, "--formats", "csv,json,md", "--min-group", strconv.Itoa(k)); r.code != exitOK {
				t.Fatalf("exit %d: %s", r.code, lastLine(r.stderr))
			}
			a := &attack{t: newTruth(nil), k: k, classes: map[string]int{}, sampleOnly: true}
			a.readAll(t, out, &attackDesign{})
			if len(a.leaks) > 0 {
				t.Errorf("sample at k = %d: %s", k, summarizeLeaks(a.leaks, os.Getenv("ATTACK_VERBOSE") != ""))
			}
		})
	}
}

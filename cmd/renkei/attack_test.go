package main

import (
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
// a mean.
type figure struct {
	where string // file and row, for the report
	kind  string
	set   rowSet
}

// attack collects what an attacker knows from one run's outputs and the leaks found.
type attack struct {
	sampleOnly bool // no input to map figures to: only the checks of what is shown
	cohort     *[2]rowSet
	grouped    bool
	t          *truth
	k          int
	figures    []figure
	leaks      []string
	classes    map[string]int
}

func (a *attack) leak(class, format string, args ...any) {
	short := class
	if i := strings.LastIndex(class, " "); i > 0 && (strings.HasPrefix(class[i+1:], "count:") || strings.HasPrefix(class[i+1:], "mean:")) {
		short = class[:i+1] + class[i+1:strings.Index(class[i+1:], ":")+i+1]
	}
	a.classes[short]++
	a.leaks = append(a.leaks, "["+class+"] "+fmt.Sprintf(format, args...))
}

func (a *attack) add(where, kind string, s rowSet) {
	if a.sampleOnly {
		return
	}
	a.figures = append(a.figures, figure{where: where, kind: kind, set: s.and(a.t.kept)})
}

// check compares a published n with the set's size in the input: a mismatch means the
// figure does not count the set this test maps it to (or counts duplicates).
func (a *attack) check(where, n string, s rowSet) {
	if n == "" || a.sampleOnly {
		return
	}
	got, err := strconv.Atoi(n)
	if err != nil {
		a.leak("unreadable", "%s: n %q", where, n)
		return
	}
	kept := s.and(a.t.kept)
	rows, people := kept.len(), a.t.people(kept)
	switch {
	case got == people:
	case got == rows:
		a.leak("n counts responses, not people", "%s: publishes n = %d, the set holds %d responses of %d distinct people", where, got, rows, people)
	case got == s.len() && a.t.dropped > 0:
		a.leak("duplicates counted", "%s: publishes n = %d, the set holds %d distinct people; %d with the duplicate rows", where, got, people, got)
	default:
		a.leak("n≠people", "%s: publishes n = %d, the input has %d distinct people (%d rows) in that set", where, got, people, rows)
	}
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
				a.leak("(b) suppressed shows", "%s: %v", where, shown)
			}
			continue
		}
		s := a.pw(row["partnership"], row["wave"])
		switch row["breakdown"] {
		case "org":
			s = s.and(a.t.where(func(_ int, r *attackRow) bool { return r.org == row["group"] }))
		case "role":
			s = s.and(a.t.where(func(_ int, r *attackRow) bool { return r.role == row["group"] }))
		}
		s = a.scored(s, row["dimension"])
		a.check(where, row["n"], s)
		a.add(where, "count:scored:"+row["dimension"], s)
		a.add(where, "mean:"+row["dimension"], s)
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
				a.leak("(b) suppressed shows", "%s: %v", where, shown)
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
			a.check(where+" (unmatched_before)", row["unmatched_before"], um[0])
			a.check(where+" (unmatched_after)", row["unmatched_after"], um[1])
			a.add(where+" (unmatched_before)", "count:all", um[0])
			a.add(where+" (unmatched_after)", "count:all", um[1])
			a.check(where+" (n_pairs)", row["n_pairs"], a.rowsOf(vals[0]))
		} else {
			for side := range 2 {
				for i := range a.t.rows {
					if sides[side].has(i) && a.hasValue(i, row["dimension"], row["item"]) {
						vals[side] = append(vals[side], i)
					}
				}
			}
		}
		for side, name := range []string{"before", "after"} {
			s := a.rowsOf(vals[side])
			w := where + " (" + name + ")"
			a.check(w, row["n_"+name], s)
			a.add(w, "count:"+universeOf(row["dimension"], row["item"]), s)
			a.add(w, "mean:"+v, s)
		}
	}
}

func (a *attack) readReliability(t *testing.T, dir string) {
	for _, row := range csvRows(t, filepath.Join(dir, "reliability.csv")) {
		where := fmt.Sprintf("reliability.csv %s,%s,%s n=%s n_complete=%s", row["wave"], row["dimension"], row["item"], row["n"], row["n_complete"])
		if row["suppressed"] == "true" {
			if shown := shownColumns(row, "wave", "dimension", "item", "suppressed", "warnings"); len(shown) > 0 {
				a.leak("(b) suppressed shows", "%s: %v", where, shown)
			}
			continue
		}
		d := slices.Index(attackDims, row["dimension"])
		inWave := func(r *attackRow) bool { return row["wave"] == "all" || r.w == row["wave"] }
		if row["item"] != "" {
			it := itemIndex(row["item"])
			s := a.t.where(func(_ int, r *attackRow) bool { return inWave(r) && r.ans[it] != 0 })
			a.check(where, row["n"], s)
			a.add(where, "count:answered:"+row["item"], s)
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
		s := a.t.where(func(_ int, r *attackRow) bool { return inWave(r) && answered(r) > 0 })
		a.check(where, row["n"], s)
		a.add(where, "count:anyitem:"+row["dimension"], s)
		c := a.t.where(func(_ int, r *attackRow) bool { return inWave(r) && answered(r) == 4 })
		a.check(where+" (n_complete)", row["n_complete"], c)
		a.add(where+" (n_complete)", "count:complete:"+row["dimension"], c)
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
				a.leak("(b) suppressed shows", "%s: %v", where, shown)
			}
			continue
		}
		onRoster := d.orgs[row["partnership"]]
		s := a.pw(row["partnership"], row["wave"]).and(a.t.where(func(_ int, r *attackRow) bool {
			switch row["level"] {
			case "org":
				return r.org == row["org"]
			case "role":
				return r.role == row["role"] && slices.Contains(onRoster, r.org)
			}
			return true
		}))
		a.check(where, row["responses"], s)
		a.add(where, "count:all", s)
	}
}

func (a *attack) readGaps(t *testing.T, dir string) {
	path := filepath.Join(dir, "gaps.csv")
	if _, err := os.Stat(path); err != nil {
		return
	}
	for _, row := range csvRows(t, path) {
		for _, side := range []string{"a", "b"} {
			where := fmt.Sprintf("gaps.csv %s,%s,%s,%s,%s (side %s) n=%s mean=%s", row["partnership"], row["wave"], row["kind"], row["dimension"], row["group_"+side], side, row["n_"+side], row["mean_"+side])
			if row["n_"+side] == "" && row["mean_"+side] == "" {
				continue
			}
			if row["suppression_"+side] != "" {
				a.leak("(b) suppressed shows", "%s: a suppressed side shows n or mean", where)
			}
			g := row["group_"+side]
			s := a.pw(row["partnership"], row["wave"]).and(a.t.where(func(_ int, r *attackRow) bool {
				if row["kind"] == "layers" {
					return r.role == g
				}
				return r.org == g
			}))
			s = a.scored(s, row["dimension"])
			a.check(where, row["n_"+side], s)
			a.add(where, "count:scored:"+row["dimension"], s)
			a.add(where, "mean:"+row["dimension"], s)
		}
	}
}

// readTrends: latest_mean is the latest wave's mean; latest_mean − last_change the
// previous wave's, which a reader gets by one subtraction.
func (a *attack) readTrends(t *testing.T, dir string) {
	for _, row := range csvRows(t, filepath.Join(dir, "trends.csv")) {
		p, dim := row["partnership"], row["dimension"]
		if row["latest_mean"] != "" {
			where := fmt.Sprintf("trends.csv %s,%s latest %s mean=%s", p, dim, row["latest_wave"], row["latest_mean"])
			a.add(where, "mean:"+dim, a.scored(a.pw(p, row["latest_wave"]), dim))
		}
		if row["last_change"] != "" && row["previous_wave"] != "" {
			where := fmt.Sprintf("trends.csv %s,%s latest_mean − last_change = mean of %s", p, dim, row["previous_wave"])
			s := a.scored(a.pw(p, row["previous_wave"]), dim)
			a.add(where, "mean:"+dim, s)
			if lm, err1 := strconv.ParseFloat(row["latest_mean"], 64); err1 == nil {
				if lc, err2 := strconv.ParseFloat(row["last_change"], 64); err2 == nil && !s.empty() {
					if want := a.t.mean(s, varIndex(dim)); math.Abs(lm-lc-want) > 1e-9 {
						a.leak("semantics", "%s: %v, the input's mean of that set is %v", where, lm-lc, want)
					}
				}
			}
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
		a.add(where, "mean:health", a.scored(a.pw(row["partnership"], row["wave"]), "health"))
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
				Problems    map[string]int `json:"problems"`
				Waves       []struct {
					Wave       string         `json:"wave"`
					Suppressed bool           `json:"suppressed"`
					Responses  *int           `json:"responses"`
					Flagged    *int           `json:"flagged"`
					Problems   map[string]int `json:"problems"`
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
					a.leak("(b) suppressed shows", "%s: shows n or mean", where)
				}
				continue
			}
			set := a.scored(a.pw(p.ID, p.LatestWave), sc.Dimension)
			a.check(where, num(sc.N), set)
			a.add(where, "count:scored:"+sc.Dimension, set)
			a.add(where, "mean:"+sc.Dimension, set)
		}
	}
	quality := func(where string, supp bool, responses, flagged *int, problems map[string]int, set rowSet) {
		if supp {
			if responses != nil || flagged != nil || len(problems) > 0 {
				a.leak("(b) suppressed shows", "%s: shows responses/flagged/problems", where)
			}
			return
		}
		a.check(where+" responses", num(responses), set)
		a.add(where+" responses="+num(responses), "count:all", set)
		// Flagged responses are a set of respondents too (straight-lining, too few
		// answers, duplicates): their count alone names 1 … k−1 people.
		if flagged != nil && *flagged > 0 && *flagged < a.k {
			a.leak("(a) quality count", "%s: flagged = %d", where, *flagged)
		}
		for code, n := range problems {
			if n > 0 && n < a.k {
				a.leak("(a) quality count", "%s: problems.%s = %d", where, code, n)
			}
		}
	}
	for _, p := range s.Quality.Partnerships {
		quality("summary.json quality."+p.Partnership, p.Suppressed, p.Responses, p.Flagged, p.Problems, a.pw(p.Partnership, ""))
		for _, w := range p.Waves {
			quality("summary.json quality."+p.Partnership+"."+w.Wave, w.Suppressed, w.Responses, w.Flagged, w.Problems, a.pw(p.Partnership, w.Wave))
		}
	}
	for _, c := range s.Comparison {
		where := fmt.Sprintf("summary.json comparison[%s,%s,%s] n=%s/%s pairs=%s", c.Scope, c.Group, c.Design, num(c.NBefore), num(c.NAfter), num(c.NPairs))
		if c.Suppressed {
			if c.NBefore != nil || c.NAfter != nil || c.NPairs != nil {
				a.leak("(b) suppressed shows", "%s: a suppressed scope shows its counts", where)
			}
			continue
		}
		sides, pairs := a.scopeSides(c.Scope, c.Group)
		a.check(where+" (before)", num(c.NBefore), sides[0])
		a.check(where+" (after)", num(c.NAfter), sides[1])
		a.add(where+" (before)", "count:all", sides[0])
		a.add(where+" (after)", "count:all", sides[1])
		if c.Design == "paired" {
			var pb []int
			for _, pr := range pairs {
				pb = append(pb, pr[0])
			}
			a.check(where+" (pairs)", num(c.NPairs), a.rowsOf(pb))
			a.add(where+" (pairs)", "count:all", a.rowsOf(pb))
		}
	}
}

// knownSet is a distinct published set of one kind and the figures that publish it.
type knownSet struct {
	set    rowSet
	n      int // rows
	where  []string
	values []*string // per attribute: the one value its rows share, "\x00" for none
}

func (ks *knownSet) name() string {
	if len(ks.where) == 1 {
		return ks.where[0]
	}
	return fmt.Sprintf("%s (and %d more figures of this set)", ks.where[0], len(ks.where)-1)
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
			ks = &knownSet{set: f.set, n: f.set.len()}
			index[f.kind][key] = ks
			byKind[f.kind] = append(byKind[f.kind], ks)
		}
		ks.where = append(ks.where, f.where)
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
	// (c) across universes: a count of one universe minus a count of another (the
	// responses of a partnership × wave minus those scored on trust, say).
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
	sort.SliceStable(counts, func(i, j int) bool { return counts[i].n < counts[j].n })
	for j, B := range counts {
		if B.n == 0 {
			continue
		}
		for _, A := range counts[j+1:] {
			if A.n-B.n >= 2*a.k {
				break
			}
			if countKind[A] == countKind[B] || A.n == B.n || !B.set.subset(A.set) {
				continue
			}
			if n, ok := small(A.set.minus(B.set)); ok {
				a.leak("(c) difference count across universes", "%s minus %s leaves %d people", A.name(), B.name(), n)
			}
		}
	}
	for _, kind := range kinds {
		sets := byKind[kind]
		// (a) a published set of 1 … k−1 people.
		for _, s := range sets {
			if n, ok := small(s.set); ok {
				a.leak("(a) primary "+kind, "%s describes %d people (k = %d)", s.name(), n, a.k)
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
				if n, ok := small(A.set.minus(B.set)); ok {
					a.leak("(c) difference "+kind, "%s minus %s leaves %d people", A.name(), B.name(), n)
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
					if n, ok := small(A.set.minus(B1.set.or(B2.set))); ok {
						cl := "(d) two subsets "
						if label != "disjoint" {
							cl = "(e) inclusion–exclusion "
						}
						a.leak(cl+kind, "%s minus %s and %s (%s) leaves %d people", A.name(), B1.name(), B2.name(), label, n)
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
}

var attackAttrNames = []string{"partnership", "wave", "org", "role", "phase", "group"}

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
				for i, c := range chosen {
					names[i] = c.name()
				}
				a.leak("(d) complement by "+attackAttrNames[at]+" "+kind, "%s minus {%s} leaves %d people", A.name(), strings.Join(names, "; "), n)
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
		f := strings.Fields(line)
		for i := 0; i+1 < len(f); i++ {
			if n, err := strconv.Atoi(f[i]); err == nil && n > 0 && n < a.k && strings.HasPrefix(f[i+1], "respon") {
				a.leak("(a) summary.md", "%q", line)
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
// inclusion–exclusion) that leaves 1 … k−1 people.
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

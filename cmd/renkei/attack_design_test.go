package main

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"math/bits"
	"math/rand/v2"
	"os"
	"slices"
	"strconv"
)

// attackPartners turns the partner designs on (genAttackDesign): on unless
// ATTACK_PARTNERS=0. The directed views go through the run-wide control (and their own
// rule, analysis/gaps.go hideDirected); without partners the designs are those of the
// test before partners were added.
var attackPartners = os.Getenv("ATTACK_PARTNERS") != "0"

// attackItems are the built-in codebook's items in column order, by dimension; the
// reverse-worded ones (score = 6 − answer) are comm4, trust4 and role4 — shared goals
// has none (go run ./cmd/renkei codebook).
var (
	attackItems   = []string{"comm1", "comm2", "comm3", "comm4", "trust1", "trust2", "trust3", "trust4", "role1", "role2", "role3", "role4", "goal1", "goal2", "goal3", "goal4"}
	attackReverse = map[int]bool{3: true, 7: true, 11: true}
	attackDims    = []string{"communication", "trust", "role_clarity", "shared_goals"}
)

// attackRow is one input row of a generated design; an answer of 0 is blank.
type attackRow struct {
	p, w, id, org, partner, role, phase, group string
	ans                                        [16]int
}

// attackDesign is a small random survey: its rows in file order, the k to run it with,
// and whether a roster (org × role expected counts) goes with it.
type attackDesign struct {
	seed       uint64
	k          int
	rows       []attackRow
	roster     bool
	orgs       map[string][]string // partnership → orgs on the roster
	roles      []string
	hasPhase   bool
	hasGroup   bool
	hasID      bool
	hasPartner bool // a partner column: the org each row rates (directed views)
	rosterRows [][]string
}

// genAttackDesign draws design seed: 1–4 partnerships, 1–4 waves, 0–3 orgs and roles
// (some rows without), 3–40 rows per partnership × wave, respondent ids none / unique /
// reused across waves and phases, an optional phase and group column, blanks (some rows
// mostly blank, so that dimensions go unscored), exact duplicate rows and repeated ids;
// with ATTACK_PARTNERS=1, in about a third of the designs with two or more orgs, a
// partner column (the directed views of gaps.csv).
func genAttackDesign(seed uint64) attackDesign {
	r := rand.New(rand.NewPCG(seed, 0x72656e6b6569))
	// Partners are drawn from a stream of their own, so that a design's other
	// attributes are the same with and without them.
	rp := rand.New(rand.NewPCG(seed, 0x706172746e6572))
	d := attackDesign{seed: seed, k: 3 + 2*r.IntN(2), orgs: map[string][]string{}}
	np, nw := 1+r.IntN(4), 1+r.IntN(4)
	norg, nrole := r.IntN(4), r.IntN(4)
	idMode := r.IntN(3) // 0 no ids, 1 a new id per row, 2 ids reused
	d.hasID = idMode > 0
	d.hasPhase = r.IntN(5) < 3
	d.hasGroup = d.hasPhase && r.IntN(2) == 0
	blank := []float64{0, 0.05, 0.15, 0.3}[r.IntN(4)]
	heavy := []float64{0, 0.05, 0.15}[r.IntN(3)] // rows with most answers blank
	dupRate := []float64{0, 0.03, 0.08}[r.IntN(3)]
	noOrg, noRole := []float64{0, 0.1, 0.3}[r.IntN(3)], []float64{0, 0.1, 0.3}[r.IntN(3)]
	for i := range nrole {
		d.roles = append(d.roles, []string{"top", "middle", "frontline"}[i])
	}
	d.roster = norg > 0 && r.IntN(2) == 0
	// About a third of the designs with two or more orgs name, in each row with an org,
	// another org of its partnership as the partner rated (some rows none).
	d.hasPartner = attackPartners && norg >= 2 && rp.IntN(3) == 0
	noPartner := []float64{0, 0.1, 0.3}[rp.IntN(3)]
	type person struct{ id, org, role, group string }
	fresh := 0
	for pi := range np {
		p := fmt.Sprintf("p%d", pi+1)
		var orgs []string
		for o := range norg {
			orgs = append(orgs, fmt.Sprintf("%s-org%d", p, o+1))
		}
		d.orgs[p] = orgs
		pick := func(vals []string, none float64) string {
			if len(vals) == 0 || r.Float64() < none {
				return ""
			}
			return vals[r.IntN(len(vals))]
		}
		newPerson := func() person {
			fresh++
			g := []string{"trained", "untrained"}[r.IntN(2)]
			if r.IntN(20) == 0 {
				g = ""
			}
			return person{id: fmt.Sprintf("r%04d", fresh), org: pick(orgs, noOrg), role: pick(d.roles, noRole), group: g}
		}
		var pool []person
		poolSize := 3 + r.IntN(40)
		for range poolSize {
			pool = append(pool, newPerson())
		}
		for wi := range nw {
			w := fmt.Sprintf("2026Q%d", wi+1)
			n := 3 + r.IntN(38)
			for range n {
				var who person
				switch idMode {
				case 2:
					who = pool[r.IntN(len(pool))]
				default:
					who = newPerson()
				}
				row := attackRow{p: p, w: w, org: who.org, role: who.role}
				if idMode > 0 {
					row.id = who.id
				}
				if d.hasPhase {
					switch x := r.IntN(20); {
					case x < 9:
						row.phase = "before"
					case x < 18:
						row.phase = "after"
					}
					if nw > 1 && r.IntN(3) > 0 { // mostly: early waves before, late after
						row.phase = "before"
						if wi >= nw/2 {
							row.phase = "after"
						}
					}
				}
				if d.hasGroup {
					row.group = who.group
				}
				if d.hasPartner && row.org != "" && rp.Float64() >= noPartner {
					others := slices.DeleteFunc(slices.Clone(orgs), func(o string) bool { return o == row.org })
					row.partner = others[rp.IntN(len(others))]
				}
				rate := blank
				if r.Float64() < heavy {
					rate = 0.8
				}
				for i := range row.ans {
					if r.Float64() >= rate {
						row.ans[i] = 1 + r.IntN(5)
					}
				}
				d.rows = append(d.rows, row)
				if r.Float64() < dupRate {
					d.rows = append(d.rows, row) // an exact duplicate
				}
			}
		}
	}
	r.Shuffle(len(d.rows), func(i, j int) { d.rows[i], d.rows[j] = d.rows[j], d.rows[i] })
	if d.roster {
		for pi := range np {
			p := fmt.Sprintf("p%d", pi+1)
			for _, o := range d.orgs[p] {
				if len(d.roles) == 0 {
					d.rosterRows = append(d.rosterRows, []string{p, p, o, "agency", "", strconv.Itoa(5 + r.IntN(30))})
				}
				for _, role := range d.roles {
					d.rosterRows = append(d.rosterRows, []string{p, p, o, "agency", role, strconv.Itoa(2 + r.IntN(15))})
				}
			}
		}
	}
	return d
}

// csv renders the design's responses.
func (d *attackDesign) csv() []byte {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	head := []string{"partnership", "wave", "respondent", "org", "role"}
	if d.hasPartner {
		head = append(head, "partner")
	}
	if d.hasPhase {
		head = append(head, "phase")
	}
	if d.hasGroup {
		head = append(head, "group")
	}
	if !d.hasID {
		head = append(head[:2], head[3:]...)
	}
	w.Write(append(head, attackItems...))
	for _, row := range d.rows {
		rec := []string{row.p, row.w, row.id, row.org, row.role}
		if !d.hasID {
			rec = append(rec[:2], rec[3:]...)
		}
		if d.hasPartner {
			rec = append(rec, row.partner)
		}
		if d.hasPhase {
			rec = append(rec, row.phase)
		}
		if d.hasGroup {
			rec = append(rec, row.group)
		}
		for _, a := range row.ans {
			if a == 0 {
				rec = append(rec, "")
			} else {
				rec = append(rec, strconv.Itoa(a))
			}
		}
		w.Write(rec)
	}
	w.Flush()
	return b.Bytes()
}

// rosterCSV renders the design's roster.
func (d *attackDesign) rosterCSV() []byte {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.Write([]string{"partnership", "name", "org", "kind", "role", "expected"})
	w.WriteAll(d.rosterRows)
	return b.Bytes()
}

// truth is the input as a careful reader resolves it, independently of renkei: every
// input row, and in kept the rows that count (a later row with the same respondent, partnership, wave and phase,
// or an identical row without an id, is dropped), each row's person (partnership and
// id; a row without id is a person of its own), and its scores.
type truth struct {
	rows []attackRow
	kept rowSet
	// inWave are the rows a wave's own tables may count (scores, reliability, rates,
	// gaps, trends, quality), dropped duplicates included: every row but a second
	// answer of a respondent in the same partnership and wave, in whatever phase — one
	// person once in a wave, by the first place in the input; the comparison has both.
	inWave  rowSet
	person  []int
	dimOK   [][5]bool    // dimensions, then health
	score   [][5]float64 // respondent-level score
	dropped int
	words   int
	persons int
	stamp   []int // scratch of people
	gen     int
}

func newTruth(in []attackRow) *truth {
	t := &truth{rows: in, words: (len(in) + 63) / 64}
	t.kept = make(rowSet, t.words)
	seenKey := map[[4]string]bool{}
	seenRow := map[attackRow]bool{}
	persons := map[[2]string]int{}
	for i, row := range in {
		dup := false
		if row.id != "" {
			key := [4]string{row.id, row.p, row.w, row.phase}
			dup = seenKey[key]
			seenKey[key] = true
		} else {
			dup = seenRow[row]
			seenRow[row] = true
		}
		if dup {
			t.dropped++
		} else {
			t.kept[i/64] |= 1 << (i % 64)
		}
		pid := -1
		if row.id != "" {
			k := [2]string{row.p, row.id}
			if v, ok := persons[k]; ok {
				pid = v
			} else {
				pid = t.persons
				persons[k] = pid
				t.persons++
			}
		} else {
			pid = t.persons
			t.persons++
		}
		t.person = append(t.person, pid)
		var ok [5]bool
		var sc [5]float64
		all := true
		var hsum float64
		for d := range 4 {
			n, sum := 0, 0
			for i := 4 * d; i < 4*d+4; i++ {
				if a := row.ans[i]; a != 0 {
					if attackReverse[i] {
						a = 6 - a
					}
					n++
					sum += a
				}
			}
			if 2*n >= 4 { // at least half of the dimension's items answered
				ok[d], sc[d] = true, float64(sum)/float64(n)
				hsum += sc[d]
			} else {
				all = false
			}
		}
		if all {
			ok[4], sc[4] = true, hsum/4
		}
		t.dimOK = append(t.dimOK, ok)
		t.score = append(t.score, sc)
	}
	first := map[[3]string]int{}
	for i, row := range in {
		if row.id != "" {
			if _, ok := first[[3]string{row.p, row.id, row.w}]; !ok {
				first[[3]string{row.p, row.id, row.w}] = i
			}
		}
	}
	t.inWave = t.where(func(i int, row *attackRow) bool {
		return row.id == "" || first[[3]string{row.p, row.id, row.w}] == i
	})
	return t
}

// rowSet is a set of truth rows.
type rowSet []uint64

// where is the set of the rows for which f holds, dropped duplicates included (the
// attack keeps only the rows that count; the n check also looks at all rows).
func (t *truth) where(f func(i int, r *attackRow) bool) rowSet {
	s := make(rowSet, t.words)
	for i := range t.rows {
		if f(i, &t.rows[i]) {
			s[i/64] |= 1 << (i % 64)
		}
	}
	return s
}

func (s rowSet) has(i int) bool { return s[i/64]&(1<<(i%64)) != 0 }

func (s rowSet) len() int {
	n := 0
	for _, w := range s {
		n += bits.OnesCount64(w)
	}
	return n
}

// subset reports whether s ⊆ o.
func (s rowSet) subset(o rowSet) bool {
	for i, w := range s {
		if w&^o[i] != 0 {
			return false
		}
	}
	return true
}

func (s rowSet) minus(o rowSet) rowSet {
	out := make(rowSet, len(s))
	for i, w := range s {
		out[i] = w &^ o[i]
	}
	return out
}

func (s rowSet) and(o rowSet) rowSet {
	out := make(rowSet, len(s))
	for i, w := range s {
		out[i] = w & o[i]
	}
	return out
}

func (s rowSet) or(o rowSet) rowSet {
	out := make(rowSet, len(s))
	for i, w := range s {
		out[i] = w | o[i]
	}
	return out
}

func (s rowSet) empty() bool {
	for _, w := range s {
		if w != 0 {
			return false
		}
	}
	return true
}

func (s rowSet) key() string {
	b := make([]byte, 0, 8*len(s))
	for _, w := range s {
		for j := range 8 {
			b = append(b, byte(w>>(8*j)))
		}
	}
	return string(b)
}

// people counts the distinct persons among the rows of s.
func (t *truth) people(s rowSet) int {
	if t.stamp == nil {
		t.stamp = make([]int, t.persons)
	}
	t.gen++
	n := 0
	for w, word := range s {
		for word != 0 {
			i := 64*w + bits.TrailingZeros64(word)
			word &= word - 1
			if p := t.person[i]; t.stamp[p] != t.gen {
				t.stamp[p] = t.gen
				n++
			}
		}
	}
	return n
}

// mean is the mean score on variable v (0–3 dimensions, 4 health) over s.
func (t *truth) mean(s rowSet, v int) float64 {
	sum, n := 0.0, 0
	for i := range t.rows {
		if s.has(i) {
			sum += t.score[i][v]
			n++
		}
	}
	return sum / float64(n)
}

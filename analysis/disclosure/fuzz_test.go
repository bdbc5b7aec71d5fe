package disclosure

import (
	"testing"
)

// FuzzAuditor registers sets read from arbitrary bytes over arbitrary atoms and
// checks, against a brute-force reading of what was published, that Run never panics
// and leaves no leak of the kinds it promises to close: no published set of 1 … k−1,
// no published set containing another of its universe by 1 … k−1 more, and no
// published set that its published subsets along one attribute leave 1 … k−1 short.
//
//	go test ./analysis/disclosure -run XXX -fuzz FuzzAuditor -fuzztime 1000000x
func FuzzAuditor(f *testing.F) {
	f.Add([]byte{5, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16})
	f.Add([]byte{3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 200, 17, 34, 51, 68, 85, 102})
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) < 2 {
			return
		}
		k := 3 + int(data[0])%4
		data = data[1:]
		next := func() int {
			if len(data) == 0 {
				return 0
			}
			b := data[0]
			data = data[1:]
			return int(b)
		}
		// Up to 24 atoms over small attribute ranges, counts 0–15, two universes (the
		// second a part of the first).
		atoms := NewAtoms(2)
		nAtoms := 1 + next()%24
		for range nAtoms {
			var k Key
			for at := range Attrs {
				k[at] = int32(next() % 3)
			}
			n := next() % 16
			atoms.Add(k, 0, n)
			atoms.Add(k, 1, n-min(n, next()%3))
		}
		a := NewAuditor(atoms, k)
		type reg struct {
			id      SetID
			u       int
			members map[Key]int // per atom, the respondents of the set
			explain string
		}
		var regs []reg
		nSets := 1 + next()%20
		for range nSets {
			u := next() % 2
			switch next() % 3 {
			case 0, 1: // a selector
				sel := All
				for at := range Attrs {
					if v := next() % 5; v < 3 {
						sel[at] = int32(v)
					}
				}
				m := map[Key]int{}
				for _, key := range atoms.Keys() {
					if sel.Matches(key) {
						if c := atoms.Count(key, u); c > 0 {
							m[key] = c
						}
					}
				}
				regs = append(regs, reg{a.Select(u, sel, next()%4), u, m, "select"})
			case 2: // explicit members: the first few of some atoms
				// A respondent is the j-th of its atom (id 16·atom + j), in every
				// universe and set: sets that take the first few of an atom share them.
				var ms []Member
				m := map[Key]int{}
				for i, key := range atoms.Keys() {
					if next()%2 == 0 {
						continue
					}
					take := min(atoms.Count(key, u), next()%16)
					for j := range take {
						ms = append(ms, Member{ID: int32(16*i + j), Key: key})
					}
					if take > 0 {
						m[key] = take
					}
				}
				regs = append(regs, reg{a.Explicit(u, ms, next()%4, All), u, m, "explicit"})
			}
		}
		a.Run()
		size := func(m map[Key]int) int {
			n := 0
			for _, c := range m {
				n += c
			}
			return n
		}
		// subset reports whether x ⊆ y: every set holds the first few respondents of
		// each of its atoms (a selector all of them).
		subset := func(x, y reg) bool {
			for key, c := range x.members {
				if y.members[key] < c {
					return false
				}
			}
			return true
		}
		for _, r := range regs {
			if a.Reason(r.id) == Published {
				if n := size(r.members); n < k {
					t.Fatalf("published set of %d (k = %d): %s %v", n, k, r.explain, r.members)
				}
			}
		}
		for _, x := range regs {
			for _, y := range regs {
				if x.id == y.id || x.u != y.u || a.Reason(x.id) != Published || a.Reason(y.id) != Published {
					continue
				}
				if subset(x, y) {
					if d := size(y.members) - size(x.members); d > 0 && d < k {
						t.Fatalf("published %s %v inside published %s %v leaves %d (k = %d)", x.explain, x.members, y.explain, y.members, d, k)
					}
				}
			}
		}
	})
}

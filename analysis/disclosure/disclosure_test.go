package disclosure

import (
	"fmt"
	"testing"
)

// key builds an atom of partnership p, wave w, org o, role r and phase ph.
func key(p, w, o, r, ph int32) Key { return Key{p, w, o, r, ph, 0} }

// atoms counts n respondents of each given atom in universe 0.
func atoms(cells map[Key]int) *Atoms {
	a := NewAtoms(1)
	for k, n := range cells {
		a.Add(k, 0, n)
	}
	return a
}

func TestAuditor(t *testing.T) {
	pw := All.With(Partnership, 1).With(Wave, 1)
	type reg struct {
		sel      Selector
		members  []Member // explicit when not nil
		priority int
	}
	members := func(k Key, first, n int) []Member {
		var m []Member
		for i := range n {
			m = append(m, Member{ID: int32(first + i), Key: k})
		}
		return m
	}
	for _, tc := range []struct {
		name  string
		cells map[Key]int
		sets  []reg
		want  []Reason
	}{
		{
			name:  "FewerThanK",
			cells: map[Key]int{key(1, 1, 1, 0, 0): 4, key(1, 1, 2, 0, 0): 6},
			sets:  []reg{{sel: pw.With(Org, 1)}, {sel: pw.With(Org, 2)}},
			want:  []Reason{FewerThanK, Published},
		},
		{
			// The whole (10) minus org 2 (6) would describe org 1's 4 people.
			name:  "ComplementOfAHiddenGroup",
			cells: map[Key]int{key(1, 1, 1, 0, 0): 4, key(1, 1, 2, 0, 0): 6},
			sets:  []reg{{sel: pw, priority: 2}, {sel: pw.With(Org, 1)}, {sel: pw.With(Org, 2)}},
			want:  []Reason{Published, FewerThanK, Difference},
		},
		{
			// Respondents without an org are in no org row: 2 of them would be
			// recovered from the whole minus the two visible orgs.
			name:  "ComplementOfRespondentsInNoGroup",
			cells: map[Key]int{key(1, 1, 1, 0, 0): 8, key(1, 1, 2, 0, 0): 7, key(1, 1, 0, 0, 0): 2},
			sets:  []reg{{sel: pw, priority: 2}, {sel: pw.With(Org, 1)}, {sel: pw.With(Org, 2)}},
			want:  []Reason{Published, Published, Complement},
		},
		{
			name:  "ComplementLeavesKOrMore",
			cells: map[Key]int{key(1, 1, 1, 0, 0): 8, key(1, 1, 2, 0, 0): 7, key(1, 1, 0, 0, 0): 5},
			sets:  []reg{{sel: pw, priority: 2}, {sel: pw.With(Org, 1)}, {sel: pw.With(Org, 2)}},
			want:  []Reason{Published, Published, Published},
		},
		{
			// A role that lies wholly in one org: the org minus the role is 3 people.
			name:  "DifferenceAcrossBreakdowns",
			cells: map[Key]int{key(1, 1, 1, 1, 0): 6, key(1, 1, 1, 2, 0): 3, key(1, 1, 2, 2, 0): 9},
			sets:  []reg{{sel: pw.With(Org, 1), priority: 1}, {sel: pw.With(Role, 1)}},
			want:  []Reason{Published, Difference},
		},
		{
			// A comparison's before side (explicit, 8 people) inside a wave of 10.
			name:  "ExplicitInsideAWave",
			cells: map[Key]int{key(1, 1, 0, 0, 1): 8, key(1, 1, 0, 0, 0): 2},
			sets: []reg{{sel: pw, priority: 2},
				{members: members(key(1, 1, 0, 0, 1), 0, 8)}},
			want: []Reason{Published, Difference},
		},
		{
			// A before side over two waves that holds all of wave 1 (10): the side
			// minus the wave is wave 2's 2 people.
			name:  "WaveInsideAnExplicit",
			cells: map[Key]int{key(1, 1, 0, 0, 1): 10, key(1, 2, 0, 0, 1): 2, key(1, 2, 0, 0, 0): 9},
			sets: []reg{{sel: pw, priority: 2}, {sel: All.With(Partnership, 1).With(Wave, 2), priority: 2},
				{members: append(members(key(1, 1, 0, 0, 1), 0, 10), members(key(1, 2, 0, 0, 1), 10, 2)...)}},
			want: []Reason{Published, Published, Difference},
		},
		{
			// Pairs (explicit) inside the before side (explicit): one unmatched person.
			name:  "ExplicitInsideExplicit",
			cells: map[Key]int{key(1, 1, 0, 0, 1): 21},
			sets: []reg{{members: members(key(1, 1, 0, 0, 1), 0, 21), priority: 1},
				{members: members(key(1, 1, 0, 0, 1), 0, 20)}},
			want: []Reason{Published, Difference},
		},
		{
			// A pooled set over partnerships minus the visible partnerships.
			name:  "PooledMinusVisiblePartnerships",
			cells: map[Key]int{key(1, 1, 0, 0, 0): 10, key(2, 1, 0, 0, 0): 12, key(3, 1, 0, 0, 0): 3},
			sets: []reg{{sel: All.With(Wave, 1)}, {sel: pw, priority: 2}, {sel: All.With(Partnership, 2).With(Wave, 1), priority: 2},
				{sel: All.With(Partnership, 3).With(Wave, 1), priority: 2}},
			want: []Reason{Complement, Published, Published, FewerThanK},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := NewAuditor(atoms(tc.cells), 5)
			var ids []SetID
			for _, r := range tc.sets {
				if r.members != nil {
					ids = append(ids, a.Explicit(0, r.members, r.priority, All))
				} else {
					ids = append(ids, a.Select(0, r.sel, r.priority))
				}
			}
			a.Run()
			var got []Reason
			for _, id := range ids {
				got = append(got, a.Reason(id))
			}
			if fmt.Sprint(got) != fmt.Sprint(tc.want) {
				t.Errorf("reasons %v, want %v", got, tc.want)
			}
		})
	}
}

func TestAuditorTwoDisjointSubsets(t *testing.T) {
	// Whole 25: org 2 (7, all in role 1) and role 2 (14, all in other orgs) are
	// disjoint though told apart by different attributes; 25 − 7 − 14 = 4.
	a := NewAuditor(atoms(map[Key]int{key(1, 1, 2, 1, 0): 7, key(1, 1, 1, 2, 0): 14, key(1, 1, 1, 1, 0): 4}), 5)
	pw := All.With(Partnership, 1).With(Wave, 1)
	whole := a.Select(0, pw, 2)
	org := a.Select(0, pw.With(Org, 2), 1)
	role := a.Select(0, pw.With(Role, 2), 1)
	a.Run()
	if a.Reason(whole) != Published || a.Reason(org) == Published && a.Reason(role) == Published {
		t.Errorf("whole %v, org %v, role %v: want the whole shown and the org or the role hidden", a.Reason(whole), a.Reason(org), a.Reason(role))
	}
}

func TestAuditorUnionAndSameFigureTwice(t *testing.T) {
	// A role row over two orgs (a union) inside the wave, 3 short of it; and the
	// wave's count registered twice, in two universes with the same respondents:
	// hidden or shown together.
	cells := NewAtoms(2)
	for k, n := range map[Key]int{key(1, 1, 1, 1, 0): 6, key(1, 1, 2, 1, 0): 6, key(1, 1, 3, 2, 0): 3} {
		cells.Add(k, 0, n)
		cells.Add(k, 1, n)
	}
	a := NewAuditor(cells, 5)
	pw := All.With(Partnership, 1).With(Wave, 1)
	wave0 := a.Select(0, pw, 1)
	wave1 := a.Select(1, pw, 3)
	role := a.Union(0, []Selector{pw.With(Org, 1).With(Role, 1), pw.With(Org, 2).With(Role, 1)}, 2, pw.With(Role, 1))
	a.Run()
	if a.Reason(role) == Published {
		t.Errorf("the role row (12 of 15) is shown")
	}
	if a.Reason(wave0) != a.Reason(wave1) || a.Reason(wave0) != Published {
		t.Errorf("the wave's two copies: %v and %v, want both shown", a.Reason(wave0), a.Reason(wave1))
	}
}

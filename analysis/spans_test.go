package analysis

import (
	"slices"
	"testing"
)

func TestPartnershipSpans(t *testing.T) {
	groupsOf := func(partnerships ...int32) *Result {
		r := &Result{}
		for _, p := range partnerships {
			r.groups = append(r.groups, resultGroup{partnership: p})
		}
		return r
	}
	for _, c := range []struct {
		name string
		res  *Result
		n    int
		want [][2]int
	}{
		{name: "Empty", res: groupsOf(), n: 2, want: nil},
		{name: "OnePartnership", res: groupsOf(0, 0, 0), n: 2, want: [][2]int{{0, 3}}},
		{name: "TwoPerSpan", res: groupsOf(0, 0, 1, 2, 2, 2, 3, 4), n: 2, want: [][2]int{{0, 3}, {3, 7}, {7, 8}}},
		{name: "OnePerSpan", res: groupsOf(0, 1, 1, 2), n: 1, want: [][2]int{{0, 1}, {1, 3}, {3, 4}}},
		{name: "AllInOne", res: groupsOf(0, 1, 2), n: 16, want: [][2]int{{0, 3}}},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := c.res.partnershipSpans(c.n); !slices.Equal(got, c.want) {
				t.Errorf("spans %v, want %v", got, c.want)
			}
		})
	}
}

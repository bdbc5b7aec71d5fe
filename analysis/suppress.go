package analysis

// Suppression says why a group's statistics are not published.
type Suppression uint8

// Reasons for suppression.
const (
	NotSuppressed Suppression = iota
	// FewerThanK: fewer than MinGroup respondents have a score (primary suppression).
	FewerThanK
	// Complementary: the group is large enough, but publishing it would let a reader
	// recover a smaller hidden group by subtracting the visible groups from the whole
	// partnership (secondary suppression).
	Complementary
)

func (s Suppression) String() string {
	switch s {
	case FewerThanK:
		return "fewer_than_k"
	case Complementary:
		return "complementary"
	}
	return ""
}

// suppress decides, for every group and variable, whether its statistics may be
// published. Primary: a group with fewer than k scored respondents. Complementary:
// within one partnership, wave, variable and breakdown (org or role), the groups that
// are hidden — together with the respondents who belong to no group of that breakdown
// (no org, or no role, given), whom no row shows — must number 0 or at least k;
// otherwise the whole partnership minus the visible groups would reveal fewer than k
// people. While they number 1 to k−1, the smallest visible group is hidden too.
//
// What a reader can still compute — the pooled mean of all hidden groups — then
// describes at least k respondents, like any published figure.
func (r *Result) suppress(k int) {
	vars := len(r.Codebook.Dimensions) + 1
	for i := range r.groups {
		g := &r.groups[i]
		g.suppression = make([]Suppression, vars)
		for v := range vars {
			if int(g.acc.n[v]) < k {
				g.suppression[v] = FewerThanK
			}
		}
	}
	for start := 0; start < len(r.groups); {
		end := start + 1
		for end < len(r.groups) && r.groups[end].partnership == r.groups[start].partnership && r.groups[end].wave == r.groups[start].wave {
			end++
		}
		block := r.groups[start:end]
		start = end
		if block[0].breakdown != BreakdownAll {
			continue // every response is in its partnership's whole group; defensive
		}
		for _, b := range []Breakdown{BreakdownOrg, BreakdownRole} {
			var members []*resultGroup
			for i := range block {
				if block[i].breakdown == b {
					members = append(members, &block[i])
				}
			}
			for v := range vars {
				complement(&block[0], members, v, k)
			}
		}
	}
}

// complement applies complementary suppression to the members of one breakdown of a
// whole group, for variable v.
func complement(whole *resultGroup, members []*resultGroup, v, k int) {
	if whole.suppression[v] != NotSuppressed {
		return // every member is smaller than the whole, so hidden already
	}
	hidden := int(whole.acc.n[v])
	for _, m := range members {
		if m.suppression[v] == NotSuppressed {
			hidden -= int(m.acc.n[v])
		}
	}
	for hidden > 0 && hidden < k {
		var smallest *resultGroup
		for _, m := range members {
			if m.suppression[v] == NotSuppressed && (smallest == nil || m.acc.n[v] < smallest.acc.n[v]) {
				smallest = m
			}
		}
		if smallest == nil {
			return // unreachable: with every member hidden, hidden is the whole, ≥ k
		}
		smallest.suppression[v] = Complementary
		hidden += int(smallest.acc.n[v])
	}
}

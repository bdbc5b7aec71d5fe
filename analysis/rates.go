package analysis

import (
	"math"
	"sort"

	"renkei/survey"
)

// RateLevel names what a ResponseRate counts.
type RateLevel string

// Levels of response rate.
const (
	RateAll  RateLevel = "all"  // the whole partnership
	RateOrg  RateLevel = "org"  // one member organisation
	RateRole RateLevel = "role" // one role, over the organisations the roster lists role by role
)

// Response-rate warnings.
const (
	// WarnUnderRepresented: a member organisation answered at less than half the rate
	// of the partnership's other members together, so the partnership's scores speak
	// mostly for the other side.
	WarnUnderRepresented = "under_represented"
	// WarnOverExpected: more responses than the roster expects; the roster is probably
	// out of date, or responses name the wrong organisation.
	WarnOverExpected = "over_expected"
)

// UnderRepresentedRatio is the share of the other members' response rate below which
// an organisation is under-represented.
const UnderRepresentedRatio = 0.5

// ResponseRate is the response rate of one partnership, member organisation or role in
// one wave: responses over the respondents the roster expects. Responses and Rate are
// withheld (Suppressed) when fewer than k responded, or when they would reveal such a
// count by subtraction.
type ResponseRate struct {
	Partnership string
	Wave        survey.Wave
	Level       RateLevel
	Org, Role   string // by Level
	Expected    int
	Suppressed  bool
	Suppression Suppression
	Responses   int
	Rate        float64 // Responses/Expected; NaN when nothing is expected
	// Warning is WarnUnderRepresented or WarnOverExpected (org rows), or empty. The
	// other members' rate behind it is not published: with the whole's count it could
	// reveal the count of responses from organisations off the roster.
	Warning string
}

// ResponseRates compares the responses counted by a (which must count responses) with
// the roster: per roster partnership and wave in which it has responses, the whole
// partnership, each member organisation, and each role of the organisations listed
// role by role. Suppression follows the scores': a count below k is hidden, and while
// the responses not shown among a partnership's org (or role) rows — hidden rows, and
// responses from organisations (roles) not on the roster — number 1 to k−1, the
// smallest shown row is hidden too. The warnings are decided on the true counts: a
// hidden count can still be under-represented, and the warning then says so without
// the number.
func (a *RelationAggregator) ResponseRates(roster *survey.Roster, k int) []ResponseRate {
	if roster == nil || a.responses == nil {
		return nil
	}
	type pwKey struct{ p, w int32 }
	type count struct{ org, role string }
	byPW := map[pwKey]map[count]int{}
	for key, n := range a.responses {
		pw := pwKey{key.partnership, key.wave}
		if byPW[pw] == nil {
			byPW[pw] = map[count]int{}
		}
		byPW[pw][count{a.names.names[key.org], a.names.names[key.partner]}] += n
	}
	var out []ResponseRate
	for _, rp := range roster.Partnerships {
		pid, ok := a.names.index[rp.ID]
		if !ok {
			continue
		}
		var waves []int32
		for pw := range byPW {
			if pw.p == pid {
				waves = append(waves, pw.w)
			}
		}
		sort.Slice(waves, func(i, j int) bool { return waves[i] < waves[j] })
		for i, w := range waves {
			counts := byPW[pwKey{pid, w}]
			out = append(out, partnershipRates(&rp, survey.WaveFromIndex(int(w)), i == len(waves)-1, func(org, role string, byRole bool) int {
				n := 0
				for c, m := range counts {
					if (org == "" || c.org == org) && (!byRole || c.role == role) {
						n += m
					}
				}
				return n
			}, k)...)
		}
	}
	return out
}

// partnershipRates computes one partnership's rates in one wave, with warnings when
// latest; responses(org, role, byRole) counts the responses of org ("" for any) with
// role (when byRole).
func partnershipRates(rp *survey.RosterPartnership, wave survey.Wave, latest bool, responses func(org, role string, byRole bool) int, k int) []ResponseRate {
	base := ResponseRate{Partnership: rp.ID, Wave: wave}
	whole := base
	whole.Level, whole.Expected, whole.Responses = RateAll, rp.Expected(), responses("", "", false)
	rows := []ResponseRate{whole}
	expectedOrg := map[string]int{}
	expectedRole := map[string]int{}
	byRole := map[string]bool{}
	for _, m := range rp.Members {
		expectedOrg[m.Org] += m.Expected
		if m.Role != "" {
			expectedRole[m.Role] += m.Expected
			byRole[m.Org] = true
		}
	}
	orgStart := len(rows)
	for _, org := range rp.Orgs() {
		r := base
		r.Level, r.Org, r.Expected, r.Responses = RateOrg, org, expectedOrg[org], responses(org, "", false)
		rows = append(rows, r)
	}
	roleStart := len(rows)
	for _, role := range sortedKeys(expectedRole) {
		r := base
		r.Level, r.Role, r.Expected = RateRole, role, expectedRole[role]
		for org := range byRole {
			r.Responses += responses(org, role, true)
		}
		rows = append(rows, r)
	}
	for i := range rows {
		rows[i].Rate = math.NaN()
		if rows[i].Expected > 0 {
			rows[i].Rate = float64(rows[i].Responses) / float64(rows[i].Expected)
		}
	}
	if latest {
		warn(rows[orgStart:roleStart])
	}
	if whole.Responses < k {
		rows[0].Suppressed, rows[0].Suppression = true, FewerThanK
	}
	suppressCounts(whole, rows[orgStart:roleStart], k)
	suppressCounts(whole, rows[roleStart:], k)
	for i := range rows {
		if rows[i].Suppressed {
			rows[i].Responses, rows[i].Rate = 0, math.NaN()
		}
	}
	return rows
}

// warn raises the response-rate warnings on the org rows of one partnership and wave.
func warn(orgs []ResponseRate) {
	for i := range orgs {
		o := &orgs[i]
		if o.Expected == 0 {
			continue
		}
		if o.Responses > o.Expected {
			o.Warning = WarnOverExpected
			continue
		}
		othersExpected, othersResponses := 0, 0
		for j := range orgs {
			if j != i {
				othersExpected += orgs[j].Expected
				othersResponses += orgs[j].Responses
			}
		}
		if othersExpected == 0 {
			continue
		}
		others := float64(othersResponses) / float64(othersExpected)
		if others > 0 && o.Rate < UnderRepresentedRatio*others {
			o.Warning = WarnUnderRepresented
		}
	}
}

// suppressCounts hides the counts below k and, while the whole's responses not shown
// among members number 1 to k−1, the smallest shown member too. A whole below k hides
// everything.
func suppressCounts(whole ResponseRate, members []ResponseRate, k int) {
	for i := range members {
		if members[i].Responses < k || whole.Responses < k {
			members[i].Suppressed, members[i].Suppression = true, FewerThanK
		}
	}
	for {
		hidden, smallest := whole.Responses, -1
		for i := range members {
			if !members[i].Suppressed {
				hidden -= members[i].Responses
				if smallest < 0 || members[i].Responses < members[smallest].Responses {
					smallest = i
				}
			}
		}
		if hidden == 0 || hidden >= k || smallest < 0 {
			break
		}
		members[smallest].Suppressed, members[smallest].Suppression = true, Complementary
	}
}

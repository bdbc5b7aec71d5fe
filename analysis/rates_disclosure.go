package analysis

import (
	"math"

	"renkei/analysis/disclosure"
	"renkei/survey"
)

// RegisterRates adds the responses behind each response rate to the run's disclosure
// control d, in universe 0 (every response): a whole partnership, one org, or one role
// over the organisations the roster lists role by role. A rate its own rules hide
// counts as hidden. ApplyRates then takes d's decisions.
func RegisterRates(rates []ResponseRate, roster *survey.Roster, d *Disclosure) []disclosure.SetID {
	if roster == nil {
		return nil
	}
	t := d.Table
	byRole := map[string][]string{} // partnership → orgs listed role by role
	for _, rp := range roster.Partnerships {
		seen := map[string]bool{}
		for _, m := range rp.Members {
			if m.Role != "" && !seen[m.Org] {
				seen[m.Org] = true
				byRole[rp.ID] = append(byRole[rp.ID], m.Org)
			}
		}
	}
	ids := make([]disclosure.SetID, len(rates))
	for i, r := range rates {
		sel := disclosure.All.With(disclosure.Partnership, t.id(atomPartnership, r.Partnership)).With(disclosure.Wave, int32(r.Wave.Index()))
		switch r.Level {
		case RateAll:
			ids[i] = d.Auditor.Select(0, sel, priorityCounts)
		case RateOrg:
			ids[i] = d.Auditor.Select(0, sel.With(disclosure.Org, t.id(atomOrg, r.Org)), priorityCounts)
		case RateRole:
			var sels []disclosure.Selector
			for _, org := range byRole[r.Partnership] {
				sels = append(sels, sel.With(disclosure.Org, t.id(atomOrg, org)).With(disclosure.Role, t.id(atomRole, r.Role)))
			}
			// It describes the role in the orgs the roster lists by role, not the role
			// in the partnership, which scores.csv shows: a description of its own.
			ids[i] = d.Auditor.Union(0, sels, priorityCounts, sel.With(disclosure.Role, t.id(atomRole, r.Role)).With(disclosure.Org, rosterOrgs))
		}
		if r.Suppressed {
			d.Auditor.Hide(ids[i], reasonOf(r.Suppression))
		}
	}
	return ids
}

// rosterOrgs stands, in a description, for "the organisations the roster lists role
// by role": no org id is negative but Any.
const rosterOrgs int32 = -2

// ApplyRates hides the rates d's auditor decided to hide, after Run. A hidden count
// keeps no over_expected warning: with the roster's expected count just below k it
// would pin the hidden count. An under_represented warning stays: it bounds the count
// from above only, and it is what a reader most needs to know.
func ApplyRates(rates []ResponseRate, ids []disclosure.SetID, d *Disclosure) {
	for i, id := range ids {
		r := &rates[i]
		switch reason := d.Auditor.Reason(id); {
		case reason == disclosure.Published:
		case !r.Suppressed:
			r.Suppressed, r.Suppression = true, suppressionOf(reason)
		}
		if r.Suppressed {
			r.Responses, r.Rate = 0, math.NaN()
			if r.Warning == WarnOverExpected {
				r.Warning = ""
			}
		}
	}
}

// reasonOf and suppressionOf translate between the tables' suppression and the
// disclosure control's reasons.
func reasonOf(s Suppression) disclosure.Reason {
	if s == FewerThanK {
		return disclosure.FewerThanK
	}
	return disclosure.Complement
}

func suppressionOf(r disclosure.Reason) Suppression {
	switch r {
	case disclosure.Published:
		return NotSuppressed
	case disclosure.FewerThanK:
		return FewerThanK
	}
	return Complementary
}

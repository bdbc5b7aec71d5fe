package reports

import (
	"renkei/analysis"
	"renkei/survey"
)

// partnershipView is what the charts show of one partnership: the whole partnership's
// scores in every wave it has, and its latest wave's scores per org and role. Only
// selection happens here; every number is a statistic of the analysis.Result.
type partnershipView struct {
	id    string
	waves []survey.Wave           // chronological
	all   [][]analysis.GroupScore // per wave, per dimension (health last)
	orgs  []groupProfile          // latest wave
	roles []groupProfile          // latest wave
}

// groupProfile is one org's or role's scores on every dimension (health last).
type groupProfile struct {
	name   string
	scores []analysis.GroupScore
}

// latest returns the whole partnership's scores in its latest wave.
func (v *partnershipView) latest() []analysis.GroupScore { return v.all[len(v.all)-1] }

// latestWave returns the partnership's latest wave.
func (v *partnershipView) latestWave() survey.Wave { return v.waves[len(v.waves)-1] }

// published reports whether any score of the partnership may be shown. A partnership
// below k in every wave and on every dimension appears in no chart at all, not even by
// name. Org and role groups are parts of the whole, so the whole decides.
func (v *partnershipView) published() bool {
	for _, wave := range v.all {
		for _, s := range wave {
			if !s.Suppressed {
				return true
			}
		}
	}
	return false
}

// collectViews reads res.Scores once into one view per partnership (sorted). It keeps
// the answer distributions of the latest wave only, so memory stays a small multiple
// of partnerships × waves × dimensions.
func collectViews(res *analysis.Result) []*partnershipView {
	var views []*partnershipView
	var v *partnershipView
	for s := range res.Scores() {
		if v == nil || v.id != s.Partnership {
			v = &partnershipView{id: s.Partnership}
			views = append(views, v)
		}
		if len(v.waves) == 0 || v.latestWave() != s.Wave {
			if len(v.all) > 0 {
				for i := range v.latest() {
					v.latest()[i].Distribution = nil
				}
			}
			v.waves = append(v.waves, s.Wave)
			v.all = append(v.all, nil)
			v.orgs, v.roles = nil, nil
		}
		switch s.Breakdown {
		case analysis.BreakdownAll:
			v.all[len(v.all)-1] = append(v.all[len(v.all)-1], s)
		case analysis.BreakdownOrg:
			v.orgs = addToProfile(v.orgs, s)
		case analysis.BreakdownRole:
			v.roles = addToProfile(v.roles, s)
		}
	}
	return views
}

// addToProfile appends s to the profile of its group, the last one when the group is
// the same (Scores yields a group's dimensions together).
func addToProfile(profiles []groupProfile, s analysis.GroupScore) []groupProfile {
	if n := len(profiles); n > 0 && profiles[n-1].name == s.Group {
		profiles[n-1].scores = append(profiles[n-1].scores, s)
		return profiles
	}
	return append(profiles, groupProfile{name: s.Group, scores: []analysis.GroupScore{s}})
}

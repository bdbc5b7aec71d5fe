package reports

import (
	"sort"

	"renkei/analysis"
	"renkei/survey"
)

// The parts of summary.json that describe the partnerships' seams: gaps between views,
// the stakeholder map, response rates and suggested actions.

// summaryGaps is summary.json's one place for gaps between views; the partnerships per
// gap flag are in its top-level flags, with the trend flags.
type summaryGaps struct {
	Settings summaryGapSettings `json:"settings"`
	Flagged  []summaryGap       `json:"flagged"` // see flaggedGaps
}

type summaryGapSettings struct {
	MinGap float64 `json:"min_gap"` // on the instrument's scale
	Alpha  float64 `json:"alpha"`
	Adjust string  `json:"adjust"`
}

type summaryGap struct {
	Partnership string         `json:"partnership"`
	Wave        string         `json:"wave"`
	Kind        string         `json:"kind"`
	Dimension   string         `json:"dimension"`
	A           summaryGapSide `json:"a"`
	B           summaryGapSide `json:"b"`
	Gap         *float64       `json:"gap,omitempty"`
	CILow       *float64       `json:"ci_low,omitempty"`
	CIHigh      *float64       `json:"ci_high,omitempty"`
	P           *float64       `json:"p,omitempty"`
	PAdj        *float64       `json:"p_adj,omitempty"`
	Flag        string         `json:"flag"`
}

type summaryGapSide struct {
	Group   string   `json:"group"`
	Partner string   `json:"partner,omitempty"`
	N       int      `json:"n"`
	Mean    *float64 `json:"mean,omitempty"`
}

type summaryNetwork struct {
	Orgs                  []summaryOrg    `json:"orgs"`
	Links                 []summaryLink   `json:"links"`
	SinglePointsOfFailure []summaryCutOff `json:"single_points_of_failure"` // most cut off first
}

type summaryOrg struct {
	Org            string   `json:"org"`
	Partnerships   []string `json:"partnerships"`
	Degree         int      `json:"degree"`
	WeightedDegree float64  `json:"weighted_degree"`
	Betweenness    *float64 `json:"betweenness,omitempty"`
	Articulation   bool     `json:"articulation"`
	CutOff         int      `json:"cut_off"`
	X              *float64 `json:"x,omitempty"`
	Y              *float64 `json:"y,omitempty"`
}

type summaryLink struct {
	Partnership string   `json:"partnership"`
	A           string   `json:"a"`
	B           string   `json:"b"`
	Wave        string   `json:"wave,omitempty"`
	Health      *float64 `json:"health,omitempty"`
	Weight      *float64 `json:"weight,omitempty"`
	Band        string   `json:"band,omitempty"`
	Bridge      bool     `json:"bridge"`
	OneContact  bool     `json:"one_contact"`
	Kind        string   `json:"kind,omitempty"`
}

type summaryCutOff struct {
	Org    string `json:"org"`
	CutOff int    `json:"cut_off"`
}

type summaryRates struct {
	Roster   string        `json:"roster"`
	Latest   []summaryRate `json:"latest"`   // each partnership's rows in its latest wave
	Warnings []summaryRate `json:"warnings"` // the warned rows among them
}

type summaryRate struct {
	Partnership string   `json:"partnership"`
	Wave        string   `json:"wave"`
	Level       string   `json:"level"`
	Org         string   `json:"org,omitempty"`
	Role        string   `json:"role,omitempty"`
	Expected    int      `json:"expected"`
	Suppressed  bool     `json:"suppressed"`
	Responses   *int     `json:"responses,omitempty"`
	Rate        *float64 `json:"rate,omitempty"`
	Warning     string   `json:"warning,omitempty"`
}

type summaryActions struct {
	Lang        string              `json:"lang"`
	Source      string              `json:"source"`
	Suggestions []summarySuggestion `json:"suggestions"`
}

type summarySuggestion struct {
	Partnership string   `json:"partnership"`
	Wave        string   `json:"wave"`
	Dimension   string   `json:"dimension"`
	Band        string   `json:"band"`
	Mean        float64  `json:"mean"`
	Actions     []string `json:"actions"`
}

// addRelations fills the seams' parts of s from rel; nothing when rel is nil.
func addRelations(s *summaryJSON, rel *Relations, cb *survey.Codebook, cal survey.Calendar) {
	if rel == nil {
		return
	}
	s.Gaps = gapsSummary(rel, cb, cal, s.Flags)
	if rel.Map != nil {
		s.Network = networkSummary(rel.Map, cal)
	}
	if rel.Roster != "" {
		s.ResponseRates = ratesSummary(rel, cal)
	}
	s.Actions = &summaryActions{Lang: rel.Lang, Source: rel.Actions, Suggestions: []summarySuggestion{}}
	for _, sg := range rel.Suggestions {
		acts := sg.Actions
		if acts == nil {
			acts = []string{}
		}
		s.Actions.Suggestions = append(s.Actions.Suggestions, summarySuggestion{
			Partnership: sg.Partnership, Wave: cal.Label(sg.Wave), Dimension: sg.Dimension, Band: string(sg.Band), Mean: sg.Mean, Actions: acts,
		})
	}
}

// gapFlags are the flags a gap raises, in the order summary.json and the report list
// them.
var gapFlags = []analysis.Flag{analysis.FlagAsymmetric, analysis.FlagPerceptionGap, analysis.FlagLayerGap}

// flaggedGaps returns rel.Flagged; nil without rel.
func flaggedGaps(rel *Relations) []analysis.Gap {
	if rel == nil {
		return nil
	}
	return rel.Flagged
}

// gapsSummary lists the flagged gaps, and adds to flags, per gap flag, the partnerships
// with such a gap (every gap flag named, as the trend flags are).
func gapsSummary(rel *Relations, cb *survey.Codebook, cal survey.Calendar, flags map[string][]string) *summaryGaps {
	out := &summaryGaps{
		Settings: summaryGapSettings{MinGap: rel.GapOptions.MinGapOn(cb), Alpha: analysis.Alpha, Adjust: string(rel.GapOptions.Adjust)},
		Flagged:  []summaryGap{},
	}
	for _, f := range gapFlags {
		flags[string(f)] = []string{}
	}
	for _, g := range flaggedGaps(rel) {
		if ps := flags[string(g.Flag)]; len(ps) == 0 || ps[len(ps)-1] != g.Partnership { // gaps are sorted by partnership
			flags[string(g.Flag)] = append(ps, g.Partnership)
		}
		out.Flagged = append(out.Flagged, summaryGap{
			Partnership: g.Partnership, Wave: cal.Label(g.Wave), Kind: string(g.Kind), Dimension: g.Dimension,
			A:   summaryGapSide{Group: g.A.Group, Partner: g.A.Partner, N: g.A.N, Mean: jsonNumber(g.A.Mean)},
			B:   summaryGapSide{Group: g.B.Group, Partner: g.B.Partner, N: g.B.N, Mean: jsonNumber(g.B.Mean)},
			Gap: jsonNumber(g.Diff), CILow: jsonNumber(g.CILow), CIHigh: jsonNumber(g.CIHigh),
			P: jsonNumber(g.P), PAdj: jsonNumber(g.PAdj), Flag: string(g.Flag),
		})
	}
	return out
}

func networkSummary(m *analysis.StakeholderMap, cal survey.Calendar) *summaryNetwork {
	out := &summaryNetwork{Orgs: []summaryOrg{}, Links: []summaryLink{}, SinglePointsOfFailure: []summaryCutOff{}}
	for _, o := range m.Orgs {
		out.Orgs = append(out.Orgs, summaryOrg{
			Org: o.Org, Partnerships: o.Partnerships, Degree: o.Degree, WeightedDegree: o.WeightedDegree,
			Betweenness: jsonNumber(o.Betweenness), Articulation: o.Articulation, CutOff: o.CutOff, X: jsonNumber(o.X), Y: jsonNumber(o.Y),
		})
	}
	for _, o := range singlePointsOfFailure(m) {
		out.SinglePointsOfFailure = append(out.SinglePointsOfFailure, summaryCutOff{Org: o.Org, CutOff: o.CutOff})
	}
	for _, l := range m.Links {
		sl := summaryLink{Partnership: l.Partnership, A: l.A, B: l.B, Bridge: l.Bridge, OneContact: l.OneContact, Kind: string(l.Kind)}
		if l.Reported {
			sl.Wave, sl.Health, sl.Weight, sl.Band = cal.Label(l.Wave), jsonNumber(l.Health), jsonNumber(l.Weight), string(l.Band)
		}
		out.Links = append(out.Links, sl)
	}
	return out
}

// singlePointsOfFailure returns the map's articulation points, those that cut off
// most first (by name among equals).
func singlePointsOfFailure(m *analysis.StakeholderMap) []analysis.OrgNode {
	var out []analysis.OrgNode
	for _, o := range m.Orgs {
		if o.Articulation {
			out = append(out, o)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].CutOff > out[j].CutOff })
	return out
}

// latestRates returns the response rates of each partnership's latest wave.
func latestRates(rates []analysis.ResponseRate) []analysis.ResponseRate {
	latest := map[string]survey.Wave{}
	for _, r := range rates {
		if w, ok := latest[r.Partnership]; !ok || w.Less(r.Wave) {
			latest[r.Partnership] = r.Wave
		}
	}
	var out []analysis.ResponseRate
	for _, r := range rates {
		if r.Wave == latest[r.Partnership] {
			out = append(out, r)
		}
	}
	return out
}

func ratesSummary(rel *Relations, cal survey.Calendar) *summaryRates {
	out := &summaryRates{Roster: rel.Roster, Latest: []summaryRate{}, Warnings: []summaryRate{}}
	for _, r := range latestRates(rel.Rates) {
		sr := summaryRate{
			Partnership: r.Partnership, Wave: cal.Label(r.Wave), Level: string(r.Level), Org: r.Org, Role: r.Role,
			Expected: r.Expected, Suppressed: r.Suppressed, Warning: r.Warning,
		}
		if !r.Suppressed {
			n := r.Responses
			sr.Responses, sr.Rate = &n, jsonNumber(r.Rate)
		}
		out.Latest = append(out.Latest, sr)
		if r.Warning != "" {
			out.Warnings = append(out.Warnings, sr)
		}
	}
	return out
}

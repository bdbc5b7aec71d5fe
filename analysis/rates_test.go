package analysis

import (
	"math"
	"strings"
	"testing"

	"renkei/survey"
)

// countedResponses makes responses of partnership p in 2026Q1: n per org and role.
func countedResponses(t *testing.T, cb *survey.Codebook, p string, counts map[[2]string]int) []*survey.Response {
	var out []*survey.Response
	for key, n := range counts {
		for range n {
			out = append(out, &survey.Response{Partnership: p, Wave: mustParseWave(t, "2026Q1"), Org: key[0], Role: key[1], Answers: make([]int8, len(cb.Items))})
		}
	}
	return out
}

func TestResponseRates(t *testing.T) {
	cb := survey.BuiltinCodebook()
	roster, err := survey.ReadRoster(strings.NewReader(survey.RosterHeader+
		"\np,,Hospital,,top,4\np,,Hospital,,frontline,26\np,,Office,,,20\np,,School,,,10\n"+
		"q,,A,,,10\nq,,B,,,3\n"), "roster.csv")
	if err != nil {
		t.Fatal(err)
	}
	rel := NewRelationAggregator(cb, true)
	for _, r := range countedResponses(t, cb, "p", map[[2]string]int{
		{"Hospital", "top"}: 3, {"Hospital", "frontline"}: 5, // 8 of 30: 27%, against 26 of 30 (87%) for the others
		{"Office", "frontline"}: 18, {"Office", ""}: 1, // 19 of 20
		{"School", "top"}: 7, // 7 of 10
		{"", ""}:          2, // no org: counted in the whole only
	}) {
		rel.Add(r)
	}
	for _, r := range countedResponses(t, cb, "q", map[[2]string]int{{"A", ""}: 6, {"B", ""}: 4}) {
		rel.Add(r)
	}
	rates := rel.ResponseRates(roster, 5)
	type want struct {
		expected, responses int
		suppression         Suppression
		warning             string
	}
	got := map[string]ResponseRate{}
	for _, r := range rates {
		got[r.Partnership+"/"+string(r.Level)+"/"+r.Org+r.Role] = r
	}
	for key, w := range map[string]want{
		"p/all/":         {60, 36, NotSuppressed, ""},
		"p/org/Hospital": {30, 8, NotSuppressed, WarnUnderRepresented},
		"p/org/Office":   {20, 19, NotSuppressed, ""},
		// The 2 responses without an org would be the whole minus the orgs shown: the
		// smallest org, School, is hidden too.
		"p/org/School": {10, 0, Complementary, ""},
		// Roles count over the orgs listed role by role (Hospital): top has 3.
		"p/role/top":       {4, 0, FewerThanK, ""},
		"p/role/frontline": {26, 5, NotSuppressed, ""},
		"q/all/":           {13, 10, NotSuppressed, ""},
		// B's 4 responses are hidden, so A's 6 would reveal them: A is hidden as well.
		// Its warning stands on the true counts: 6 of 10 against B's 4 of 3.
		"q/org/A": {10, 0, Complementary, WarnUnderRepresented},
		"q/org/B": {3, 0, FewerThanK, WarnOverExpected},
	} {
		r, ok := got[key]
		if !ok {
			t.Errorf("%s: no row", key)
			continue
		}
		if r.Expected != w.expected || r.Responses != w.responses || r.Suppression != w.suppression || r.Suppressed != (w.suppression != NotSuppressed) || r.Warning != w.warning {
			t.Errorf("%s: %+v, want %+v", key, r, w)
		}
		if r.Suppressed != math.IsNaN(r.Rate) || (!r.Suppressed && r.Rate != float64(w.responses)/float64(w.expected)) {
			t.Errorf("%s: rate %v", key, r.Rate)
		}
	}
	if len(rates) != 9 {
		t.Errorf("%d rows, want 9", len(rates))
	}
}

package reports

import (
	"maps"
	"slices"
	"strings"
	"testing"

	"renkei/analysis"
	"renkei/survey"
)

// TestChooseDetail: with more reported partnerships than the limit, the report details
// the flagged ones first, then the lowest health, then by name; partnerships below k
// are neither counted nor chosen.
func TestChooseDetail(t *testing.T) {
	cb := survey.BuiltinCodebook()
	res := chartResult(cb, []group{
		{partnership: "alpha", wave: w26q1, n: 8, answer: constant(5)},
		{partnership: "bravo", wave: w26q1, n: 8, answer: constant(2)},
		{partnership: "charlie", wave: w26q1, n: 8, answer: constant(3)},
		{partnership: "delta", wave: w26q1, n: 8, answer: constant(3)},
		{partnership: "echo", wave: w26q1, n: 8, answer: constant(4)},
		{partnership: "tiny", wave: w26q1, n: 2, answer: constant(1)},
	})
	declining := []analysis.Trend{{Partnership: "alpha", Dimension: "trust", Flags: []analysis.Flag{analysis.FlagDeclining}}}
	improving := []analysis.Trend{{Partnership: "alpha", Dimension: "trust", Flags: []analysis.Flag{analysis.FlagImproving}}}
	for _, c := range []struct {
		name   string
		limit  int
		trends []analysis.Trend
		want   []string // nil: every partnership
	}{
		{name: "NoLimit", limit: 0},
		{name: "LimitAboveReported", limit: 5},
		{name: "LowestHealthFirst", limit: 2, want: []string{"bravo", "charlie"}},
		{name: "TiesByName", limit: 3, want: []string{"bravo", "charlie", "delta"}},
		{name: "FlaggedFirst", limit: 2, trends: declining, want: []string{"alpha", "bravo"}},
		{name: "ImprovingIsNotAFlagOfConcern", limit: 2, trends: improving, want: []string{"bravo", "charlie"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			d := ChooseDetail(&Run{Result: res, Trends: c.trends}, c.limit)
			if d.Reported != 5 {
				t.Errorf("Reported = %d, want 5 (tiny is below k)", d.Reported)
			}
			if c.want == nil {
				if d.IDs != nil || d.Limited() || !d.Has("echo") {
					t.Errorf("want every partnership, got %v", d.IDs)
				}
				return
			}
			if got := slices.Sorted(maps.Keys(d.IDs)); !slices.Equal(got, c.want) {
				t.Errorf("detailed %v, want %v", got, c.want)
			}
			if !d.Limited() || d.Has("echo") || d.Has("tiny") {
				t.Errorf("Limited %v, Has(echo) %v, Has(tiny) %v", d.Limited(), d.Has("echo"), d.Has("tiny"))
			}
		})
	}
}

// TestLimitedReportNamesTheChoice: charts and sections follow the detail, and the
// overview says how many partnerships there are and how the detailed ones were chosen.
func TestLimitedReportNamesTheChoice(t *testing.T) {
	cb := survey.BuiltinCodebook()
	res := chartResult(cb, []group{
		{partnership: "alpha", wave: w26q1, n: 8, answer: constant(5)},
		{partnership: "bravo", wave: w26q1, n: 8, answer: constant(2)},
		{partnership: "charlie", wave: w26q1, n: 8, answer: constant(3)},
	})
	run, opt := reportRun(t, res, "en", nil)
	// bravo is below the band and so detailed; charlie too, and alpha improved: the
	// summary counts those two instead of describing them.
	run.Trends = []analysis.Trend{
		{Partnership: "alpha", Dimension: "trust", Flags: []analysis.Flag{analysis.FlagImproving}},
		{Partnership: "bravo", Dimension: "trust", Flags: []analysis.Flag{analysis.FlagBelowBand}},
		{Partnership: "charlie", Dimension: "trust", Flags: []analysis.Flag{analysis.FlagBelowBand}},
	}
	opt.Detail = ChooseDetail(run, 1)
	charts, err := Charts(res, ChartOptions{Lang: "en", Calendar: run.Calendar, Detail: opt.Detail})
	if err != nil {
		t.Fatal(err)
	}
	opt.Charts = NewChartCache(charts)
	for _, ch := range charts {
		if ch.Subject != "" && ch.Subject != "bravo" {
			t.Errorf("chart %s of %s, which is not detailed", ch.Name, ch.Subject)
		}
	}
	doc := buildReport(run, opt)
	var sections []string
	for _, s := range doc.Sections {
		sections = append(sections, s.ID)
	}
	if !slices.Contains(sections, "partnership-bravo") || slices.Contains(sections, "partnership-alpha") || slices.Contains(sections, "partnership-charlie") {
		t.Errorf("sections %v: want bravo's only", sections)
	}
	if text := sectionText(sectionOf(t, doc, "overview")); !strings.Contains(text, "3 partnerships have results; this report details the 1 that need attention most") {
		t.Errorf("the overview does not explain the choice:\n%s", text)
	}
	summary := sectionText(sectionOf(t, doc, "summary"))
	for _, want := range []string{"bravo: ", "Partnerships with such a flag that this report does not detail (see “All partnerships at a glance”): 1;", "Partnerships that improved but are not detailed in this report: 1;"} {
		if !strings.Contains(summary, want) {
			t.Errorf("the summary lacks %q:\n%s", want, summary)
		}
	}
	for _, unwanted := range []string{"charlie", "alpha"} {
		if strings.Contains(summary, unwanted) {
			t.Errorf("the summary describes %s, which is not detailed:\n%s", unwanted, summary)
		}
	}
}

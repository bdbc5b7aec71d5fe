package reports

import (
	"bytes"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"renkei/analysis"
	"renkei/survey"
)

// seamsRoster expects 8 respondents from each side of gamma, 6 from delta's Office and
// 10 from its School, which sends 3.
const seamsRoster = `partnership,name,org,kind,role,expected
gamma,,Clinic,agency,,8
gamma,,Office,agency,,8
delta,,Office,person,,6
delta,,School,person,,10
`

// seamsRun is a run with its seams, as cmd/renkei prepares it: gamma's Clinic rates the
// Office about 3 points lower than the Office rates the Clinic, in three waves (so the
// gap is flagged, B over A); delta links the Office with a School that sends three
// responses (below k, and under-represented against the roster). The Office is the
// only link between the Clinic and the School.
func seamsRun(t *testing.T, lang string) (*Run, ReportOptions, *analysis.Seams) {
	t.Helper()
	cb := survey.BuiltinCodebook()
	agg, rel := analysis.NewAggregator(cb), analysis.NewRelationAggregator(cb, true)
	add := func(p string, w survey.Wave, org, partner string, n int, low, high int8) {
		for i := range n {
			answers := make([]int8, len(cb.Items))
			for it := range answers {
				answers[it] = low // each respondent scores low or high on a dimension, high on one or two
				if (i+it/4)%3 == 0 {
					answers[it] = high
				}
				if cb.Items[it].Reverse {
					answers[it] = int8(cb.Min+cb.Max) - answers[it]
				}
			}
			r := &survey.Response{Partnership: p, Wave: w, Org: org, Partner: partner, Answers: answers}
			agg.Add(r)
			rel.Add(r)
		}
	}
	for _, w := range []survey.Wave{w25q4, w26q1, w26q2} {
		add("gamma", w, "Clinic", "Office", 8, 1, 2)
		add("gamma", w, "Office", "Clinic", 8, 4, 5)
	}
	add("delta", w26q2, "Office", "School", 6, 3, 4)
	add("delta", w26q2, "School", "Office", 3, 3, 4)
	res := agg.Result(analysis.Options{MinGroup: 5, Bands: analysis.DefaultBands()})
	roster, err := survey.ReadRoster(strings.NewReader(seamsRoster), "roster.csv")
	if err != nil {
		t.Fatal(err)
	}
	opt := analysis.SeamOptions{Gaps: analysis.DefaultGapOptions(), Roster: roster, Actions: survey.BuiltinActions(), Lang: lang}
	seams := rel.Seams(res, opt)
	run := &Run{
		Version: "test", Codebook: "built-in", Calendar: survey.Calendar{FiscalStart: 1}, Result: res,
		TrendOptions: analysis.DefaultTrendOptions(),
		Relations: &Relations{
			GapOptions: opt.Gaps, Gaps: seams.Gaps, Flagged: seams.Flagged, Map: seams.Map, Roster: "roster.csv", Rates: seams.Rates,
			Lang: lang, Actions: "built-in", Suggestions: seams.Suggestions,
		},
	}
	run.Trends = res.Trends(run.TrendOptions)
	chartOpt := ChartOptions{Lang: "en", Calendar: run.Calendar}
	charts, err := Charts(res, chartOpt)
	if err != nil {
		t.Fatal(err)
	}
	network, ok, err := NetworkChart(res, chartOpt, seams.Map)
	if err != nil || !ok {
		t.Fatalf("no network chart: %v", err)
	}
	return run, ReportOptions{Lang: lang, Charts: NewChartCache(append(charts, network))}, seams
}

// sectionOf returns the report's section with id; it fails the test without one.
func sectionOf(t *testing.T, doc *reportDoc, id string) reportSection {
	t.Helper()
	for _, s := range doc.Sections {
		if s.ID == id {
			return s
		}
	}
	t.Fatalf("no section %s", id)
	return reportSection{}
}

// sectionText is every text of a section, one block or row per line.
func sectionText(s reportSection) string {
	var b strings.Builder
	for _, bl := range s.Blocks {
		b.WriteString(bl.Text + "\n")
		for _, it := range bl.Items {
			b.WriteString(it + "\n")
		}
		if bl.Table != nil {
			b.WriteString(bl.Table.Caption + "\n")
			for _, row := range bl.Table.Rows {
				var cells []string
				for _, c := range row {
					cells = append(cells, c.Text)
				}
				b.WriteString(strings.Join(cells, " | ") + "\n")
			}
		}
	}
	return b.String()
}

func TestReportSeams(t *testing.T) {
	run, opt, seams := seamsRun(t, "en")
	doc := buildReport(run, opt)
	rt := reportText{lang: "en"}
	var health analysis.Gap
	for g := range seams.Gaps.All() {
		if g.Partnership == "gamma" && g.Wave == w26q2 && g.Dimension == survey.HealthDimension {
			health = g
		}
	}
	if health.Flag != analysis.FlagAsymmetric || !(health.Diff < 0) {
		t.Fatalf("the fixture's health gap %+v: want a flagged gap of B over A", health)
	}
	gamma := sectionText(sectionOf(t, doc, "partnership-gamma"))
	delta := sectionText(sectionOf(t, doc, "partnership-delta"))

	t.Run("SummaryQuotesTheGapAsASize", func(t *testing.T) {
		want := "gamma: its member organisations rate each other differently. On health, Clinic rates Office " + rt.num(health.A.Mean, 2) +
			", while Office rates Clinic " + rt.num(health.B.Mean, 2) + ": a gap of " + rt.num(-health.Diff, 2) +
			" points (95% CI " + rt.interval(-health.CIHigh, -health.CILow, 2) + "). The gap also shows on communication, trust, role clarity and shared goals."
		if s := sectionText(sectionOf(t, doc, "summary")); !strings.Contains(s, want) {
			t.Errorf("the summary lacks\n  %s\nin\n%s", want, s)
		}
	})
	t.Run("PageListsFlaggedGapsWithCI", func(t *testing.T) {
		for _, want := range []string{
			"Asymmetric on communication, trust, role clarity, shared goals and health",
			"Asymmetric, 2026Q2. A: Clinic rating Office; B: Office rating Clinic",
			"Health | " + rt.num(health.A.Mean, 2) + " | " + rt.num(health.B.Mean, 2) + " | " + rt.signed(health.Diff, 2) + " (" + rt.interval(health.CILow, health.CIHigh, 2) + ") | " + rt.p(health.PAdj),
		} {
			if !strings.Contains(gamma, want) {
				t.Errorf("gamma's page lacks %q:\n%s", want, gamma)
			}
		}
		if strings.Contains(delta, "Gaps between views") {
			t.Errorf("delta, with no flagged gap, lists gaps:\n%s", delta)
		}
	})
	t.Run("RatesHideCountsBelowK", func(t *testing.T) {
		// delta: 9 responses, the School's 3 are hidden, and the Office's 6 with them
		// (9 − 6 would give the School's count away).
		for _, want := range []string{
			"Response rates against the roster, 2026Q2",
			"Whole partnership | 16 | 9 | 56% | ",
			"Office | 6 | not shown, to protect a smaller group | ",
			"School | 10 | fewer than 5 responses | under-represented",
			"School is under-represented",
		} {
			if !strings.Contains(delta, want) {
				t.Errorf("delta's page lacks %q:\n%s", want, delta)
			}
		}
		if strings.Contains(delta, "| 3 |") || strings.Contains(delta, "| 6 | 6") {
			t.Errorf("delta's page shows a count below k, or one that reveals it:\n%s", delta)
		}
	})
	t.Run("StakeholderMap", func(t *testing.T) {
		net := sectionOf(t, doc, "network")
		text := sectionText(net)
		for _, want := range []string{
			"Office | delta, gamma | 1",
			"Person-level partnerships, links between named people that may end when they leave: delta.",
			"The only link between two parts of the map: delta and gamma.",
		} {
			if !strings.Contains(text, want) {
				t.Errorf("the stakeholder map lacks %q:\n%s", want, text)
			}
		}
		if !slices.ContainsFunc(net.Blocks, func(b reportBlock) bool { return b.Kind == blockChart && b.Chart.Name == "network" }) {
			t.Errorf("the stakeholder map has no network chart")
		}
	})
	t.Run("BothRenderersLayOutTheSections", func(t *testing.T) {
		var html, pdf bytes.Buffer
		if err := WriteReportHTML(&html, run, opt); err != nil {
			t.Fatal(err)
		}
		if err := WriteReportPDF(&pdf, run, opt); err != nil {
			t.Fatal(err)
		}
		for _, want := range []string{`<section id="network">`, `id="chart-network"`, "<h3>Gaps between views</h3>", "<h3>Suggested actions</h3>"} {
			if !strings.Contains(html.String(), want) {
				t.Errorf("report.html lacks %s", want)
			}
		}
		var bookmark []byte // the section's bookmark title, in UTF-16BE as fpdf writes it
		for _, r := range "Stakeholder map" {
			bookmark = append(bookmark, 0, byte(r))
		}
		if !bytes.Contains(pdf.Bytes(), bookmark) {
			t.Errorf("report.pdf has no stakeholder map")
		}
	})
	t.Run("NoSeamsNoSections", func(t *testing.T) {
		run.Relations = nil
		doc := buildReport(run, opt)
		for _, s := range doc.Sections {
			if s.ID == "network" {
				t.Errorf("a stakeholder map without seams")
			}
			if text := sectionText(s); strings.Contains(text, "Gaps between views") || strings.Contains(text, "Suggested actions") || strings.Contains(text, "Response rates") {
				t.Errorf("section %s speaks of seams that were not computed", s.ID)
			}
		}
	})
}

// TestReportActions: each weak dimension of a partnership's latest reported wave gets
// its practices on the partnership's page, in the run's language.
func TestReportActions(t *testing.T) {
	for _, lang := range []string{"en", "ja"} {
		t.Run(lang, func(t *testing.T) {
			run, opt, seams := seamsRun(t, lang)
			doc := buildReport(run, opt)
			got := 0
			for _, sg := range seams.Suggestions {
				if len(sg.Actions) == 0 {
					t.Fatalf("%s %s: no practice in the built-in table", sg.Partnership, sg.Dimension)
				}
				if lang == "ja" && utf8.RuneCountInString(sg.Actions[0]) == len(sg.Actions[0]) {
					t.Errorf("%s %s: practice %q is not in Japanese", sg.Partnership, sg.Dimension, sg.Actions[0])
				}
				sec := sectionOf(t, doc, "partnership-"+sg.Partnership)
				if slices.ContainsFunc(sec.Blocks, func(b reportBlock) bool { return b.Kind == blockBullets && slices.Equal(b.Items, sg.Actions) }) {
					got++
				} else {
					t.Errorf("%s's page lacks the practices for %s", sg.Partnership, sg.Dimension)
				}
			}
			if got < 4 {
				t.Errorf("only %d weak dimensions with practices: the fixture should have gamma's four", got)
			}
		})
	}
}

package reports

import (
	"bytes"
	"encoding/binary"
	"flag"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"renkei/analysis"
	"renkei/survey"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// chartResponses builds hand-made responses: n respondents of a partnership in a wave,
// with answer(i, item) as the answer of respondent i to the item, org and role from
// orgs and roles by respondent (empty for none).
type group struct {
	partnership string
	wave        survey.Wave
	n           int
	answer      func(i, item int) int8
	org, role   func(i int) string
}

var (
	w25q4 = survey.Wave{Year: 2025, Quarter: 4}
	w26q1 = survey.Wave{Year: 2026, Quarter: 1}
	w26q2 = survey.Wave{Year: 2026, Quarter: 2}
)

func constant(v int8) func(int, int) int8 { return func(int, int) int8 { return v } }

// chartResult aggregates groups into a Result with k = 5.
func chartResult(cb *survey.Codebook, groups []group) *analysis.Result {
	agg := analysis.NewAggregator(cb)
	for _, g := range groups {
		for i := range g.n {
			answers := make([]int8, len(cb.Items))
			for it := range answers {
				answers[it] = g.answer(i, it)
			}
			r := &survey.Response{Partnership: g.partnership, Wave: g.wave, Answers: answers}
			if g.org != nil {
				r.Org = g.org(i)
			}
			if g.role != nil {
				r.Role = g.role(i)
			}
			agg.Add(r)
		}
	}
	return agg.Result(analysis.Options{MinGroup: 5, Bands: analysis.DefaultBands()})
}

// storyResult: "alpha" in three waves (2026Q1 only three respondents, so suppressed),
// two orgs of which "small" has three respondents; "beta" in 2026Q1 and 2026Q2 with
// every answer 4 except comm1, which nobody answers 1, 2 or 3; "tiny-secret" with
// three respondents in every wave.
func storyResult(cb *survey.Codebook) *analysis.Result {
	byIndex := func(i, item int) int8 { return int8(1 + (i+item)%5) }
	comm1 := func(i, item int) int8 {
		if item == 0 {
			return int8(4 + i%2) // 4 and 5 only
		}
		return 4
	}
	org := func(i int) string {
		if i < 3 {
			return "small"
		}
		return "large org"
	}
	return chartResult(cb, []group{
		{partnership: "alpha", wave: w25q4, n: 8, answer: byIndex, org: org, role: func(i int) string { return []string{"top", "frontline"}[i%2] }},
		{partnership: "alpha", wave: w26q1, n: 3, answer: byIndex},
		{partnership: "alpha", wave: w26q2, n: 10, answer: byIndex, org: org},
		{partnership: "beta", wave: w26q1, n: 6, answer: constant(2)},
		{partnership: "beta", wave: w26q2, n: 6, answer: comm1},
		{partnership: "tiny-secret", wave: w25q4, n: 3, answer: constant(5)},
		{partnership: "tiny-secret", wave: w26q2, n: 4, answer: constant(5)},
	})
}

// mustStyle returns the chart style of res in lang, for tests of chart data: the
// built-in fonts stand in for a Japanese one, since nothing is drawn.
func mustStyle(t *testing.T, res *analysis.Result, lang string) *chartStyle {
	t.Helper()
	s, err := newChartStyle(res, ChartOptions{Lang: "en", Calendar: survey.Calendar{FiscalStart: 1}})
	if err != nil {
		t.Fatal(err)
	}
	s.lang = lang
	return s
}

func viewByID(views []*partnershipView, id string) *partnershipView {
	for _, v := range views {
		if v.id == id {
			return v
		}
	}
	return nil
}

func TestHeatmapOf(t *testing.T) {
	cb := survey.BuiltinCodebook()
	res := storyResult(cb)
	d := heatmapOf(res, collectViews(res))
	var ids []string
	for _, r := range d.rows {
		ids = append(ids, r.partnership)
	}
	if want := []string{"alpha", "beta"}; !slices.Equal(ids, want) {
		t.Fatalf("rows %v, want %v: a partnership below k everywhere appears nowhere", ids, want)
	}
	if want := []string{"communication", "trust", "role_clarity", "shared_goals", "health"}; !slices.Equal(d.columns, want) {
		t.Errorf("columns %v, want %v", d.columns, want)
	}
	for _, r := range d.rows {
		if r.wave != w26q2 {
			t.Errorf("%s: wave %v, want its latest, 2026Q2", r.partnership, r.wave)
		}
		for _, c := range r.cells {
			if c.Suppressed || c.N < 5 {
				t.Errorf("%s %s: cell suppressed %v, n %d", r.partnership, c.Dimension, c.Suppressed, c.N)
			}
		}
	}
	// beta 2026Q2: every answer 4 but comm1 (4 or 5) and comm4, reversed to 2.
	if c := d.rows[1].cells[1]; c.Dimension != "trust" || c.Mean != 3.5 || c.Band != analysis.BandBorderline {
		t.Errorf("beta trust cell %s %g %s, want trust 3.5 borderline", c.Dimension, c.Mean, c.Band)
	}
}

func TestHeatmapMarksSuppressedCells(t *testing.T) {
	cb := survey.BuiltinCodebook()
	// gamma's latest wave has three respondents: its row is all marked cells, since
	// gamma has an earlier wave above k.
	res := chartResult(cb, []group{
		{partnership: "gamma", wave: w25q4, n: 5, answer: constant(3)},
		{partnership: "gamma", wave: w26q1, n: 3, answer: constant(3)},
	})
	d := heatmapOf(res, collectViews(res))
	if len(d.rows) != 1 || d.rows[0].wave != w26q1 {
		t.Fatalf("rows %+v, want gamma in 2026Q1", d.rows)
	}
	for _, c := range d.rows[0].cells {
		if !c.Suppressed || c.N != 0 || !math.IsNaN(c.Mean) && c.Mean != 0 {
			t.Errorf("cell %s: suppressed %v, n %d, mean %g; want suppressed with nothing", c.Dimension, c.Suppressed, c.N, c.Mean)
		}
	}
}

func TestLikertOf(t *testing.T) {
	cb := survey.BuiltinCodebook()
	res := storyResult(cb)
	views := collectViews(res)
	cases := []struct {
		name, lang  string
		partnership string
		row         int // index into rows
		label       string
		suppressed  bool
		counts      []int
	}{
		// beta's comm1 is answered 4 and 5 only: levels 1–3 are still there, with 0.
		{name: "UnusedLevelsShownAsZero", lang: "en", partnership: "beta", row: 1, label: "We share the information our partner needs in a timely way.", counts: []int{0, 0, 0, 3, 3}},
		{name: "DimensionRowFirst", lang: "en", partnership: "beta", row: 0, label: "Communication: all items", counts: []int{0, 6, 0, 15, 3}},
		{name: "ReverseItemAfterReverseCoding", lang: "en", partnership: "beta", row: 4, label: "Requests from our partner often arrive with an unclear purpose.", counts: []int{0, 6, 0, 0, 0}},
		{name: "JapaneseText", lang: "ja", partnership: "beta", row: 6, label: "連携先は約束したことを確実に実行してくれる。", counts: []int{0, 0, 0, 6, 0}},
		// alpha 2026Q2: ten respondents, answers cycle through the scale.
		{name: "LatestWave", lang: "en", partnership: "alpha", row: 1, label: "We share the information our partner needs in a timely way.", counts: []int{2, 2, 2, 2, 2}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := mustStyle(t, res, tc.lang)
			d := s.likertOf(res, viewByID(views, tc.partnership))
			if len(d.rows) != len(cb.Dimensions)+len(cb.Items) {
				t.Fatalf("%d rows, want a row per dimension and per item", len(d.rows))
			}
			if len(d.levels) != 5 {
				t.Fatalf("levels %v, want the five scale points", d.levels)
			}
			r := d.rows[tc.row]
			if r.label != tc.label || r.suppressed != tc.suppressed || !slices.Equal(r.counts, tc.counts) {
				t.Errorf("row %d = %q suppressed %v counts %v; want %q %v %v", tc.row, r.label, r.suppressed, r.counts, tc.label, tc.suppressed, tc.counts)
			}
		})
	}
	t.Run("LevelsNamedFromScale", func(t *testing.T) {
		s := mustStyle(t, res, "ja")
		want := []string{"1 全くそう思わない", "2 あまりそう思わない", "3 どちらともいえない", "4 ややそう思う", "5 とてもそう思う"}
		if got := s.levels(); !slices.Equal(got, want) {
			t.Errorf("levels %v, want %v", got, want)
		}
	})
	t.Run("SharesOfUnusedLevelAreZero", func(t *testing.T) {
		got := likertRow{counts: []int{0, 0, 0, 3, 1}}.shares()
		if want := []float64{0, 0, 0, 75, 25}; !slices.Equal(got, want) {
			t.Errorf("shares %v, want %v", got, want)
		}
	})
	t.Run("SevenPointScaleHasSevenLevels", func(t *testing.T) {
		cb7, err := survey.ReadCodebook(strings.NewReader("item,dimension,reverse,min,max\na1,a,false,1,7\na2,a,false,1,7\n"), "cb7")
		if err != nil {
			t.Fatal(err)
		}
		res7 := chartResult(cb7, []group{{partnership: "p", wave: w26q1, n: 5, answer: constant(7)}})
		s := mustStyle(t, res7, "en")
		d := s.likertOf(res7, collectViews(res7)[0])
		if want := []string{"1", "2", "3", "4", "5", "6", "7"}; !slices.Equal(d.levels, want) {
			t.Errorf("levels %v, want %v", d.levels, want)
		}
		if want := []int{0, 0, 0, 0, 0, 0, 5}; !slices.Equal(d.rows[1].counts, want) {
			t.Errorf("counts %v, want %v", d.rows[1].counts, want)
		}
	})
}

func TestLikertSuppressedRows(t *testing.T) {
	cb := survey.BuiltinCodebook()
	// delta's latest wave has three respondents, its earlier one five: every row of
	// the latest wave is suppressed and carries no counts.
	res := chartResult(cb, []group{
		{partnership: "delta", wave: w25q4, n: 5, answer: constant(3)},
		{partnership: "delta", wave: w26q1, n: 3, answer: constant(3)},
	})
	s := mustStyle(t, res, "en")
	d := s.likertOf(res, collectViews(res)[0])
	for _, r := range d.rows {
		if !r.suppressed || r.counts != nil {
			t.Errorf("row %q: suppressed %v, counts %v; want suppressed, no counts", r.label, r.suppressed, r.counts)
		}
	}
}

func TestTrendOf(t *testing.T) {
	cb := survey.BuiltinCodebook()
	res := storyResult(cb)
	views := collectViews(res)
	flags := []TrendFlag{
		{Partnership: "alpha", Dimension: "trust", Wave: w26q2, Flag: "declining"},
		{Partnership: "alpha", Dimension: "trust", Wave: w26q1, Flag: "declining"}, // suppressed wave: not drawn
		{Partnership: "beta", Dimension: "trust", Wave: w26q2, Flag: "improving"},
	}
	d := trendOf(viewByID(views, "alpha"), res.Waves, res.Dimensions(), flags)
	if len(d.waves) != 3 || len(d.panels) != 5 {
		t.Fatalf("%d waves and %d panels, want 3 and 5", len(d.waves), len(d.panels))
	}
	trust := d.panels[1]
	var xs []int
	for _, p := range trust.points {
		xs = append(xs, p.x)
		if math.IsNaN(p.mean) || !(p.ciLo <= p.mean && p.mean <= p.ciHigh) {
			t.Errorf("point %+v: mean outside its CI", p)
		}
	}
	if want := []int{0, 2}; !slices.Equal(xs, want) {
		t.Errorf("trust points at %v, want %v: the suppressed 2026Q1 left out", xs, want)
	}
	if want := []int{2}; !slices.Equal(trust.flagged, want) || !slices.Equal(trust.flags, []string{"declining"}) {
		t.Errorf("flagged %v %v, want [2] [declining]", trust.flagged, trust.flags)
	}
	if runs := consecutiveRuns(trust.points); len(runs) != 2 {
		t.Errorf("%d runs, want 2: the line breaks at the suppressed wave", len(runs))
	}
	if len(d.panels[0].flagged) != 0 {
		t.Errorf("communication flagged %v, want none", d.panels[0].flagged)
	}
}

func TestGapOf(t *testing.T) {
	cb := survey.BuiltinCodebook()
	res := storyResult(cb)
	views := collectViews(res)
	d := gapOf(res, viewByID(views, "alpha"))
	var orgs []string
	for _, g := range d.orgs {
		orgs = append(orgs, g.name)
		if len(g.scores) != len(cb.Dimensions) {
			t.Errorf("%s: %d scores, want one per dimension", g.name, len(g.scores))
		}
	}
	// "small" has three respondents: absent; and so is "large org", hidden by
	// complementary suppression (alpha minus large org would be small). The latest wave
	// has no roles.
	if len(orgs) != 0 || len(d.roles) != 0 {
		t.Errorf("orgs %v roles %d, want none and none", orgs, len(d.roles))
	}
	if !gapOf(res, viewByID(views, "beta")).empty() {
		t.Error("beta has no org or role: its gap chart should be empty")
	}
}

func TestOverviewOf(t *testing.T) {
	cb := survey.BuiltinCodebook()
	res := storyResult(cb)
	rows := overviewOf(res, collectViews(res))
	var ids []string
	for _, r := range rows {
		ids = append(ids, r.health.Latest.Partnership)
		if r.health.Latest.Dimension != survey.HealthDimension {
			t.Errorf("row of %s", r.health.Latest.Dimension)
		}
	}
	// beta above alpha; tiny-secret nowhere.
	if want := []string{"beta", "alpha"}; !slices.Equal(ids, want) {
		t.Fatalf("rows %v, want %v", ids, want)
	}
	// beta: 2026Q1 every answer 2 (comm4, trust4, role4 reversed to 4) gives health
	// (2.5 + 2.5 + 2.5 + 2)/4 = 2.375; 2026Q2 communication (4 or 5, 4, 4, 4 → 2)
	// averages 3.625, trust and role clarity 3.5, goals 4: (3.625 + 3.5 + 3.5 + 4)/4 =
	// 3.65625.
	if got, want := rows[0].health.Change, 3.65625-2.375; math.Abs(got-want) > 1e-12 {
		t.Errorf("beta change %g, want %g", got, want)
	}
	// alpha's previous wave, 2026Q1, is suppressed: no change may be shown.
	if !math.IsNaN(rows[1].health.Change) {
		t.Errorf("alpha change %g, want none (previous wave below k)", rows[1].health.Change)
	}
}

func TestChartNames(t *testing.T) {
	names := chartNames{}
	cases := []struct{ kind, partnership, want string }{
		{"trend", "kita-hospital", "trend-kita-hospital"},
		{"trend", "Kita Hospital", "trend-kita-hospital-2"},
		{"trend", "<script>alert(1)</script>", "trend-script-alert-1-script"},
		{"trend", "../../etc/passwd", "trend-etc-passwd"},
		{"trend", "北病院", "trend-北病院"},
		{"trend", "!!!", "trend"},
		{"likert", "kita-hospital", "likert-kita-hospital"},
	}
	for _, tc := range cases {
		if got := names.unique(tc.kind, tc.partnership); got != tc.want {
			t.Errorf("unique(%q, %q) = %q, want %q", tc.kind, tc.partnership, got, tc.want)
		}
	}
}

// allChartsSVG renders every chart of res as SVG, by name.
func allChartsSVG(t *testing.T, res *analysis.Result, opt ChartOptions) map[string]string {
	t.Helper()
	charts, err := Charts(res, opt)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, ch := range charts {
		var b bytes.Buffer
		if err := ch.WriteSVG(&b); err != nil {
			t.Fatalf("%s: %v", ch.Name, err)
		}
		out[ch.Name] = b.String()
	}
	return out
}

func TestNothingBelowKDrawn(t *testing.T) {
	cb := survey.BuiltinCodebook()
	svgs := allChartsSVG(t, storyResult(cb), ChartOptions{Lang: "en"})
	var names []string
	for name, svg := range svgs {
		names = append(names, name)
		if strings.Contains(svg, "tiny-secret") || strings.Contains(name, "tiny") {
			t.Errorf("%s shows the partnership below k", name)
		}
		if strings.Contains(svg, "small") {
			t.Errorf("%s shows the org below k", name)
		}
	}
	slices.Sort(names)
	// No gap-alpha: with its small org hidden, its large org is hidden too.
	want := []string{"heatmap", "likert-alpha", "likert-beta", "overview", "trend-alpha", "trend-beta"}
	if !slices.Equal(names, want) {
		t.Errorf("charts %v, want %v", names, want)
	}
}

func TestSVGEscapesInputText(t *testing.T) {
	cb := survey.BuiltinCodebook()
	res := chartResult(cb, []group{{partnership: "<script>alert(1)</script>", wave: w26q1, n: 5, answer: constant(4), org: func(int) string { return `"><img src=x onerror=alert(1)>` }}})
	for name, svg := range allChartsSVG(t, res, ChartOptions{Lang: "en"}) {
		if strings.Contains(svg, "<script") || strings.Contains(svg, "<img") {
			t.Errorf("%s carries input text unescaped", name)
		}
		if name == "heatmap" && !strings.Contains(svg, "&lt;script&gt;alert(1)&lt;/script&gt;") {
			t.Errorf("heatmap does not show the escaped name")
		}
	}
}

func TestJapaneseNeedsFont(t *testing.T) {
	cb := survey.BuiltinCodebook()
	_, err := Charts(storyResult(cb), ChartOptions{Lang: "ja"})
	if err == nil || !strings.Contains(err.Error(), "fonts-ipaexfont-gothic") || !strings.Contains(err.Error(), "RENKEI_FONT") {
		t.Errorf("error %v, want what to install or set", err)
	}
	if _, err := FindJapaneseFont([]string{t.TempDir()}); err != ErrNoJapaneseFont {
		t.Errorf("FindJapaneseFont in an empty folder: %v", err)
	}
	bad := filepath.Join(t.TempDir(), "ipaexg.ttf")
	os.WriteFile(bad, []byte("not a font"), 0o644)
	if _, err := LoadChartFont(bad); err == nil || !strings.Contains(err.Error(), "not a TrueType font") {
		t.Errorf("LoadChartFont of a text file: %v", err)
	}
}

// japaneseFont finds the system's Japanese font; .ci/run installs one, elsewhere the
// Japanese tests are skipped.
func japaneseFont(t *testing.T) *ChartFont {
	t.Helper()
	f, err := FindJapaneseFont(FontDirs)
	if err != nil {
		t.Skip("no Japanese font installed (Debian: fonts-ipaexfont-gothic)")
	}
	return f
}

func TestJapaneseCharts(t *testing.T) {
	f := japaneseFont(t)
	cb := survey.BuiltinCodebook()
	svgs := allChartsSVG(t, storyResult(cb), ChartOptions{Lang: "ja", Font: f})
	if !strings.Contains(svgs["heatmap"], "連携の健全度") || !strings.Contains(svgs["likert-beta"], "連携先は約束したことを確実に実行してくれる。") {
		t.Error("Japanese text missing from the charts")
	}
	if strings.Contains(svgs["heatmap"], "font-family:Liberation") {
		t.Error("the Japanese heatmap uses the built-in Latin font")
	}
	t.Run("PNG", func(t *testing.T) { checkPNGDPI(t, ChartOptions{Lang: "ja", Font: f}) })
}

// checkPNGDPI checks that the first chart's PNG records 300 DPI (11811 pixels per
// metre) and is as wide as 17 cm at that resolution.
func checkPNGDPI(t *testing.T, opt ChartOptions) {
	t.Helper()
	charts, err := Charts(storyResult(survey.BuiltinCodebook()), opt)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := charts[0].WritePNG(&b); err != nil {
		t.Fatal(err)
	}
	data := b.Bytes()
	if !bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")) {
		t.Fatal("not a PNG")
	}
	if w := binary.BigEndian.Uint32(data[16:20]); w != 2008 {
		t.Errorf("width %d px, want 2008 (17 cm at 300 DPI)", w)
	}
	i := bytes.Index(data, []byte("pHYs"))
	if i < 0 {
		t.Fatal("no pHYs chunk")
	}
	if x, y, unit := binary.BigEndian.Uint32(data[i+4:]), binary.BigEndian.Uint32(data[i+8:]), data[i+12]; x != 11811 || y != 11811 || unit != 1 {
		t.Errorf("pHYs %d × %d unit %d, want 11811 per metre", x, y, unit)
	}
}

func TestPNGRecordsDPI(t *testing.T) { checkPNGDPI(t, ChartOptions{Lang: "en"}) }

// dumbbellRows are hand-made comparison rows: communication improves, trust falls,
// role clarity has too few respondents.
var dumbbellRows = []DumbbellRow{
	{Dimension: "communication", Before: 3.1, After: 3.6, BeforeLow: 2.9, BeforeHigh: 3.3, AfterLow: 3.4, AfterHigh: 3.8, Change: 0.5},
	{Dimension: "trust", Before: 3.8, After: 3.5, BeforeLow: 3.5, BeforeHigh: 4.1, AfterLow: 3.2, AfterHigh: 3.8, Change: -0.3},
	{Dimension: "role_clarity", Suppressed: true, Before: math.NaN(), After: math.NaN(), Change: math.NaN()},
	{Dimension: "health", Before: 3.4, After: 3.5, BeforeLow: 3.3, BeforeHigh: 3.5, AfterLow: 3.4, AfterHigh: 3.6, Change: 0.1},
}

// TestSVGGolden compares a few charts of hand-made data with their golden SVG files
// (go test ./reports -update rewrites them). The built-in fonts make them the same on
// every machine.
func TestSVGGolden(t *testing.T) {
	cb := survey.BuiltinCodebook()
	res := storyResult(cb)
	charts, err := Charts(res, ChartOptions{Lang: "en", Calendar: survey.Calendar{FiscalStart: 1}})
	if err != nil {
		t.Fatal(err)
	}
	dumbbell, err := DumbbellChart(res, ChartOptions{Lang: "en"}, "dumbbell", "", dumbbellRows)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]bool{"heatmap": true, "likert-beta": true, "overview": true}
	for _, ch := range append(charts, dumbbell) {
		if !want[ch.Name] && ch.Name != "dumbbell" {
			continue
		}
		t.Run(ch.Name, func(t *testing.T) {
			var b bytes.Buffer
			if err := ch.WriteSVG(&b); err != nil {
				t.Fatal(err)
			}
			golden := filepath.Join("testdata", "golden", ch.Name+".svg")
			if *update {
				os.MkdirAll(filepath.Dir(golden), 0o755)
				if err := os.WriteFile(golden, b.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			data, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test ./reports -update to create it)", err)
			}
			if !bytes.Equal(data, b.Bytes()) {
				t.Errorf("%s differs from the golden file; run go test ./reports -update if the change is intended, and look at the diff", golden)
			}
		})
	}
}

func TestDumbbellSuppressedRowShowsNoNumber(t *testing.T) {
	cb := survey.BuiltinCodebook()
	rows := []DumbbellRow{{Dimension: "trust", Suppressed: true, Before: 3.123, After: 3.987, Change: 0.864}}
	ch, err := DumbbellChart(storyResult(cb), ChartOptions{Lang: "en"}, "dumbbell", "", rows)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := ch.WriteSVG(&b); err != nil {
		t.Fatal(err)
	}
	for _, n := range []string{">3.12<", ">3.99<", "0.86<"} {
		if strings.Contains(b.String(), n) {
			t.Errorf("suppressed row shows %s", n)
		}
	}
	if !strings.Contains(b.String(), "Fewer than 5 respondents") {
		t.Error("suppressed row is not marked")
	}
}

// TestColoursReadInGreyscale: colours that must be told apart differ in lightness, so
// the charts survive greyscale print and colour-vision deficiencies.
func TestColoursReadInGreyscale(t *testing.T) {
	const minStep = 40
	bands := []float64{luminance(bandColors[analysis.BandStrength]), luminance(bandColors[analysis.BandBorderline]), luminance(bandColors[analysis.BandConcern]), luminance(colorWhite)}
	for i := range bands {
		for j := i + 1; j < len(bands); j++ {
			if math.Abs(bands[i]-bands[j]) < minStep {
				t.Errorf("band colours %d and %d differ by %.0f in lightness, want ≥ %d", i, j, math.Abs(bands[i]-bands[j]), minStep)
			}
		}
	}
	for _, points := range []int{2, 4, 5, 7, 11} {
		cols := likertColors(points)
		// On each side the levels grow darker towards the end of the scale.
		for i := 0; i+1 < points/2; i++ {
			if l, r := luminance(cols[i]), luminance(cols[i+1]); l >= r {
				t.Errorf("%d points: level %d (%.0f) not darker than %d (%.0f)", points, i+1, l, i+2, r)
			}
			if l, r := luminance(cols[points-1-i]), luminance(cols[points-2-i]); l >= r {
				t.Errorf("%d points: level %d (%.0f) not darker than %d (%.0f)", points, points-i, l, points-1-i, r)
			}
		}
	}
}

func TestNetworkChartNeedsALayout(t *testing.T) {
	cb := survey.BuiltinCodebook()
	res := storyResult(cb)
	for name, m := range map[string]*analysis.StakeholderMap{
		"Nil":      nil,
		"Empty":    {},
		"TooLarge": {Orgs: []analysis.OrgNode{{Org: "a", X: math.NaN(), Y: math.NaN()}}},
	} {
		if _, ok, err := NetworkChart(res, ChartOptions{Lang: "en"}, m); ok || err != nil {
			t.Errorf("%s: drawn %v, error %v; want nothing drawn", name, ok, err)
		}
	}
	m := &analysis.StakeholderMap{
		Orgs: []analysis.OrgNode{
			{Org: "<b>Hub</b>", Degree: 2, Articulation: true, X: 0.5, Y: 0.5},
			{Org: "Left", Degree: 1, X: 0, Y: 0.2},
			{Org: "Right", Degree: 1, X: 1, Y: 0.8},
		},
		Links: []analysis.Link{
			{Partnership: "p1", A: "<b>Hub</b>", B: "Left", Reported: true, Band: analysis.BandConcern},
			{Partnership: "p2", A: "<b>Hub</b>", B: "Right", OneContact: true},
		},
	}
	ch, ok, err := NetworkChart(res, ChartOptions{Lang: "en"}, m)
	if !ok || err != nil {
		t.Fatalf("drawn %v, error %v", ok, err)
	}
	var b bytes.Buffer
	if err := ch.WriteSVG(&b); err != nil {
		t.Fatal(err)
	}
	svg := b.String()
	if strings.Contains(svg, "<b>Hub") || !strings.Contains(svg, "&lt;b&gt;Hub") {
		t.Error("an organisation's name is not escaped in the SVG")
	}
	if !strings.Contains(svg, "Single point of failure") || !strings.Contains(svg, "hangs on one contact") {
		t.Error("the legend lacks the single point of failure or the one-contact line")
	}
}

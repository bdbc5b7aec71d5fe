package run

import (
	"slices"
	"strconv"
	"strings"

	"renkei/analysis"
	"renkei/internal/usage"
	"renkei/stats"
	"renkei/survey"
)

// Settings are every setting of a run as the user writes them. cmd/renkei reads each
// field from the environment variable RENKEI_<FIELD> (words split by underscores) and
// from the flag --<field> (words split by hyphens), with the default and the meaning
// its tags give; Options checks them and parses them, once.
//
// Fields carry no explicit envconfig names on purpose: an explicit name would also be
// read from the unprefixed variable (LANG, the locale, for Lang).
type Settings struct {
	Input          string  `desc:"responses file(s), comma-separated; the built-in sample when empty"`
	Codebook       string  `desc:"codebook CSV; the built-in instrument when empty"`
	Out            string  `default:"renkei-out" desc:"output folder, replaced as a whole when the run succeeds"`
	Lang           string  `desc:"report language, en or ja; from the locale (LC_ALL, LC_MESSAGES, LANG) when empty, else en"`
	MinGroup       int     `split_words:"true" default:"5" desc:"k: a group with fewer respondents shows no statistics (at least 3)"`
	Encoding       string  `default:"auto" desc:"input encoding: auto, utf-8 or shift_jis (cp932)"`
	FiscalStart    int     `split_words:"true" default:"1" desc:"first month of the fiscal year, 1–12 (4 for Japanese fiscal quarters)"`
	Columns        string  `desc:"column mapping field=column, comma-separated, e.g. partnership=partnership_id,respondent=respondent_id"`
	Formats        string  `default:"csv,json,md,charts,html,pdf" desc:"outputs to write, comma-separated: csv (scores.csv, trends.csv, quality.csv, reliability.csv, compare.csv, gaps.csv, network.csv, network_links.csv, response_rates.csv), json (summary.json), md (summary.md), charts (charts/*.svg and *.png), html (report.html), pdf (report.pdf)"`
	BandStrength   float64 `split_words:"true" default:"4.0" desc:"band threshold for strength, on a 1–5 scale (rescaled to the instrument's scale)"`
	BandBorderline float64 `split_words:"true" default:"3.0" desc:"band threshold for borderline, on a 1–5 scale; below it is concern"`

	TrendMinWaves  int     `split_words:"true" default:"3" desc:"waves at or above k a trend needs (at least 3); fewer raise too_few_waves"`
	TrendAlpha     float64 `split_words:"true" default:"0.05" desc:"level the adjusted p-values behind declining/improving must fall below"`
	TrendMinEffect float64 `split_words:"true" default:"0.2" desc:"smallest standardised change (|Hedges' g|) behind declining/improving"`
	TrendAdjust    string  `split_words:"true" default:"bh" desc:"multiple-testing adjustment across the run's trend tests: bh, holm or none"`
	GateMinHealth  string  `split_words:"true" desc:"quality gate: fail (exit 3) when a partnership's latest health mean is below this, on a 1–5 scale; off when empty"`
	GateMinScore   string  `split_words:"true" desc:"quality gate: fail when a partnership's latest mean on any dimension is below this, on a 1–5 scale; off when empty"`
	GateMaxDrop    string  `split_words:"true" desc:"quality gate: fail when a mean fell by more than this from the previous wave, in points of a 1–5 scale; off when empty"`
	GateDeclining  bool    `split_words:"true" default:"false" desc:"quality gate: fail when any partnership is flagged declining (true/false)"`
	Before         string  `desc:"wave compared as before (with --after), e.g. 2026Q2; otherwise rows with a phase are compared"`
	After          string  `desc:"wave compared as after (with --before), e.g. 2026Q3"`

	Strict                 bool    `default:"false" desc:"exit with code 2 when more rows than RENKEI_STRICT_SHARE are flawed (rejected, unusable answers, straight-lining, duplicates, too few answers); outputs are still written"`
	StrictShare            float64 `split_words:"true" default:"0.05" desc:"with RENKEI_STRICT, the largest share of flawed rows allowed, 0–1"`
	ReliabilityMinComplete int     `split_words:"true" default:"30" desc:"reliability: fewer responses answering every item of a dimension draw a warning"`
	Font                   string  `desc:"TrueType font (.ttf) for chart text; for Japanese charts searched for in the system's font folders when empty"`

	Roster       string  `desc:"roster CSV (partnership,name,org,kind,role,expected): response rates and under-represented sides; with the built-in sample its roster, otherwise none"`
	Actions      string  `desc:"suggested-actions CSV (dimension,band,lang,action) replacing the built-in practices"`
	GapMin       float64 `split_words:"true" default:"0.5" desc:"smallest gap between two views of a partnership (directions, orgs, top and frontline) that raises asymmetric, perception_gap or layer_gap, in points of a 1–5 scale"`
	GapAdjust    string  `split_words:"true" default:"bh" desc:"multiple-testing adjustment across the run's gaps of one kind: bh, holm or none"`
	Organisation string  `desc:"organisation named on the report's cover; none when empty"`
	// ReportPartnerships: see reports.DefaultDetailLimit (the default is tested to
	// match it).
	ReportPartnerships int `split_words:"true" default:"40" desc:"the report and charts/ detail at most this many partnerships, those needing attention most (flagged, then lowest health); 0 details every one; the tables always hold all"`
}

// Options checks every setting and parses it, once, into the options of a run. The
// first bad value stops it with a message naming its variable and flag. What the
// settings do not hold (Generated, StepSummary, FontDirs, Terminal) is left empty.
func (c *Settings) Options() (Options, error) {
	o := Options{
		Codebook: c.Codebook, Out: c.Out, Lang: c.Lang, MinGroup: c.MinGroup,
		Calendar: survey.Calendar{FiscalStart: c.FiscalStart},
		Bands:    analysis.Bands{Strength: c.BandStrength, Borderline: c.BandBorderline},
		Strict:   c.Strict, StrictShare: c.StrictShare,
		Reliability: analysis.ReliabilityOptions{MinGroup: c.MinGroup, MinComplete: c.ReliabilityMinComplete,
			AlphaFloor: analysis.DefaultAlphaFloor},
		Font: c.Font, Roster: c.Roster, Actions: c.Actions, Organisation: c.Organisation,
		ReportPartnerships: c.ReportPartnerships,
	}
	o.Inputs = splitList(c.Input, false)
	o.Formats = splitList(c.Formats, true)
	var err error
	if c.MinGroup < analysis.MinGroupFloor {
		return o, usage.Errorf("RENKEI_MIN_GROUP (--min-group) must be at least %d, got %d", analysis.MinGroupFloor, c.MinGroup)
	}
	if c.FiscalStart < 1 || c.FiscalStart > 12 {
		return o, usage.Errorf("RENKEI_FISCAL_START (--fiscal-start) must be a month from 1 to 12, got %d", c.FiscalStart)
	}
	if c.Lang != "en" && c.Lang != "ja" {
		return o, usage.Errorf("RENKEI_LANG (--lang) must be en or ja, got %q", c.Lang)
	}
	if o.Encoding, err = survey.ParseEncoding(c.Encoding); err != nil {
		return o, usage.Errorf("RENKEI_ENCODING (--encoding): %v", err)
	}
	if o.Columns, err = survey.ParseColumnMap(c.Columns); err != nil {
		return o, usage.Errorf("RENKEI_COLUMNS (--columns): %v", err)
	}
	if err := o.Bands.Validate(); err != nil {
		return o, usage.Errorf("RENKEI_BAND_STRENGTH / RENKEI_BAND_BORDERLINE: %v", err)
	}
	if err := c.compareWaves(&o); err != nil {
		return o, err
	}
	if !(c.StrictShare >= 0 && c.StrictShare <= 1) {
		return o, usage.Errorf("RENKEI_STRICT_SHARE (--strict-share) must be a share from 0 to 1, got %g", c.StrictShare)
	}
	if c.ReportPartnerships < 0 {
		return o, usage.Errorf("RENKEI_REPORT_PARTNERSHIPS (--report-partnerships) must be 0 (every partnership) or more, got %d", c.ReportPartnerships)
	}
	if c.ReliabilityMinComplete < 2 {
		return o, usage.Errorf("RENKEI_RELIABILITY_MIN_COMPLETE (--reliability-min-complete) must be at least 2, got %d", c.ReliabilityMinComplete)
	}
	if strings.TrimSpace(c.Out) == "" {
		return o, usage.Errorf("RENKEI_OUT (--out) must name an output folder")
	}
	for _, f := range o.Formats {
		if !slices.Contains(Formats, f) {
			return o, usage.Errorf("RENKEI_FORMATS (--formats): unknown format %q; this version writes %s", f, strings.Join(Formats, ", "))
		}
	}
	if o.Trends, err = c.trendOptions(); err != nil {
		return o, err
	}
	if o.Gaps.Adjust, err = stats.ParseAdjustment(c.GapAdjust); err != nil {
		return o, usage.Errorf("RENKEI_GAP_ADJUST (--gap-adjust): %v", err)
	}
	if o.Gaps.MinGap = c.GapMin; !(c.GapMin >= 0 && c.GapMin <= 4) {
		return o, usage.Errorf("RENKEI_GAP_MIN (--gap-min) must lie between 0 and 4 points of a 1–5 scale, got %g", c.GapMin)
	}
	o.Gate, err = c.gateRules()
	return o, err
}

// splitList splits a comma-separated setting, dropping empty entries; lower puts each
// in lower case.
func splitList(s string, lower bool) []string {
	var out []string
	for _, f := range strings.Split(s, ",") {
		if f = strings.TrimSpace(f); lower {
			f = strings.ToLower(f)
		}
		if f != "" {
			out = append(out, f)
		}
	}
	return out
}

// compareWaves checks --before and --after and sets o's waves to compare.
func (c *Settings) compareWaves(o *Options) error {
	if (c.Before == "") != (c.After == "") {
		return usage.Errorf("RENKEI_BEFORE (--before) and RENKEI_AFTER (--after) go together: give both waves or neither")
	}
	if c.Before == "" {
		return nil
	}
	for _, s := range []struct {
		env, flag, v string
		into         *survey.Wave
	}{{"RENKEI_BEFORE", "before", c.Before, &o.Before}, {"RENKEI_AFTER", "after", c.After, &o.After}} {
		w, err := o.Calendar.ParseWave(s.v)
		if err != nil {
			return usage.Errorf("%s (--%s) must be a wave such as 2026Q2: %v", s.env, s.flag, err)
		}
		*s.into = w
	}
	if o.Before == o.After {
		return usage.Errorf("RENKEI_BEFORE (--before) and RENKEI_AFTER (--after) name the same wave %s", c.Before)
	}
	o.CompareWaves = true
	return nil
}

// trendOptions checks and parses the RENKEI_TREND_* settings.
func (c *Settings) trendOptions() (analysis.TrendOptions, error) {
	o := analysis.TrendOptions{MinWaves: c.TrendMinWaves, Alpha: c.TrendAlpha, MinEffect: c.TrendMinEffect}
	var err error
	if o.Adjust, err = stats.ParseAdjustment(c.TrendAdjust); err != nil {
		return o, usage.Errorf("RENKEI_TREND_ADJUST (--trend-adjust): %v", err)
	}
	switch {
	case o.MinWaves < analysis.MinTrendWaves:
		return o, usage.Errorf("RENKEI_TREND_MIN_WAVES (--trend-min-waves) must be at least %d, got %d", analysis.MinTrendWaves, o.MinWaves)
	case !(o.Alpha > 0 && o.Alpha < 1):
		return o, usage.Errorf("RENKEI_TREND_ALPHA (--trend-alpha) must lie between 0 and 1, got %g", o.Alpha)
	case !(o.MinEffect >= 0):
		return o, usage.Errorf("RENKEI_TREND_MIN_EFFECT (--trend-min-effect) must be 0 or more, got %g", o.MinEffect)
	}
	return o, nil
}

// gateRules reads the RENKEI_GATE_* thresholds: empty is off; scores lie on the 1–5
// scale, a drop between 0 and 4 points of it.
func (c *Settings) gateRules() (analysis.GateRules, error) {
	rules := analysis.GateRules{FailDeclining: c.GateDeclining}
	for _, g := range []struct {
		text   string
		check  analysis.GateCheck
		lo, hi float64
		into   **float64
		want   string
	}{
		{c.GateMinHealth, analysis.GateMinHealth, 1, 5, &rules.MinHealth, "a number from 1 to 5 (a score on the 1–5 scale)"},
		{c.GateMinScore, analysis.GateMinScore, 1, 5, &rules.MinScore, "a number from 1 to 5 (a score on the 1–5 scale)"},
		{c.GateMaxDrop, analysis.GateMaxDrop, 0, 4, &rules.MaxDrop, "a number from 0 to 4 (points on the 1–5 scale)"},
	} {
		if strings.TrimSpace(g.text) == "" {
			continue
		}
		v, err := strconv.ParseFloat(strings.TrimSpace(g.text), 64)
		if err != nil || !(v >= g.lo && v <= g.hi) {
			return rules, usage.Errorf("%s must be %s, got %q", GateSettings[g.check], g.want, g.text)
		}
		*g.into = &v
	}
	return rules, nil
}

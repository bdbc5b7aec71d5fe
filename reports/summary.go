package reports

import (
	"io"
	"math"
	"sort"
	"time"

	"renkei/analysis"
	"renkei/survey"
)

// SummarySchema identifies the layout of summary.json. It changes only when a field is
// renamed or removed; fields may be added within one schema version.
const SummarySchema = "renkei.summary/v1"

// Input describes one input file of a run.
type Input struct {
	File     string `json:"file"`
	Encoding string `json:"encoding"`
	Rows     int    `json:"rows"`     // data rows read
	Rejected int    `json:"rejected"` // rows not used
}

// RowTotals returns the data rows read from inputs and how many of them were
// rejected, summed over the files: the one place a run's row totals are counted.
func RowTotals(inputs []Input) (rows, rejected int) {
	for _, in := range inputs {
		rows += in.Rows
		rejected += in.Rejected
	}
	return rows, rejected
}

// Run is what renderers need to know about a run besides its results.
type Run struct {
	Version   string
	Generated time.Time // zero when no reproducible date was given (SOURCE_DATE_EPOCH)
	Inputs    []Input
	Codebook  string // file name, or "built-in"
	Calendar  survey.Calendar
	Problems  []survey.Problem
	Result    *analysis.Result
	// Comparison is the before/after comparison; nil when the run compares nothing.
	Comparison *analysis.Comparison

	TrendOptions analysis.TrendOptions // the rules the trends were flagged by
	Trends       []analysis.Trend
	Gate         analysis.GateResult

	Reliability []analysis.DimensionReliability // per dimension, over all waves and per wave
	Quality     *survey.QualitySummary          // the quality checks' counts; nil when not run
	// QualityCounts are the disclosure control's decisions on the quality counts, and
	// the responses each counts; a count without a decision is not shown.
	QualityCounts map[analysis.QualityKey]analysis.QualityCount
	Strict        StrictCheck // the strict setting's outcome

	Relations *Relations // gaps, stakeholder map, response rates, suggested actions; nil when not computed
}

type summaryJSON struct {
	Schema       string               `json:"schema"`
	Version      string               `json:"version"`
	Generated    string               `json:"generated_at,omitempty"`
	Inputs       []Input              `json:"inputs"`
	Settings     summarySettings      `json:"settings"`
	Counts       summaryCounts        `json:"counts"`
	Waves        []string             `json:"waves"`
	Dimensions   []summaryDimension   `json:"dimensions"`
	Partnerships []summaryPartnership `json:"partnerships"`
	Problems     summaryProblems      `json:"problems"`
	Trends       []summaryTrend       `json:"trends"`
	Flags        map[string][]string  `json:"flags"` // flag → partnerships with a row carrying it
	Gate         summaryGate          `json:"gate"`
	Reliability  []summaryReliability `json:"reliability,omitempty"`
	Quality      *summaryQuality      `json:"quality,omitempty"`

	Gaps          *summaryGaps        `json:"gaps,omitempty"`
	Network       *summaryNetwork     `json:"network,omitempty"`
	ResponseRates *summaryRates       `json:"response_rates,omitempty"`
	Actions       *summaryActions     `json:"actions,omitempty"`
	Comparison    []summaryComparison `json:"comparison,omitempty"`
}

type summarySettings struct {
	Codebook    string           `json:"codebook"`
	ScaleMin    int              `json:"scale_min"`
	ScaleMax    int              `json:"scale_max"`
	MinGroup    int              `json:"min_group"`
	FiscalStart int              `json:"fiscal_start"`
	Bands       summaryBandLimit `json:"bands"`

	Trends summaryTrendSettings `json:"trends"` // the rules behind trend flags
}

type summaryBandLimit struct {
	Strength   float64 `json:"strength"`
	Borderline float64 `json:"borderline"`
}

type summaryCounts struct {
	Rows         int `json:"rows"`
	Responses    int `json:"responses"`
	Rejected     int `json:"rejected_rows"`
	Partnerships int `json:"partnerships"`
	Waves        int `json:"waves"`
	// HealthBands counts the partnerships per band of their latest health mean.
	HealthBands map[string]int `json:"latest_health_bands"`
}

type summaryDimension struct {
	ID     string `json:"id"`
	NameEN string `json:"name_en"`
	NameJA string `json:"name_ja"`
	Items  int    `json:"items"`
}

type summaryPartnership struct {
	ID         string         `json:"id"`
	LatestWave string         `json:"latest_wave"`
	Waves      int            `json:"waves"`
	Suppressed bool           `json:"suppressed"`
	Health100  *float64       `json:"health_100,omitempty"`
	Scores     []summaryScore `json:"scores,omitempty"`
}

type summaryScore struct {
	Dimension  string   `json:"dimension"`
	Suppressed bool     `json:"suppressed"`
	N          int      `json:"n,omitempty"`
	Mean       *float64 `json:"mean,omitempty"`
	SD         *float64 `json:"sd,omitempty"`
	CILow      *float64 `json:"ci_low,omitempty"`
	CIHigh     *float64 `json:"ci_high,omitempty"`
	Median     *float64 `json:"median,omitempty"`
	Favorable  *float64 `json:"favorable,omitempty"`
	Band       string   `json:"band,omitempty"`
}

type summaryProblems struct {
	Total      int            `json:"total"`
	BySeverity map[string]int `json:"by_severity"`
	ByCode     map[string]int `json:"by_code"`
}

// jsonNumber returns a pointer to v, or nil for NaN, which JSON cannot hold.
func jsonNumber(v float64) *float64 {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return nil
	}
	return &v
}

// WriteSummaryJSON writes summary.json: the run's inputs and settings, counts, and each
// partnership's scores in its latest wave (the whole partnership, every dimension and
// health), a count of the problems found, every trend row, the partnerships per flag
// and the quality gate's result. Keys are in a fixed order and numbers at
// full precision, so identical runs give identical files.
func WriteSummaryJSON(w io.Writer, run *Run) error {
	res := run.Result
	cb := res.Codebook
	strength, borderline := res.Bands.Thresholds(cb.Min, cb.Max)
	s := summaryJSON{
		Schema:  SummarySchema,
		Version: run.Version,
		Inputs:  run.Inputs,
		Settings: summarySettings{
			Codebook: run.Codebook, ScaleMin: cb.Min, ScaleMax: cb.Max,
			MinGroup: res.MinGroup, FiscalStart: run.Calendar.FiscalStart,
			Bands: summaryBandLimit{Strength: strength, Borderline: borderline},
		},
		Counts: summaryCounts{Responses: res.Responses, Partnerships: len(res.Partnerships), Waves: len(res.Waves)},
		Waves:  []string{},
		Problems: summaryProblems{
			Total: len(run.Problems), BySeverity: map[string]int{}, ByCode: map[string]int{},
		},
	}
	if s.Inputs == nil {
		s.Inputs = []Input{}
	}
	if !run.Generated.IsZero() {
		s.Generated = run.Generated.UTC().Format(time.RFC3339)
	}
	s.Counts.Rows, s.Counts.Rejected = RowTotals(run.Inputs)
	for _, w := range res.Waves {
		s.Waves = append(s.Waves, run.Calendar.Label(w))
	}
	for _, d := range cb.Dimensions {
		s.Dimensions = append(s.Dimensions, summaryDimension{ID: d.ID, NameEN: d.NameEN, NameJA: d.NameJA, Items: len(d.Items)})
	}
	s.Partnerships = latestScores(res, run.Calendar)
	s.Counts.HealthBands = healthBandCounts(s.Partnerships)
	s.Settings.Trends = trendSettings(run.TrendOptions)
	s.Trends = trendSummaries(run.Trends, run.Calendar)
	s.Flags = flagSummary(run.Trends)
	s.Comparison = summaryComparisons(run.Comparison)
	s.Gate = gateSummary(run.Gate, run.Calendar)
	for _, p := range run.Problems {
		s.Problems.BySeverity[string(p.Severity)]++
		s.Problems.ByCode[p.Code]++
	}
	s.Reliability = summaryReliabilities(run.Reliability, run.Calendar)
	s.Quality = summaryQualityOf(run, s.Counts.Rows, s.Counts.Rejected)
	addRelations(&s, run.Relations, cb, run.Calendar)
	return writeIndentedJSON(w, s)
}

// latestScores picks, per partnership, the whole-partnership rows of its latest wave.
func latestScores(res *analysis.Result, cal survey.Calendar) []summaryPartnership {
	type span struct {
		latest survey.Wave
		waves  map[int]bool
	}
	spans := map[string]*span{}
	for g := range res.Scores() {
		if g.Breakdown != analysis.BreakdownAll {
			continue
		}
		sp, ok := spans[g.Partnership]
		if !ok {
			sp = &span{latest: g.Wave, waves: map[int]bool{}}
			spans[g.Partnership] = sp
		}
		sp.waves[g.Wave.Index()] = true
		if sp.latest.Less(g.Wave) {
			sp.latest = g.Wave
		}
	}
	out := make([]summaryPartnership, 0, len(spans))
	byID := map[string]int{}
	for _, id := range res.Partnerships {
		sp, ok := spans[id]
		if !ok {
			continue
		}
		byID[id] = len(out)
		out = append(out, summaryPartnership{ID: id, LatestWave: cal.Label(sp.latest), Waves: len(sp.waves), Suppressed: true})
	}
	for g := range res.Scores() {
		if g.Breakdown != analysis.BreakdownAll || g.Wave != spans[g.Partnership].latest {
			continue
		}
		p := &out[byID[g.Partnership]]
		sc := summaryScore{Dimension: g.Dimension, Suppressed: g.Suppressed}
		if !g.Suppressed {
			p.Suppressed = false
			sc.N, sc.Band = g.N, string(g.Band)
			sc.Mean, sc.SD = jsonNumber(g.Mean), jsonNumber(g.SD)
			sc.CILow, sc.CIHigh = jsonNumber(g.CILow), jsonNumber(g.CIHigh)
			sc.Median, sc.Favorable = jsonNumber(g.Median), jsonNumber(g.Favorable)
			if g.Dimension == survey.HealthDimension {
				p.Health100 = jsonNumber(res.Codebook.To100(g.Mean))
			}
		}
		p.Scores = append(p.Scores, sc)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

package reports

import (
	"renkei/analysis"
	"renkei/survey"
)

// StrictCheck is the outcome of the strict setting (RENKEI_STRICT): the share of
// flawed rows (rejected, or accepted with a flaw) against the most allowed. The quality
// gate, a different thing, is analysis.GateResult.
type StrictCheck struct {
	Enabled  bool
	MaxShare float64 // the most flawed rows allowed, 0–1
	Share    float64 // flawed rows over rows read
	Failed   bool
}

type summaryQuality struct {
	Rows             int                         `json:"rows"`
	Responses        int                         `json:"responses"`
	RejectedRows     int                         `json:"rejected_rows"`
	FlaggedResponses int                         `json:"flagged_responses"`
	FlawedShare      float64                     `json:"flawed_share"`
	MissingRate      float64                     `json:"missing_rate"`
	Strict           *summaryStrict              `json:"strict,omitempty"`
	Items            []summaryItemMissing        `json:"items"`
	Partnerships     []summaryQualityPartnership `json:"partnerships"`
}

type summaryStrict struct {
	MaxShare float64 `json:"max_share"`
	Failed   bool    `json:"failed"`
}

type summaryItemMissing struct {
	Item        string  `json:"item"`
	Answered    int     `json:"answered"`
	Missing     int     `json:"missing"`
	MissingRate float64 `json:"missing_rate"`
}

// summaryQualityCounts are the counts of a partnership, or of one of its waves; empty
// when it has fewer than k responses.
type summaryQualityCounts struct {
	Suppressed  bool           `json:"suppressed"`
	Responses   *int           `json:"responses,omitempty"`
	Flagged     *int           `json:"flagged,omitempty"`
	MissingRate *float64       `json:"missing_rate,omitempty"`
	Problems    map[string]int `json:"problems,omitempty"`
}

type summaryQualityPartnership struct {
	Partnership string `json:"partnership"`
	summaryQualityCounts
	Waves []summaryQualityWave `json:"waves"`
}

type summaryQualityWave struct {
	Wave string `json:"wave"`
	summaryQualityCounts
}

type summaryReliability struct {
	Wave       string                   `json:"wave"`
	Dimension  string                   `json:"dimension"`
	Suppressed bool                     `json:"suppressed"`
	N          int                      `json:"n,omitempty"`
	Complete   int                      `json:"n_complete,omitempty"`
	Alpha      *float64                 `json:"alpha,omitempty"`
	StdAlpha   *float64                 `json:"std_alpha,omitempty"`
	CILow      *float64                 `json:"alpha_ci_low,omitempty"`
	CIHigh     *float64                 `json:"alpha_ci_high,omitempty"`
	AverageR   *float64                 `json:"average_r,omitempty"`
	OmegaTotal *float64                 `json:"omega_total,omitempty"`
	Items      []summaryItemReliability `json:"items,omitempty"`
	Warnings   []summaryWarning         `json:"warnings,omitempty"`
}

type summaryItemReliability struct {
	Item           string   `json:"item"`
	N              int      `json:"n"`
	Dropped        bool     `json:"dropped,omitempty"`
	RDrop          *float64 `json:"r_drop,omitempty"`
	AlphaIfDropped *float64 `json:"alpha_if_dropped,omitempty"`
}

type summaryWarning struct {
	Code    string `json:"code"`
	Item    string `json:"item,omitempty"`
	Message string `json:"message"`
}

// summaryReliabilities renders the reliability results for summary.json, each
// warning once, on its dimension, naming its item where it has one.
func summaryReliabilities(rel []analysis.DimensionReliability, cal survey.Calendar) []summaryReliability {
	out := make([]summaryReliability, 0, len(rel))
	for _, r := range rel {
		s := summaryReliability{Wave: ReliabilityWave(r, cal), Dimension: r.Dimension, Suppressed: r.Suppressed}
		if !r.Suppressed {
			s.N, s.Complete = r.N, r.Complete
			s.Alpha, s.StdAlpha = jsonNumber(r.Alpha), jsonNumber(r.StdAlpha)
			s.CILow, s.CIHigh = jsonNumber(r.CILow), jsonNumber(r.CIHigh)
			s.AverageR, s.OmegaTotal = jsonNumber(r.AverageR), jsonNumber(r.OmegaTotal)
		}
		for _, w := range r.Warnings {
			s.Warnings = append(s.Warnings, summaryWarning{Code: w.Code, Message: w.Message})
		}
		for _, it := range r.Items {
			s.Items = append(s.Items, summaryItemReliability{Item: it.Item, N: it.N, Dropped: it.Dropped,
				RDrop: jsonNumber(it.RDrop), AlphaIfDropped: jsonNumber(it.AlphaIfDropped)})
			for _, w := range it.Warnings {
				s.Warnings = append(s.Warnings, summaryWarning{Code: w.Code, Item: it.Item, Message: w.Message})
			}
		}
		out = append(out, s)
	}
	return out
}

// qualityCounts renders counts as the run's disclosure control decided them, with the
// responses it counted (each person once per wave, as in every table): empty when it
// hides them, or when it made no decision on them — no count goes out that the
// control did not see.
func qualityCounts(q survey.QualityCounts, key analysis.QualityKey, run *Run) summaryQualityCounts {
	decided, ok := run.QualityCounts[key]
	if !ok || decided.Hidden {
		return summaryQualityCounts{Suppressed: true}
	}
	q.Responses = decided.Responses
	c := summaryQualityCounts{Responses: &q.Responses, Flagged: &q.Flagged, MissingRate: jsonNumber(q.MissingRate())}
	if len(q.ByCode) > 0 {
		c.Problems = q.ByCode
	}
	return c
}

// summaryQualityOf renders the quality checks for summary.json.
func summaryQualityOf(run *Run, rows, rejected int) *summaryQuality {
	q := run.Quality
	if q == nil {
		return nil
	}
	responses := q.Total.Responses
	if c, ok := run.QualityCounts[analysis.QualityTotal]; ok {
		responses = c.Responses
	}
	s := &summaryQuality{
		Rows: rows, Responses: responses, RejectedRows: rejected,
		FlaggedResponses: q.Total.Flagged, FlawedShare: run.Strict.Share, MissingRate: q.Total.MissingRate(),
		Items: []summaryItemMissing{}, Partnerships: []summaryQualityPartnership{},
	}
	if run.Strict.Enabled {
		s.Strict = &summaryStrict{MaxShare: run.Strict.MaxShare, Failed: run.Strict.Failed}
	}
	for _, it := range q.Items {
		m := survey.QualityCounts{Answers: it.Answered, Missing: it.Missing}
		s.Items = append(s.Items, summaryItemMissing{Item: it.Item, Answered: it.Answered, Missing: it.Missing, MissingRate: m.MissingRate()})
	}
	for i := 0; i < len(q.Groups); {
		name := q.Groups[i].Partnership
		total := survey.QualityCounts{ByCode: map[string]int{}}
		p := summaryQualityPartnership{Partnership: name}
		for ; i < len(q.Groups) && q.Groups[i].Partnership == name; i++ {
			g := q.Groups[i]
			total.Add(g.QualityCounts)
			key := analysis.QualityKey{Partnership: name, Wave: g.Wave.Index()}
			p.Waves = append(p.Waves, summaryQualityWave{Wave: run.Calendar.Label(g.Wave), summaryQualityCounts: qualityCounts(g.QualityCounts, key, run)})
		}
		p.summaryQualityCounts = qualityCounts(total, analysis.QualityKey{Partnership: name, Wave: -1}, run)
		s.Partnerships = append(s.Partnerships, p)
	}
	return s
}

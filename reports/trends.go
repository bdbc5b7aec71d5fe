package reports

import (
	"io"
	"reflect"
	"strconv"
	"strings"

	"github.com/gocarina/gocsv"

	"renkei/analysis"
	"renkei/survey"
)

// trendRow is one row of trends.csv: the contract's columns first, then added ones.
type trendRow struct {
	Partnership       string `csv:"partnership"`
	Dimension         string `csv:"dimension"`
	Waves             string `csv:"waves"`
	Slope             string `csv:"slope"`
	SlopeCILow        string `csv:"slope_ci_low"`
	SlopeCIHigh       string `csv:"slope_ci_high"`
	TheilSen          string `csv:"theil_sen"`
	KendallTau        string `csv:"kendall_tau"`
	KendallP          string `csv:"kendall_p"`
	LastChange        string `csv:"last_change"`
	LastChangeP       string `csv:"last_change_p"`
	LastChangeG       string `csv:"last_change_g"`
	Flag              string `csv:"flag"`
	FirstWave         string `csv:"first_wave"`
	LatestWave        string `csv:"latest_wave"`
	LatestMean        string `csv:"latest_mean"`
	SlopeP            string `csv:"slope_p"`
	SlopePAdj         string `csv:"slope_p_adj"`
	TrendEffect       string `csv:"trend_effect"`
	PreviousWave      string `csv:"previous_wave"`
	LastChangeT       string `csv:"last_change_t"`
	LastChangeDF      string `csv:"last_change_df"`
	LastChangeGCILow  string `csv:"last_change_g_ci_low"`
	LastChangeGCIHigh string `csv:"last_change_g_ci_high"`
	ShiftReference    string `csv:"shift_reference"`
	ShiftP            string `csv:"shift_p"`
	ShiftPAdj         string `csv:"shift_p_adj"`
	ShiftG            string `csv:"shift_g"`
	Evidence          string `csv:"evidence"`
}

// WriteTrendsCSV writes trends.csv: one row per partnership and dimension (health
// last), statistics at full precision, empty where a statistic needs more waves. flag
// and evidence list their values separated by spaces.
func WriteTrendsCSV(w io.Writer, trends []analysis.Trend, cal survey.Calendar) error {
	rows := make([]trendRow, len(trends))
	for i, t := range trends {
		row := trendRow{
			Partnership: SafeText(t.Partnership),
			Dimension:   t.Dimension,
			Waves:       strconv.Itoa(t.Waves),
			Slope:       number(t.Slope), SlopeCILow: number(t.SlopeCILow), SlopeCIHigh: number(t.SlopeCIHigh),
			TheilSen:   number(t.TheilSen),
			KendallTau: number(t.KendallTau), KendallP: number(t.KendallP),
			Flag:        strings.Join(words(t.Flags), " "),
			SlopeP:      number(t.SlopeP),
			SlopePAdj:   number(t.SlopePAdj),
			TrendEffect: number(t.TrendEffect),
			ShiftPAdj:   number(t.ShiftPAdj),
			Evidence:    strings.Join(words(t.Evidence), " "),
		}
		if t.Waves > 0 {
			row.FirstWave, row.LatestWave = cal.Label(t.First), cal.Label(t.Latest)
			row.LatestMean = number(t.LatestStats.Mean)
		}
		if c := t.LastChange; c != nil {
			row.PreviousWave = cal.Label(c.From)
			row.LastChange, row.LastChangeP, row.LastChangeG = number(c.Diff), number(c.P), number(c.G)
			row.LastChangeT, row.LastChangeDF = number(c.T), number(c.DF)
			row.LastChangeGCILow, row.LastChangeGCIHigh = number(c.GCILow), number(c.GCIHigh)
		}
		if s := t.Shift; s != nil {
			row.ShiftReference, row.ShiftP, row.ShiftG = cal.Label(s.Reference), number(s.P), number(s.G)
		}
		rows[i] = row
	}
	if len(rows) == 0 {
		_, err := io.WriteString(w, strings.Join(csvHeader(trendRow{}), ",")+"\n")
		return err
	}
	return gocsv.Marshal(rows, w)
}

// csvHeader returns the csv tags of a row struct's fields: the header gocsv writes,
// for a table without rows.
func csvHeader(row any) []string {
	t := reflect.TypeOf(row)
	names := make([]string, t.NumField())
	for i := range names {
		names[i] = t.Field(i).Tag.Get("csv")
	}
	return names
}

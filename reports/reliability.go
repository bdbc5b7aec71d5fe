package reports

import (
	"io"
	"strconv"
	"strings"

	"github.com/gocarina/gocsv"

	"renkei/analysis"
	"renkei/survey"
)

// reliabilityRow is one row of reliability.csv.
type reliabilityRow struct {
	Wave           string `csv:"wave"`
	Dimension      string `csv:"dimension"`
	Item           string `csv:"item"`
	N              string `csv:"n"`
	Alpha          string `csv:"alpha"`
	StdAlpha       string `csv:"std_alpha"`
	AlphaCILow     string `csv:"alpha_ci_low"`
	AlphaCIHigh    string `csv:"alpha_ci_high"`
	AverageR       string `csv:"average_r"`
	RDrop          string `csv:"r_drop"`
	AlphaIfDropped string `csv:"alpha_if_dropped"`
	OmegaTotal     string `csv:"omega_total"`
	Complete       string `csv:"n_complete"`
	Suppressed     string `csv:"suppressed"`
	Warnings       string `csv:"warnings"`
}

// ReliabilityWave names the wave of a reliability result: "all" over all waves.
func ReliabilityWave(r analysis.DimensionReliability, cal survey.Calendar) string {
	if r.AllWaves {
		return "all"
	}
	return cal.Label(r.Wave)
}

// joinWarnings joins warning messages for one CSV cell.
func joinWarnings(ws []analysis.Warning) string {
	msgs := make([]string, len(ws))
	for i, w := range ws {
		msgs[i] = SafeText(w.Message)
	}
	return strings.Join(msgs, "; ")
}

// WriteReliabilityCSV writes reliability.csv: per wave ("all" first, then each wave)
// and dimension, a row for the dimension (item empty: n, alpha, standardized alpha, its
// Feldt CI, average r, omega total) followed by a row per item (n answers, r_drop,
// alpha_if_dropped). Warnings travel in the last column. A set with fewer than k
// responses is written suppressed, its statistics empty.
func WriteReliabilityCSV(w io.Writer, rel []analysis.DimensionReliability, cal survey.Calendar) error {
	var rows []reliabilityRow
	for _, r := range rel {
		wave := ReliabilityWave(r, cal)
		dim := reliabilityRow{Wave: wave, Dimension: SafeText(r.Dimension), Suppressed: strconv.FormatBool(r.Suppressed)}
		if !r.Suppressed {
			dim.N, dim.Complete = strconv.Itoa(r.N), strconv.Itoa(r.Complete)
			dim.Alpha, dim.StdAlpha = number(r.Alpha), number(r.StdAlpha)
			dim.AlphaCILow, dim.AlphaCIHigh = number(r.CILow), number(r.CIHigh)
			dim.AverageR, dim.OmegaTotal = number(r.AverageR), number(r.OmegaTotal)
			dim.Warnings = joinWarnings(r.Warnings)
		}
		rows = append(rows, dim)
		for _, it := range r.Items {
			rows = append(rows, reliabilityRow{
				Wave: wave, Dimension: SafeText(r.Dimension), Item: SafeText(it.Item), N: strconv.Itoa(it.N),
				RDrop: number(it.RDrop), AlphaIfDropped: number(it.AlphaIfDropped),
				Suppressed: "false", Warnings: joinWarnings(it.Warnings),
			})
		}
	}
	return gocsv.Marshal(rows, w)
}

package reports

import (
	"io"

	"github.com/gocarina/gocsv"

	"renkei/analysis"
	"renkei/survey"
)

// suppressedRow is one row of suppressed.csv.
type suppressedRow struct {
	Partnership string `csv:"partnership"`
	Wave        string `csv:"wave"`
	Breakdown   string `csv:"breakdown"`
	Group       string `csv:"group"`
	Dimension   string `csv:"dimension"`
	Rule        string `csv:"rule"`
	Reason      string `csv:"reason"`
}

// suppressionReasons word each rule for the audit.
var suppressionReasons = map[analysis.Suppression]string{
	analysis.FewerThanK:    "fewer than k respondents have a score",
	analysis.Complementary: "hidden so that a smaller hidden group cannot be recovered by subtracting the visible groups from the whole partnership",
}

// WriteSuppressedCSV writes suppressed.csv, the audit of what scores.csv and every
// rendering hold back: one row per hidden partnership, wave, group and dimension with
// the rule that hid it (fewer_than_k or complementary) and why. It carries no statistic
// of a hidden group, not even its size.
func WriteSuppressedCSV(w io.Writer, res *analysis.Result, cal survey.Calendar) error {
	rows := []suppressedRow{}
	for s := range res.Suppressed() {
		rows = append(rows, suppressedRow{
			Partnership: SafeText(s.Partnership),
			Wave:        cal.Label(s.Wave),
			Breakdown:   string(s.Breakdown),
			Group:       SafeText(s.Group),
			Dimension:   s.Dimension,
			Rule:        s.Suppression.String(),
			Reason:      suppressionReasons[s.Suppression],
		})
	}
	return gocsv.Marshal(rows, w)
}

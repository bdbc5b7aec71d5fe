package reports

import (
	"io"

	"renkei/analysis"
	"renkei/survey"
)

// suppressedColumns is the header of suppressed.csv.
var suppressedColumns = []string{"partnership", "wave", "breakdown", "group", "dimension", "rule", "reason"}

// suppressionReasons word each rule for the audit.
var suppressionReasons = map[analysis.Suppression]string{
	analysis.FewerThanK:    "fewer than k respondents have a score",
	analysis.Complementary: "hidden so that no smaller group can be recovered by subtracting published figures, in this table or across tables",
}

// WriteSuppressedCSV writes suppressed.csv, the audit of what scores.csv and every
// rendering hold back: one row per hidden partnership, wave, group and dimension with
// the rule that hid it (fewer_than_k or complementary) and why. It carries no statistic
// of a hidden group, not even its size.
func WriteSuppressedCSV(w io.Writer, res *analysis.Result, cal survey.Calendar) error {
	// A small file leaves most groups hidden: hundreds of thousands of rows, formatted
	// in blocks on all processors at once (writeBlocks), as scores.csv.
	return writeBlocks(w, suppressedColumns, res.Groups(), func(first, last int, buf []byte) []byte {
		labels := newWaveLabels(cal)
		for s := range res.SuppressedOf(first, last) {
			label := labels.of(s.Wave)
			buf = appendCSVField(buf, SafeText(s.Partnership))
			buf = appendCSVField(append(buf, ','), label)
			buf = appendCSVField(append(buf, ','), string(s.Breakdown))
			buf = appendCSVField(append(buf, ','), SafeText(s.Group))
			buf = appendCSVField(append(buf, ','), s.Dimension)
			buf = appendCSVField(append(buf, ','), s.Suppression.String())
			buf = appendCSVField(append(buf, ','), suppressionReasons[s.Suppression])
			buf = append(buf, '\n')
		}
		return buf
	})
}

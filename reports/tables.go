package reports

import (
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/gocarina/gocsv"

	"renkei/analysis"
	"renkei/survey"
)

// SafeText neutralises a cell that a spreadsheet would read as a formula: text from the
// input that starts with =, +, −, @, a tab or a carriage return gets a leading
// apostrophe, which spreadsheets show as text and do not evaluate.
func SafeText(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return "'" + s
	}
	return s
}

// number formats v with full float64 precision (the shortest text that reads back as
// the same float64); NaN, which no published statistic should be, is an empty cell.
func number(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return ""
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}

// scoreRow is one row of scores.csv.
type scoreRow struct {
	Partnership  string `csv:"partnership"`
	Wave         string `csv:"wave"`
	Breakdown    string `csv:"breakdown"`
	Group        string `csv:"group"`
	Dimension    string `csv:"dimension"`
	N            string `csv:"n"`
	Mean         string `csv:"mean"`
	SD           string `csv:"sd"`
	CILow        string `csv:"ci_low"`
	CIHigh       string `csv:"ci_high"`
	Median       string `csv:"median"`
	Favorable    string `csv:"favorable"`
	Band         string `csv:"band"`
	Suppressed   string `csv:"suppressed"`
	Distribution string `csv:"distribution"`
	Suppression  string `csv:"suppression"`
}

// WriteScoresCSV writes scores.csv: one row per partnership, wave, group and dimension
// (health last), statistics at full precision. A suppressed group's statistics are
// empty, and suppression says why: fewer_than_k, or complementary (it would reveal a
// smaller group by subtraction). distribution lists the answers per scale point, lowest
// first, separated by spaces.
func WriteScoresCSV(w io.Writer, res *analysis.Result, cal survey.Calendar) error {
	rows := make([]scoreRow, 0, csvChunk)
	first := true
	flush := func() error {
		if len(rows) == 0 && !first {
			return nil
		}
		var err error
		if first {
			err = gocsv.Marshal(rows, w)
		} else {
			err = gocsv.MarshalWithoutHeaders(rows, w)
		}
		first, rows = false, rows[:0]
		return err
	}
	for s := range res.Scores() {
		row := scoreRow{
			Partnership: SafeText(s.Partnership),
			Wave:        cal.Label(s.Wave),
			Breakdown:   string(s.Breakdown),
			Group:       SafeText(s.Group),
			Dimension:   s.Dimension,
			Suppressed:  strconv.FormatBool(s.Suppressed),
			Suppression: s.Suppression.String(),
		}
		if !s.Suppressed {
			row.N = strconv.Itoa(s.N)
			row.Mean, row.SD = number(s.Mean), number(s.SD)
			row.CILow, row.CIHigh = number(s.CILow), number(s.CIHigh)
			row.Median, row.Favorable = number(s.Median), number(s.Favorable)
			row.Band = string(s.Band)
			row.Distribution = joinInts(s.Distribution)
		}
		rows = append(rows, row)
		if len(rows) == csvChunk {
			if err := flush(); err != nil {
				return err
			}
		}
	}
	return flush()
}

// csvChunk is how many rows are formatted at a time: the table is streamed, not built
// whole in memory.
const csvChunk = 4096

func joinInts(v []int) string {
	parts := make([]string, len(v))
	for i, x := range v {
		parts[i] = strconv.Itoa(x)
	}
	return strings.Join(parts, " ")
}

// qualityRow is one row of quality.csv.
type qualityRow struct {
	File     string `csv:"file"`
	Line     string `csv:"line"`
	Column   string `csv:"column"`
	Severity string `csv:"severity"`
	Code     string `csv:"code"`
	Message  string `csv:"message"`
}

// WriteQualityCSV writes quality.csv: every problem found in the input, in reading
// order. Line and column are empty where a problem concerns the whole file or row.
func WriteQualityCSV(w io.Writer, problems []survey.Problem) error {
	rows := make([]qualityRow, len(problems))
	for i, p := range problems {
		rows[i] = qualityRow{
			File:     SafeText(p.File),
			Severity: string(p.Severity),
			Code:     p.Code,
			Message:  SafeText(p.Message),
		}
		if p.Line > 0 {
			rows[i].Line = strconv.Itoa(p.Line)
		}
		if p.Column > 0 {
			rows[i].Column = strconv.Itoa(p.Column)
		}
	}
	if len(rows) == 0 {
		// gocsv writes no header for an empty slice; a consumer still needs one.
		_, err := io.WriteString(w, "file,line,column,severity,code,message\n")
		return err
	}
	return gocsv.Marshal(rows, w)
}

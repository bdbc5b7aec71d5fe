package reports

import (
	"io"
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

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

// scoreColumns is the header of scores.csv.
var scoreColumns = []string{"partnership", "wave", "breakdown", "group", "dimension", "n", "mean", "sd", "ci_low", "ci_high", "median", "favorable", "band", "suppressed", "distribution", "suppression"}

// WriteScoresCSV writes scores.csv: one row per partnership, wave, group and dimension
// (health last), statistics at full precision. A suppressed group's statistics are
// empty, and suppression says why: fewer_than_k, or complementary (it would reveal a
// smaller group by subtraction). distribution lists the answers per scale point, lowest
// first, separated by spaces. The table is computed and formatted in blocks of groups
// on all processors at once (writeBlocks), and written in order.
func WriteScoresCSV(w io.Writer, res *analysis.Result, cal survey.Calendar) error {
	if res.Groups() == 0 {
		return nil // as gocsv, which wrote this table before, writes nothing for no rows
	}
	return writeBlocks(w, scoreColumns, res.Groups(), func(first, last int, buf []byte) []byte {
		labels := newWaveLabels(cal)
		for s := range res.ScoresOf(first, last) {
			label := labels.of(s.Wave)
			buf = appendCSVField(buf, SafeText(s.Partnership))
			buf = append(append(buf, ','), label...)
			buf = append(append(buf, ','), s.Breakdown...)
			buf = appendCSVField(append(buf, ','), SafeText(s.Group))
			buf = appendCSVField(append(buf, ','), s.Dimension)
			buf = append(buf, ',')
			if !s.Suppressed {
				buf = strconv.AppendInt(buf, int64(s.N), 10)
				for _, v := range [...]float64{s.Mean, s.SD, s.CILow, s.CIHigh, s.Median, s.Favorable} {
					buf = appendNumber(append(buf, ','), v)
				}
				buf = appendCSVField(append(buf, ','), string(s.Band))
			} else {
				buf = append(buf, ",,,,,,,"...)
			}
			buf = strconv.AppendBool(append(buf, ','), s.Suppressed)
			buf = append(buf, ',')
			if !s.Suppressed {
				for i, x := range s.Distribution {
					if i > 0 {
						buf = append(buf, ' ')
					}
					buf = strconv.AppendInt(buf, int64(x), 10)
				}
			}
			buf = append(append(buf, ','), s.Suppression.String()...)
			buf = append(buf, '\n')
		}
		return buf
	})
}

// appendNumber appends number(v).
func appendNumber(buf []byte, v float64) []byte {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return buf
	}
	return strconv.AppendFloat(buf, v, 'f', -1, 64)
}

// appendCSVField appends s as encoding/csv's Writer writes a field (with a comma
// separator and \n line ends): quoted, quotes doubled, when it holds a comma, a quote
// or a line break, starts with a space, or is \. alone.
//
// It is a speed path, the one place CSV is not written by encoding/csv (directly, or
// through gocsv): scores.csv is the one large table, and writing its rows (833,000 in
// BenchmarkWriteScoresCSV) as records of strings with encoding/csv's Writer took
// about 1.55 times as long as appending them by hand, with 8.5 times the allocations
// (on 2 cores, medians of 9 runs: 912 ms against 594 ms; computing the scores alone
// takes 188 ms of that, so the formatting itself is about 1.8 times as slow).
// TestAppendCSVFieldMatchesEncodingCSV and FuzzCSVField hold it to encoding/csv's
// bytes for the same record.
func appendCSVField(buf []byte, s string) []byte {
	if !csvNeedsQuotes(s) {
		return append(buf, s...)
	}
	buf = append(buf, '"')
	for i := 0; i < len(s); i++ {
		if s[i] == '"' {
			buf = append(buf, '"')
		}
		buf = append(buf, s[i])
	}
	return append(buf, '"')
}

// csvNeedsQuotes is encoding/csv's fieldNeedsQuotes for a comma separator (a copy,
// for appendCSVField; the tests compare the two).
func csvNeedsQuotes(s string) bool {
	if s == "" {
		return false
	}
	if s == `\.` {
		return true
	}
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case ',', '"', '\r', '\n':
			return true
		}
	}
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsSpace(r)
}

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
	return gocsv.Marshal(rows, w)
}

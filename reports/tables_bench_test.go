package reports

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"

	"renkei/analysis"
	"renkei/internal/sample"
	"renkei/survey"
)

// scoresResult returns a result whose scores.csv has 833,000 rows: 2,975
// partnerships of three orgs and three roles in eight waves, on the benchmark codebook
// (four dimensions and health), 1 to 4 responses per org and role, so that some groups
// are suppressed (fewer than five).
func scoresResult(tb testing.TB) *analysis.Result {
	tb.Helper()
	cb, err := survey.ReadCodebook(bytes.NewReader(sample.BenchCodebook), "codebook.csv")
	if err != nil {
		tb.Fatal(err)
	}
	const partnerships, waves = 2975, 8
	rng := rand.New(rand.NewPCG(1, 2))
	agg := analysis.NewAggregator(cb)
	r := survey.Response{Answers: make([]int8, len(cb.Items))}
	for p := range partnerships {
		r.Partnership = fmt.Sprintf("partnership-%04d", p)
		for w := range waves {
			r.Wave = survey.Wave{Year: 2025 + w/4, Quarter: 1 + w%4}
			for org := range 3 {
				r.Org = fmt.Sprintf("org-%d", org)
				for role := range 3 {
					r.Role = [3]string{"top", "middle", "frontline"}[role]
					for range 1 + rng.IntN(4) {
						for i := range r.Answers {
							r.Answers[i] = int8(cb.Min + rng.IntN(cb.Points()))
						}
						agg.Add(&r)
					}
				}
			}
		}
	}
	return agg.Result(analysis.Options{MinGroup: analysis.DefaultMinGroup, Bands: analysis.DefaultBands()})
}

// writeScoresEncodingCSV is WriteScoresCSV written with encoding/csv's Writer, a
// record of strings a row: what the hand writer is measured against.
func writeScoresEncodingCSV(w io.Writer, res *analysis.Result, cal survey.Calendar) error {
	if res.Groups() == 0 {
		return nil
	}
	return writeBlocks(w, scoreColumns, res.Groups(), func(first, last int, buf []byte) []byte {
		out := bytes.NewBuffer(buf)
		cw := csv.NewWriter(out)
		labels := newWaveLabels(cal)
		rec := make([]string, len(scoreColumns))
		var dist strings.Builder
		for s := range res.ScoresOf(first, last) {
			clear(rec)
			rec[0], rec[1], rec[2], rec[3], rec[4] = SafeText(s.Partnership), labels.of(s.Wave), string(s.Breakdown), SafeText(s.Group), s.Dimension
			if !s.Suppressed {
				rec[5] = strconv.Itoa(s.N)
				for i, v := range [...]float64{s.Mean, s.SD, s.CILow, s.CIHigh, s.Median, s.Favorable} {
					rec[6+i] = number(v)
				}
				rec[12] = string(s.Band)
				dist.Reset()
				for i, x := range s.Distribution {
					if i > 0 {
						dist.WriteByte(' ')
					}
					dist.WriteString(strconv.Itoa(x))
				}
				rec[14] = dist.String()
			}
			rec[13] = strconv.FormatBool(s.Suppressed)
			rec[15] = s.Suppression.String()
			_ = cw.Write(rec)
		}
		cw.Flush()
		return out.Bytes()
	})
}

// iterateScores computes the scores as the writers do, in blocks, and formats none:
// the part of either writer's time that is not CSV.
func iterateScores(w io.Writer, res *analysis.Result, _ survey.Calendar) error {
	return writeBlocks(w, scoreColumns, res.Groups(), func(first, last int, buf []byte) []byte {
		for s := range res.ScoresOf(first, last) {
			if s.N < 0 {
				buf = append(buf, '-')
			}
		}
		return buf
	})
}

// BenchmarkWriteScoresCSV writes a scores.csv of 833,000 rows (scoresResult) with the
// hand writer
// (WriteScoresCSV) and with encoding/csv's Writer, after checking they write the
// same bytes; ScoresAlone computes the scores in the same blocks and writes nothing.
func BenchmarkWriteScoresCSV(b *testing.B) {
	res := scoresResult(b)
	cal := survey.Calendar{FiscalStart: 1}
	var hand, std bytes.Buffer
	if err := WriteScoresCSV(&hand, res, cal); err != nil {
		b.Fatal(err)
	}
	if err := writeScoresEncodingCSV(&std, res, cal); err != nil {
		b.Fatal(err)
	}
	if !bytes.Equal(hand.Bytes(), std.Bytes()) {
		b.Fatal("the hand writer and encoding/csv write different bytes")
	}
	rows := bytes.Count(hand.Bytes(), []byte{'\n'}) - 1
	for _, v := range []struct {
		name  string
		write func(io.Writer, *analysis.Result, survey.Calendar) error
	}{{"Hand", WriteScoresCSV}, {"EncodingCSV", writeScoresEncodingCSV}, {"ScoresAlone", iterateScores}} {
		b.Run(v.name, func(b *testing.B) {
			b.SetBytes(int64(hand.Len()))
			for b.Loop() {
				if err := v.write(io.Discard, res, cal); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(rows), "rows")
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(rows), "ns/row")
		})
	}
}

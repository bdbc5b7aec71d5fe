package reports

import (
	"bytes"
	"encoding/csv"
	"math"
	"testing"

	"renkei/analysis"
	"renkei/survey"
)

// gaps.csv is written in chunks: one header, every row, whatever the count.
func TestWriteGapsCSVChunks(t *testing.T) {
	for _, n := range []int{0, 1, csvChunk, csvChunk + 1, 2*csvChunk + 7} {
		gaps := make([]analysis.Gap, n)
		for i := range gaps {
			gaps[i] = analysis.Gap{Partnership: "=p", Kind: analysis.GapOrgs, Dimension: "trust", Diff: float64(i), P: math.NaN()}
		}
		var buf bytes.Buffer
		if err := WriteGapsCSV(&buf, analysis.NewGapTable(gaps...), survey.Calendar{FiscalStart: 1}); err != nil {
			t.Fatal(err)
		}
		recs, err := csv.NewReader(&buf).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		if len(recs) != n+1 || recs[0][0] != "partnership" {
			t.Fatalf("%d gaps: %d records, first %v; want a header and %d rows", n, len(recs), recs[0], n)
		}
		if n > 0 && (recs[n][14] != formatInt(n-1) || recs[1][0] != "'=p") {
			t.Errorf("%d gaps: last gap %q, first partnership %q", n, recs[n][14], recs[1][0])
		}
	}
}

func formatInt(i int) string { return number(float64(i)) }

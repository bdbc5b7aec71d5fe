package survey

import (
	"bytes"
	"context"
	"errors"
	"io"
	"runtime"
	"testing"

	"renkei/internal/sample"
)

var benchColumns = map[string]string{FieldPartnership: "partnership_id", FieldRespondent: "respondent_id"}

// BenchmarkReadAll reads a workload-shaped file (sample.Workload) with quality
// checks: ReadAll on the fast path, on the benchmark's GOMAXPROCS goroutines and on
// one, and Read on the general path.
func BenchmarkReadAll(b *testing.B) {
	cb, err := ReadCodebook(bytes.NewReader(sample.BenchCodebook), "codebook.csv")
	if err != nil {
		b.Fatal(err)
	}
	const rows = 200_000
	data := sample.Workload(rows, 1)
	for _, path := range []string{"Fast", "FastOneGoroutine", "General"} {
		b.Run(path, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				qc := NewQualityChecker(cb)
				rd, err := NewReader(bytes.NewReader(data), "bench.csv", cb, ReadOptions{Columns: benchColumns, Calendar: Calendar{FiscalStart: 1}, Quality: qc})
				if err != nil {
					b.Fatal(err)
				}
				switch path {
				case "Fast":
					err = rd.ReadAll(context.Background(), runtime.GOMAXPROCS(0), func(int, *Batch) {})
				case "FastOneGoroutine":
					err = rd.ReadAll(context.Background(), 1, func(int, *Batch) {})
				default:
					for err == nil {
						_, err = rd.Read()
					}
					if errors.Is(err, io.EOF) {
						err = nil
					}
				}
				if err != nil {
					b.Fatal(err)
				}
				qc.Close()
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/rows, "ns/row")
		})
	}
}

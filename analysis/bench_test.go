package analysis

import (
	"bytes"
	"context"
	"runtime"
	"sync"
	"testing"

	sampledata "renkei/internal/sample"
	"renkei/survey"
)

// workloadBatches reads a workload-shaped file into batches kept in memory.
func workloadBatches(b *testing.B, rows int) (*survey.Codebook, []*survey.Batch) {
	b.Helper()
	cb, err := survey.ReadCodebook(bytes.NewReader(sampledata.BenchCodebook), "codebook.csv")
	if err != nil {
		b.Fatal(err)
	}
	rd, err := survey.NewReader(bytes.NewReader(sampledata.Workload(rows, 1)), "bench.csv", cb,
		survey.ReadOptions{Columns: map[string]string{survey.FieldPartnership: "partnership_id", survey.FieldRespondent: "respondent_id"}, Calendar: survey.Calendar{FiscalStart: 1}})
	if err != nil {
		b.Fatal(err)
	}
	var mu sync.Mutex
	var batches []*survey.Batch
	err = rd.ReadAll(context.Background(), 1, func(_ int, bt *survey.Batch) {
		mu.Lock()
		defer mu.Unlock()
		batches = append(batches, &survey.Batch{Keys: bt.Keys, File: bt.File, Len: bt.Len, Items: bt.Items, Dimensions: bt.Dimensions,
			PW: append([]uint32(nil), bt.PW...), Org: append([]uint32(nil), bt.Org...), Role: append([]uint32(nil), bt.Role...),
			Answers: append([]int8(nil), bt.Answers...), Patterns: append([]uint16(nil), bt.Patterns...), Line: append([]int(nil), bt.Line...)})
	})
	if err != nil {
		b.Fatal(err)
	}
	return cb, batches
}

// batchFeeder is what Ingest and RelationIngest have in common.
type batchFeeder interface {
	Add(*survey.Batch)
	Close()
}

// benchmarkFeeders adds batches to a fresh aggregator per iteration on GOMAXPROCS
// goroutines, each through its own feeder: newFeeders makes the aggregator and returns
// its first feeder's maker.
func benchmarkFeeders(b *testing.B, batches []*survey.Batch, rows int, newFeeders func() func() batchFeeder) {
	workers := runtime.GOMAXPROCS(0)
	for b.Loop() {
		feeder := newFeeders()
		var wg sync.WaitGroup
		for w := range workers {
			in := feeder()
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := w; i < len(batches); i += workers {
					in.Add(batches[i])
				}
				in.Close()
			}()
		}
		wg.Wait()
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(rows), "ns/row")
}

// BenchmarkIngest adds the batches of a 500,000-row workload to an aggregator on
// GOMAXPROCS goroutines (Ingest), and to a relation aggregator (RelationIngest), and
// computes every score of the result.
func BenchmarkIngest(b *testing.B) {
	const rows = 500_000
	cb, batches := workloadBatches(b, rows)
	b.Run("Ingest", func(b *testing.B) {
		benchmarkFeeders(b, batches, rows, func() func() batchFeeder {
			agg := NewAggregator(cb)
			return func() batchFeeder { return agg.NewIngest() }
		})
	})
	b.Run("RelationIngest", func(b *testing.B) {
		benchmarkFeeders(b, batches, rows, func() func() batchFeeder {
			rel := NewRelationAggregator(cb, false)
			return func() batchFeeder { return rel.NewIngest() }
		})
	})
	b.Run("Scores", func(b *testing.B) {
		agg := NewAggregator(cb)
		in := agg.NewIngest()
		for _, bt := range batches {
			in.Add(bt)
		}
		in.Close()
		res := agg.Result(Options{MinGroup: DefaultMinGroup, Bands: DefaultBands()})
		for b.Loop() {
			n := 0
			for range res.Scores() {
				n++
			}
		}
	})
}

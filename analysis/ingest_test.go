package analysis

import (
	"bytes"
	"context"
	"fmt"
	"reflect"
	"sort"
	"sync"
	"testing"

	"renkei/survey"
	"renkei/testdata"
)

// TestIngestEqualsAdd: batches fed to Ingests and RelationIngests on several
// goroutines give exactly what Add gives on the same responses one at a time — the
// scores, the per-item answer counts of every whole-partnership group, and every
// relation cell and response count — on the general path (the sample, with partners,
// phases and a Shift_JIS export) and on the fast path (a workload file, with answer
// patterns).
func TestIngestEqualsAdd(t *testing.T) {
	bench, err := survey.ReadCodebook(bytes.NewReader(testdata.BenchCodebook), "codebook.csv")
	if err != nil {
		t.Fatal(err)
	}
	workload := map[string]string{survey.FieldPartnership: "partnership_id", survey.FieldRespondent: "respondent_id"}
	var sample [][]byte
	for _, f := range testdata.Inputs() {
		sample = append(sample, f.Data)
	}
	for _, tc := range []struct {
		name    string
		cb      *survey.Codebook
		files   [][]byte
		columns map[string]string
	}{
		{"GeneralPathSample", survey.BuiltinCodebook(), sample, nil},
		{"FastPathWorkload", bench, [][]byte{testdata.Workload(20_000, 3)}, workload},
	} {
		t.Run(tc.name, func(t *testing.T) {
			opt := Options{MinGroup: 3, Bands: DefaultBands()}
			one, oneRel := NewAggregator(tc.cb), NewRelationAggregator(tc.cb, true)
			batched, batchedRel := NewAggregator(tc.cb), NewRelationAggregator(tc.cb, true)
			const workers = 4
			ingests, relIngests := make([]*Ingest, workers), make([]*RelationIngest, workers)
			for w := range ingests {
				ingests[w], relIngests[w] = batched.NewIngest(), batchedRel.NewIngest()
			}
			keys := survey.NewKeys()
			var mu sync.Mutex
			for i, data := range tc.files {
				rd, err := survey.NewReader(bytes.NewReader(data), fmt.Sprint("file", i), tc.cb,
					survey.ReadOptions{Columns: tc.columns, Calendar: survey.Calendar{FiscalStart: 4}, Keys: keys})
				if err != nil {
					t.Fatal(err)
				}
				err = rd.ReadAll(context.Background(), workers, func(w int, b *survey.Batch) {
					ingests[w].Add(b)
					relIngests[w].Add(b)
					mu.Lock()
					defer mu.Unlock()
					var r survey.Response
					for i := 0; i < b.Len; i++ {
						b.Response(i, &r)
						one.Add(&r)
						oneRel.Add(&r)
					}
				})
				if err != nil {
					t.Fatal(err)
				}
			}
			for w := range ingests {
				ingests[w].Close()
				relIngests[w].Close()
			}
			want, got := one.Result(opt), batched.Result(opt)
			if !reflect.DeepEqual(viewOf(got), viewOf(want)) {
				t.Error("the scores of Ingest differ from those of Add")
			}
			items := 0
			for s := range want.Scores() {
				if s.Breakdown != BreakdownAll || s.Dimension != survey.HealthDimension {
					continue
				}
				w, _ := want.ItemAnswers(s.Partnership, s.Wave)
				g, _ := got.ItemAnswers(s.Partnership, s.Wave)
				if !reflect.DeepEqual(g, w) {
					t.Errorf("%s %v: item answers %v, want %v", s.Partnership, s.Wave, g, w)
				}
				for _, it := range w {
					if !it.Suppressed {
						items++
					}
				}
			}
			if items == 0 {
				t.Error("no item answers published: the test compares nothing")
			}
			wantCells, gotCells := relationState(oneRel), relationState(batchedRel)
			if len(wantCells) < 10 {
				t.Fatalf("only %d relation cells", len(wantCells))
			}
			if !reflect.DeepEqual(gotCells, wantCells) {
				t.Errorf("relation cells of RelationIngest differ from those of Add:\n%s", firstDifference(gotCells, wantCells))
			}
		})
	}
}

// relationState lists a relation aggregator's cells and response counts by name.
func relationState(a *RelationAggregator) []string {
	var out []string
	n := a.names.names
	for k, c := range a.cells {
		line := fmt.Sprintf("cell %s %d %q→%q n=%v", n[k.partnership], k.wave, n[k.org], n[k.partner], c.n)
		for v := range c.hist {
			values, counts := c.hist[v].bins()
			line += fmt.Sprintf(" %v:%v", values, counts)
		}
		out = append(out, line)
	}
	for k, c := range a.responses {
		out = append(out, fmt.Sprintf("responses %s %d %q %q %d", n[k.partnership], k.wave, n[k.org], n[k.partner], c))
	}
	sort.Strings(out)
	return out
}

func firstDifference(got, want []string) string {
	for i := range min(len(got), len(want)) {
		if got[i] != want[i] {
			return fmt.Sprintf("got  %s\nwant %s", got[i], want[i])
		}
	}
	return fmt.Sprintf("%d lines, want %d", len(got), len(want))
}

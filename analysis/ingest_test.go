package analysis

import (
	"bytes"
	"context"
	"fmt"
	"reflect"
	"slices"
	"sort"
	"sync"
	"sync/atomic"
	"testing"

	sampledata "renkei/internal/sample"
	"renkei/survey"
)

// TestIngestEqualsAdd: batches fed to Ingests and RelationIngests on several
// goroutines give exactly what Add gives on the same responses one at a time — the
// scores, the per-item answer counts of every whole-partnership group, and every
// relation cell and response count — on the general path (the sample, with partners,
// phases and a Shift_JIS export) and on the fast path (a workload file, with answer
// patterns). Without response counts, the cells RelationIngests leave to the Result
// are settled from it (settle) and must come out the same — also for two aggregators
// fed half the batches each and merged before they are settled.
func TestIngestEqualsAdd(t *testing.T) {
	bench, err := survey.ReadCodebook(bytes.NewReader(sampledata.BenchCodebook), "codebook.csv")
	if err != nil {
		t.Fatal(err)
	}
	workload := map[string]string{survey.FieldPartnership: "partnership_id", survey.FieldRespondent: "respondent_id"}
	var inputs [][]byte
	for _, f := range sampledata.Inputs() {
		inputs = append(inputs, f.Data)
	}
	for _, tc := range []struct {
		name    string
		cb      *survey.Codebook
		files   [][]byte
		columns map[string]string
	}{
		{"GeneralPathSample", survey.BuiltinCodebook(), inputs, nil},
		{"FastPathWorkload", bench, [][]byte{sampledata.Workload(20_000, 3)}, workload},
	} {
		t.Run(tc.name, func(t *testing.T) {
			opt := Options{MinGroup: 3, Bands: DefaultBands()}
			one, oneRel, oneUncounted := NewAggregator(tc.cb), NewRelationAggregator(tc.cb, true), NewRelationAggregator(tc.cb, false)
			batched, batchedRel, batchedUncounted := NewAggregator(tc.cb), NewRelationAggregator(tc.cb, true), NewRelationAggregator(tc.cb, false)
			const workers = 4
			ingests, relIngests, uncountedIngests := make([]*Ingest, workers), make([]*RelationIngest, workers), make([]*RelationIngest, workers)
			// Two more uncounted aggregators, each fed every other batch, merged before
			// they are settled.
			halves := [2]*RelationAggregator{NewRelationAggregator(tc.cb, false), NewRelationAggregator(tc.cb, false)}
			halfIngests := make([][2]*RelationIngest, workers)
			for w := range ingests {
				ingests[w], relIngests[w], uncountedIngests[w] = batched.NewIngest(), batchedRel.NewIngest(), batchedUncounted.NewIngest()
				halfIngests[w] = [2]*RelationIngest{halves[0].NewIngest(), halves[1].NewIngest()}
			}
			var batches atomic.Int64
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
					uncountedIngests[w].Add(b)
					halfIngests[w][batches.Add(1)%2].Add(b)
					mu.Lock()
					defer mu.Unlock()
					var r survey.Response
					for i := 0; i < b.Len; i++ {
						b.Response(i, &r)
						one.Add(&r)
						oneRel.Add(&r)
						oneUncounted.Add(&r)
					}
				})
				if err != nil {
					t.Fatal(err)
				}
			}
			for w := range ingests {
				ingests[w].Close()
				relIngests[w].Close()
				uncountedIngests[w].Close()
				halfIngests[w][0].Close()
				halfIngests[w][1].Close()
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
			if !batchedUncounted.deferred {
				t.Error("no response was left to settle: the settled comparison tests nothing")
			}
			batchedUncounted.settle(got)
			wantCells, gotCells = relationState(oneUncounted), relationState(batchedUncounted)
			if !reflect.DeepEqual(gotCells, wantCells) {
				t.Errorf("settled relation cells differ from those of Add:\n%s", firstDifference(gotCells, wantCells))
			}
			if batches.Load() < 2 {
				t.Fatal("fewer than two batches: the halves test nothing")
			}
			halves[0].Merge(halves[1])
			halves[0].settle(got)
			if gotCells = relationState(halves[0]); !reflect.DeepEqual(gotCells, wantCells) {
				t.Errorf("relation cells of merged halves, settled, differ from those of Add:\n%s", firstDifference(gotCells, wantCells))
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

// TestItemAnswersPastSixteenBits: a whole group with more responses than its 16-bit
// item counts take is widened and keeps counting exactly, fed one response at a time
// (Add) or in batches (Ingest, from answer patterns).
func TestItemAnswersPastSixteenBits(t *testing.T) {
	cb := survey.BuiltinCodebook()
	const rows = 100_000
	wave := survey.Wave{Year: 2026, Quarter: 1}
	// Mostly 5 (past 65,535 answers at one point of every item), some spread, some
	// missing.
	answer := func(r, i int) int8 {
		switch {
		case (r+i)%13 == 0:
			return survey.Missing
		case r%10 == 0:
			return int8(1 + (r/10+i)%5)
		}
		return 5
	}
	// Expected: answer counts per item and point, after reverse-coding.
	want := make([][]int, len(cb.Items))
	for i := range want {
		want[i] = make([]int, cb.Points())
	}
	for r := range rows {
		for i, it := range cb.Items {
			if a := answer(r, i); a != survey.Missing {
				want[i][it.Score(int(a))-cb.Min]++
			}
		}
	}
	if most := slices.Max(want[0]); most <= 0xffff {
		t.Fatalf("item 1's largest count is %d: the test would not pass 16 bits", most)
	}
	check := func(t *testing.T, a *Aggregator) {
		t.Helper()
		items, ok := a.Result(Options{MinGroup: 5, Bands: DefaultBands()}).ItemAnswers("p", wave)
		if !ok {
			t.Fatal("group not found")
		}
		for i, it := range items {
			if !reflect.DeepEqual(it.Counts, want[i]) {
				t.Errorf("item %d: counts %v, want %v", i, it.Counts, want[i])
			}
		}
	}
	t.Run("Add", func(t *testing.T) {
		a := NewAggregator(cb)
		r := survey.Response{Partnership: "p", Wave: wave, Answers: make([]int8, len(cb.Items))}
		for n := range rows {
			for i := range r.Answers {
				r.Answers[i] = answer(n, i)
			}
			a.Add(&r)
		}
		check(t, a)
	})
	t.Run("Ingest", func(t *testing.T) {
		a := NewAggregator(cb)
		keys := survey.NewKeys()
		pw := keys.PartnershipWaveID(keys.Intern(survey.KeyPartnership, "p"), wave)
		in := a.NewIngest()
		for start := 0; start < rows; start += 1000 {
			b := &survey.Batch{Keys: keys, Items: len(cb.Items)}
			for n := start; n < min(rows, start+1000); n++ {
				b.Len++
				b.PW, b.Org, b.Role, b.Line = append(b.PW, pw), append(b.Org, 0), append(b.Role, 0), append(b.Line, n+2)
				for i := range cb.Items {
					b.Answers = append(b.Answers, answer(n, i))
				}
			}
			in.Add(b)
		}
		in.Close()
		check(t, a)
	})
}

// TestIngestAcrossKeys: one Ingest fed batches interned by two different sets of keys
// (ids that mean other names in each) counts every response under its own names.
func TestIngestAcrossKeys(t *testing.T) {
	cb := survey.BuiltinCodebook()
	wave := survey.Wave{Year: 2026, Quarter: 2}
	want, got := NewAggregator(cb), NewAggregator(cb)
	in := got.NewIngest()
	for k, name := range []string{"p", "q"} { // each the first name of its keys
		keys := survey.NewKeys()
		b := &survey.Batch{Keys: keys, Items: len(cb.Items)}
		for n := range 40 {
			r := survey.Response{Partnership: name, Wave: wave, Org: name + "-org", Role: "top", Answers: make([]int8, len(cb.Items))}
			for i := range r.Answers {
				r.Answers[i] = int8(1 + (n*(k+1)+i)%5)
			}
			want.Add(&r)
			b.Len++
			b.PW = append(b.PW, keys.PartnershipWaveID(keys.Intern(survey.KeyPartnership, r.Partnership), wave))
			b.Org, b.Role = append(b.Org, keys.Intern(survey.KeyOrg, r.Org)), append(b.Role, keys.Intern(survey.KeyRole, r.Role))
			b.Line = append(b.Line, n+2)
			b.Answers = append(b.Answers, r.Answers...)
		}
		in.Add(b)
	}
	in.Close()
	opt := Options{MinGroup: 5, Bands: DefaultBands()}
	if w, g := viewOf(want.Result(opt)), viewOf(got.Result(opt)); !reflect.DeepEqual(g, w) {
		t.Error("the scores of Ingest across two sets of keys differ from those of Add")
	}
}

// TestIngestHoldShares: the Ingests of a run share one budget of held responses per
// shard, whatever the number of processors, within bounds.
func TestIngestHoldShares(t *testing.T) {
	for _, tc := range []struct {
		name  string
		procs int
		want  int
	}{
		{"OneProcessor", 1, 8192},
		{"Two", 2, 8192},
		{"Four", 4, 4096},
		{"Sixteen", 16, 1024},
		{"ManyKeepTheFloor", 64, 1024},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := ingestHold(tc.procs); got != tc.want {
				t.Errorf("ingestHold(%d) = %d, want %d", tc.procs, got, tc.want)
			}
		})
	}
}

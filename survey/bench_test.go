package survey

import (
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

// benchCodebook is the workload's instrument (../shared/bench/WORKLOAD.md): four
// dimensions of four items on 1–5, trust2 and role3 reverse-worded.
func benchCodebook(tb testing.TB) *Codebook {
	tb.Helper()
	var b strings.Builder
	b.WriteString("item,dimension,reverse,min,max,text_en,text_ja,header\n")
	for _, d := range []string{"comm", "trust", "role", "goal"} {
		for i := 1; i <= 4; i++ {
			rev := d == "trust" && i == 2 || d == "role" && i == 3
			fmt.Fprintf(&b, "%s%d,%s,%v,1,5,,,\n", d, i, d, rev)
		}
	}
	cb, err := ReadCodebook(strings.NewReader(b.String()), "codebook")
	if err != nil {
		tb.Fatal(err)
	}
	return cb
}

// benchFile returns n rows shaped like the workload: 2,000 partnerships with 2–4 orgs,
// 8 waves, three roles, a respondent per five rows, about 3% blank answers.
func benchFile(n int, seed uint64) []byte {
	rng := rand.New(rand.NewPCG(seed, 1))
	var b bytes.Buffer
	b.WriteString("response_id,respondent_id,partnership_id,org,role,wave,submitted_at,comm1,comm2,comm3,comm4,trust1,trust2,trust3,trust4,role1,role2,role3,role4,goal1,goal2,goal3,goal4\n")
	roles := []string{"top", "middle", "frontline"}
	for i := range n {
		p := rng.IntN(2000)
		w := rng.IntN(8)
		fmt.Fprintf(&b, "r%07d,p%06d,P%04d,O%04d,%s,%dQ%d,%d-%02d-%02d", i+1, rng.IntN(n/5+1), p+1, 3*p+rng.IntN(3), roles[rng.IntN(3)], 2025+w/4, w%4+1, 2025+w/4, 3*(w%4)+1+rng.IntN(3), 1+rng.IntN(28))
		base := 1 + rng.IntN(5)
		for range 16 {
			b.WriteByte(',')
			if rng.IntN(33) > 0 {
				v := min(5, max(1, base+rng.IntN(3)-1))
				b.WriteByte(byte('0' + v))
			}
		}
		b.WriteByte('\n')
	}
	return b.Bytes()
}

var benchColumns = map[string]string{FieldPartnership: "partnership_id", FieldRespondent: "respondent_id"}

// BenchmarkReadAll reads a workload-shaped file with ReadAll (the fast path, on the
// benchmark's GOMAXPROCS) and with Read (the general path), quality checks included.
func BenchmarkReadAll(b *testing.B) {
	cb := benchCodebook(b)
	data := benchFile(200_000, 1)
	for _, path := range []string{"Fast", "General"} {
		b.Run(path, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				qc := NewQualityChecker(cb)
				rd, err := NewReader(bytes.NewReader(data), "bench.csv", cb, ReadOptions{Columns: benchColumns, Calendar: Calendar{FiscalStart: 1}, Quality: qc})
				if err != nil {
					b.Fatal(err)
				}
				if path == "Fast" {
					err = rd.ReadAll(context.Background(), 1, func(int, *Batch) {})
				} else {
					for err == nil {
						_, err = rd.Read()
					}
					if err.Error() == "EOF" {
						err = nil
					}
				}
				if err != nil {
					b.Fatal(err)
				}
				qc.Close()
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/200_000, "ns/row")
		})
	}
}

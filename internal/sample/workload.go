package sample

import (
	"bytes"
	_ "embed"
	"fmt"
	"math"
	"math/rand/v2"
	"strconv"
)

// BenchCodebook is the instrument of the throughput workload (../shared/bench/WORKLOAD.md):
// four dimensions of four items on 1–5, trust2 and role3 reverse-worded.
//
//go:embed bench/codebook.csv
var BenchCodebook []byte

// BenchColumns maps the workload's column names, as RENKEI_COLUMNS takes it.
const BenchColumns = "partnership=partnership_id,respondent=respondent_id"

// Workload returns rows responses shaped like the throughput workload that
// ../shared/bench/gen writes: 2,000 partnerships of 2–4 member orgs, eight waves from
// 2025Q1, three roles, about one respondent per five rows (so that many rows repeat a
// respondent in a wave), correlated items within a dimension, trust2 and role3 written
// reverse-coded, about 3% blank answers. The same rows and seed give the same bytes.
// It is a smaller cousin of that generator for tests and benchmarks, which must not
// depend on files outside the repository; the benchmark script uses the real one.
func Workload(rows int, seed uint64) []byte {
	rng := rand.New(rand.NewPCG(seed, 0x9e3779b97f4a7c15))
	const partnerships, waves = 2000, 8
	type partnership struct {
		orgs  int
		level [4]float64
	}
	parts := make([]partnership, partnerships)
	for i := range parts {
		parts[i].orgs = 2 + rng.IntN(3)
		general := 0.25 * rng.NormFloat64()
		for d := range parts[i].level {
			parts[i].level[d] = 3.45 + general + 0.25*rng.NormFloat64()
		}
	}
	type respondent struct {
		p, org, role int
		eff          float64
	}
	people := make([]respondent, max(1, rows/5))
	for i := range people {
		r := &people[i]
		r.p = rng.IntN(partnerships)
		r.org = rng.IntN(parts[r.p].orgs)
		r.role = rng.IntN(3)
		r.eff = 0.35 * rng.NormFloat64()
	}
	roles := [3]string{"top", "middle", "frontline"}
	var b bytes.Buffer
	b.WriteString("response_id,respondent_id,partnership_id,org,role,wave,submitted_at,comm1,comm2,comm3,comm4,trust1,trust2,trust3,trust4,role1,role2,role3,role4,goal1,goal2,goal3,goal4\n")
	line := make([]byte, 0, 128)
	for i := range rows {
		who := rng.IntN(len(people))
		r := &people[who]
		w := rng.IntN(waves)
		year, quarter := 2025+w/4, w%4+1
		line = append(line[:0], 'r')
		line = append(line, fmt.Sprintf("%07d", i+1)...)
		line = append(line, fmt.Sprintf(",p%06d,P%04d,O%04d,%s,%dQ%d,%d-%02d-%02d", who+1, r.p+1, 4*r.p+r.org+1, roles[r.role], year, quarter, year, 3*quarter-2+rng.IntN(3), 1+rng.IntN(28))...)
		for d := range 4 {
			t := parts[r.p].level[d] + r.eff + 0.55*rng.NormFloat64()
			for j := range 4 {
				v := int(math.Max(1, math.Min(5, math.Round(t+0.75*rng.NormFloat64()))))
				if d == 1 && j == 1 || d == 2 && j == 2 {
					v = 6 - v
				}
				line = append(line, ',')
				if rng.Float64() >= 0.03 {
					line = strconv.AppendInt(line, int64(v), 10)
				}
			}
		}
		b.Write(append(line, '\n'))
	}
	return b.Bytes()
}

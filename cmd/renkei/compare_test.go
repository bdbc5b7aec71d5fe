package main

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// cohortFile is one side of the sample's training cohort.
func cohortFile(side string) string {
	return filepath.Join(repoRoot, "internal", "sample", "compare", side+".csv")
}

// TestCompareGolden runs 'renkei compare' on the sample's training cohort: the paired
// design with its 30 pairs and the generator's improvement, table and compare.csv.
func TestCompareGolden(t *testing.T) {
	clearEnv(t)
	out := filepath.Join(t.TempDir(), "out")
	r := mustRun(t, "compare", cohortFile("before"), cohortFile("after"), "--out", out)
	if r.code != exitOK {
		t.Fatalf("exit %d, stderr:\n%s", r.code, r.stderr)
	}
	checkGolden(t, filepath.Join("testdata", "golden", "compare", "stdout.txt"), []byte(r.stdout))
	checkGolden(t, filepath.Join("testdata", "golden", "compare", "compare.csv"), readFile(t, filepath.Join(out, "compare.csv")))
	if !strings.Contains(r.stdout, "paired design, 30 respondents answered before and after (unmatched: 0 before, 0 after)") {
		t.Errorf("stdout does not report 30 pairs:\n%s", r.stdout)
	}
	// The generator lifts communication and role clarity by 0.7, trust and goals by 0.3.
	want := map[string]float64{"communication": 0.7, "trust": 0.3, "role_clarity": 0.7, "shared_goals": 0.3}
	for _, row := range csvRows(t, filepath.Join(out, "compare.csv")) {
		lift, ok := want[row["dimension"]]
		if !ok || row["item"] != "" {
			continue
		}
		diff := parseFloat(t, row["diff"])
		if row["design"] != "paired" || row["n_pairs"] != "30" || diff < lift-0.1 || diff > lift+0.1 {
			t.Errorf("%s: design %s pairs %s diff %v, want paired, 30, about %v", row["dimension"], row["design"], row["n_pairs"], diff, lift)
		}
	}
}

func parseFloat(t *testing.T, s string) float64 {
	t.Helper()
	var v float64
	if _, err := fmt.Sscan(s, &v); err != nil {
		t.Fatalf("%q is not a number", s)
	}
	return v
}

// TestCompareWithoutIdsIsUnpaired: with the respondent column removed from one file,
// compare switches to the unpaired design and says why.
func TestCompareWithoutIdsIsUnpaired(t *testing.T) {
	clearEnv(t)
	dir := t.TempDir()
	recs, err := csv.NewReader(bytes.NewReader(readFile(t, cohortFile("after")))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	for _, rec := range recs {
		w.Write(rec[1:]) // respondent is the first column
	}
	w.Flush()
	after := filepath.Join(dir, "after.csv")
	if err := os.WriteFile(after, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out")
	r := mustRun(t, "compare", "--out", out, cohortFile("before"), after)
	if r.code != exitOK {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	if !strings.Contains(r.stdout, "unpaired design, 30 respondents before and 30 after") ||
		!strings.Contains(r.stdout, "only the before responses carry respondent ids") {
		t.Errorf("stdout does not say it switched to unpaired:\n%s", r.stdout)
	}
	for _, row := range csvRows(t, filepath.Join(out, "compare.csv")) {
		if row["design"] != "unpaired" || row["n_pairs"] != "" || row["effect_type"] != "hedges_g" || row["rank_test"] != "rank_sum" {
			t.Fatalf("row %v is not unpaired", row)
		}
	}
}

// TestCompareIsRepeatable: the bootstrap is seeded, so reruns are byte-identical.
func TestCompareIsRepeatable(t *testing.T) {
	clearEnv(t)
	var outputs [2]string
	for i := range outputs {
		out := filepath.Join(t.TempDir(), "out")
		r := mustRun(t, "compare", cohortFile("before"), cohortFile("after"), "--out", out)
		if r.code != exitOK {
			t.Fatalf("exit %d: %s", r.code, r.stderr)
		}
		outputs[i] = r.stdout + string(readFile(t, filepath.Join(out, "compare.csv")))
	}
	if outputs[0] != outputs[1] {
		t.Error("two runs of renkei compare differ")
	}
}

// TestRunComparesPhases: renkei run on the sample compares the phase rows, prints the
// table and writes compare.csv; --before/--after compare two waves of every partnership.
func TestRunComparesPhases(t *testing.T) {
	clearEnv(t)
	out := filepath.Join(t.TempDir(), "out")
	r := mustRun(t, "run", "--formats", "csv,json,md", "--out", out)
	if r.code != exitOK {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	checkGolden(t, filepath.Join("testdata", "golden", "sample", "compare.csv"), readFile(t, filepath.Join(out, "compare.csv")))
	checkGolden(t, filepath.Join("testdata", "golden", "sample", "stdout.txt"), []byte(r.stdout))

	out2 := filepath.Join(t.TempDir(), "out")
	r = mustRun(t, "run", "--formats", "csv,json,md", "--out", out2, "--before", "2026Q1", "--after", "2026Q2")
	if r.code != exitOK {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	scopes := map[string]bool{}
	for _, row := range csvRows(t, filepath.Join(out2, "compare.csv")) {
		scopes[row["scope"]] = true
		if row["scope"] == "minami-care" && row["suppressed"] != "true" {
			t.Error("minami-care is below k but its comparison is shown")
		}
	}
	if !scopes["all"] || !scopes["kita-hospital"] || len(scopes) != 15 {
		t.Errorf("scopes %v, want the 14 partnerships and all", scopes)
	}
}

func TestCompareUsageErrors(t *testing.T) {
	clearEnv(t)
	cases := []struct {
		name string
		args []string
		msg  string
	}{
		{"OneFile", []string{"compare", cohortFile("before")}, "takes two files"},
		{"InputFlag", []string{"compare", "--input", "x.csv", cohortFile("before"), cohortFile("after")}, "as arguments"},
		{"BeforeWithoutAfter", []string{"run", "--before", "2026Q2"}, "RENKEI_BEFORE (--before) and RENKEI_AFTER (--after) go together"},
		{"BadWave", []string{"run", "--before", "spring", "--after", "2026Q3"}, "RENKEI_BEFORE (--before) must be a wave"},
		{"SameWave", []string{"run", "--before", "2026Q3", "--after", "2026-Q3"}, "name the same wave"},
		{"MissingFile", []string{"compare", cohortFile("before"), "nope.csv"}, "nope.csv"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := mustRun(t, append(tc.args, "--out", filepath.Join(t.TempDir(), "out"))...)
			if r.code != exitUsage || !strings.Contains(r.stderr, tc.msg) {
				t.Errorf("exit %d, stderr %q; want %d and %q", r.code, r.stderr, exitUsage, tc.msg)
			}
		})
	}
}

// TestCompareMatchesR checks every statistic of the cohort's dimension and health rows
// against R: the files scored and compared in testdata/compare_cohort.R (R 4.2.2,
// t.test(after, before, paired = TRUE), wilcox.test(after, before, paired = TRUE,
// digits.rank = 7) — renkei computes changes exactly, so ties are ties —
// mean(d)/sd(d), p.adjust(p, "holm") over the four dimensions).
func TestCompareMatchesR(t *testing.T) {
	clearEnv(t)
	out := filepath.Join(t.TempDir(), "out")
	if r := mustRun(t, "compare", cohortFile("before"), cohortFile("after"), "--out", out); r.code != exitOK {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	type ref struct {
		dim                                               string
		n                                                 int
		meanBefore, meanAfter, diff, ciLow, ciHigh, tStat float64
		p, dz, v, rankP, pHolm                            float64
	}
	// Output of compare_cohort.R; the last value is its "holm" line (health: its own family).
	refs := []ref{
		{"communication", 30, 3.2333333333333334, 3.9194444444444443, 0.68611111111111112, 0.38801688600789935, 0.98420533621432282, 4.7074202184064058, 5.7171338158933701e-05, 0.85945341375902806, 406.5, 0.0003458754261398035, 0.00019281189823309192},
		{"trust", 30, 3.2166666666666668, 3.6138888888888889, 0.3972222222222222, 0.10523906629979533, 0.68920537814464911, 2.782388801970999, 0.0093909265787284219, 0.50799237019643018, 312, 0.013106925041144912, 0.018781853157456844},
		{"role_clarity", 30, 3.1833333333333336, 3.9222222222222221, 0.73888888888888882, 0.42200393605374475, 1.055773841724033, 4.7689151670897951, 4.8202974558272979e-05, 0.8706808039478664, 389, 0.00021335377748855078, 0.00019281189823309192},
		{"shared_goals", 30, 3.1499999999999999, 3.3861111111111111, 0.2361111111111111, -0.10388597222655156, 0.5761081944487737, 1.4203105466106216, 0.16617989738358571, 0.25931204168037675, 283.5, 0.15432550464468997, 0.16617989738358571},
		{"health", 30, 3.1958333333333333, 3.7104166666666667, 0.51458333333333328, 0.39265284467866368, 0.63651382198800288, 8.6314842029502614, 1.6636731797936311e-09, 1.575886200901786, 406, 3.9860164327134083e-06, 1.6636731797936311e-09},
	}
	rows := map[string]map[string]string{}
	for _, row := range csvRows(t, filepath.Join(out, "compare.csv")) {
		if row["item"] == "" {
			rows[row["dimension"]] = row
		}
	}
	for _, want := range refs {
		t.Run(want.dim, func(t *testing.T) {
			row := rows[want.dim]
			if row["n_pairs"] != fmt.Sprint(want.n) {
				t.Errorf("n_pairs %s, want %d", row["n_pairs"], want.n)
			}
			for col, w := range map[string]float64{
				"mean_before": want.meanBefore, "mean_after": want.meanAfter, "diff": want.diff,
				"diff_ci_low": want.ciLow, "diff_ci_high": want.ciHigh, "t": want.tStat, "df": float64(want.n - 1),
				"p": want.p, "effect": want.dz, "rank_stat": want.v, "rank_p": want.rankP, "p_holm": want.pHolm,
			} {
				got := parseFloat(t, row[col])
				if math.Abs(got-w) > 1e-9*math.Max(1, math.Abs(w)) {
					t.Errorf("%s = %.17g, R gives %.17g", col, got, w)
				}
			}
		})
	}
}

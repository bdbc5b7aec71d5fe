package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestNoHiddenGroupRecoverable reads the published scores.csv of the sample, as an
// analyst would, and tries every subtraction the table allows: the whole partnership
// minus the visible groups of a breakdown. What is left must be nobody or at least k
// people; and no row names a respondent.
func TestNoHiddenGroupRecoverable(t *testing.T) {
	for _, k := range []string{"3", "5", "10"} {
		t.Run("k"+k, func(t *testing.T) {
			clearEnv(t)
			out := filepath.Join(t.TempDir(), "out")
			if r := mustRun(t, "run", "--formats", "csv,json,md", "--out", out, "--min-group", k); r.code != exitOK {
				t.Fatalf("exit %d: %s", r.code, r.stderr)
			}
			minGroup, _ := strconv.Atoi(k)
			type cell struct{ p, w, d string }
			whole := map[cell]int{}
			visible := map[cell]map[string]int{}
			hidden := 0
			for _, row := range csvRows(t, filepath.Join(out, "scores.csv")) {
				c := cell{row["partnership"], row["wave"], row["dimension"]}
				if row["suppressed"] == "true" {
					hidden++
					if row["n"] != "" || row["mean"] != "" {
						t.Errorf("%v %s %s: suppressed row publishes n %q mean %q", c, row["breakdown"], row["group"], row["n"], row["mean"])
					}
					continue
				}
				n, err := strconv.Atoi(row["n"])
				if err != nil {
					t.Fatalf("%v: n %q", c, row["n"])
				}
				if row["breakdown"] == "all" {
					whole[c] = n
					continue
				}
				if visible[c] == nil {
					visible[c] = map[string]int{}
				}
				visible[c][row["breakdown"]] += n
			}
			if hidden == 0 {
				t.Fatal("nothing is suppressed: the check would prove nothing")
			}
			for c, v := range visible {
				for b, seen := range v {
					if rest := whole[c] - seen; rest > 0 && rest < minGroup {
						t.Errorf("%v %s: the whole minus the visible groups leaves %d respondents (k = %d)", c, b, rest, minGroup)
					}
				}
			}
		})
	}
}

// TestSuppressedAudit: suppressed.csv lists exactly the rows scores.csv hides, with
// their rule, and no statistic.
func TestSuppressedAudit(t *testing.T) {
	clearEnv(t)
	out := filepath.Join(t.TempDir(), "out")
	if r := mustRun(t, "run", "--formats", "csv", "--out", out); r.code != exitOK {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	key := func(row map[string]string) string {
		return row["partnership"] + "|" + row["wave"] + "|" + row["breakdown"] + "|" + row["group"] + "|" + row["dimension"]
	}
	hidden := map[string]string{}
	for _, row := range csvRows(t, filepath.Join(out, "scores.csv")) {
		if row["suppressed"] == "true" {
			hidden[key(row)] = row["suppression"]
		}
	}
	audit := csvRows(t, filepath.Join(out, "suppressed.csv"))
	if len(audit) != len(hidden) || len(audit) == 0 {
		t.Fatalf("suppressed.csv has %d rows, scores.csv hides %d", len(audit), len(hidden))
	}
	rules := map[string]int{}
	for _, row := range audit {
		if rule, ok := hidden[key(row)]; !ok || rule != row["rule"] {
			t.Errorf("suppressed.csv row %v: scores.csv says %q", row, rule)
		}
		rules[row["rule"]]++
		for _, col := range []string{"n", "mean", "sd"} {
			if _, ok := row[col]; ok {
				t.Errorf("suppressed.csv has a %s column", col)
			}
		}
	}
	if rules["fewer_than_k"] == 0 || rules["complementary"] == 0 {
		t.Errorf("rules in the sample's audit: %v, want both", rules)
	}
}

// TestTrendsReadPublishedWavesOnly: a wave whose whole-partnership scores are hidden
// to protect a smaller group must not come back through trends.csv, as its latest
// mean or as the base of its last change. Every trend's latest wave and previous
// wave must be published in scores.csv with the same mean.
//
// The sample at several k, and a partnership whose waves of 17, 3 and 12 people the
// run's total (32) would give away: its last wave is hidden (32 − 17 − 12 = 3).
func TestTrendsReadPublishedWavesOnly(t *testing.T) {
	var b strings.Builder
	b.WriteString("partnership,wave,comm1,comm2,comm3,comm4,trust1,trust2,trust3,trust4,role1,role2,role3,role4,goal1,goal2,goal3,goal4\n")
	for w, n := range map[string]int{"2026Q1": 17, "2026Q2": 3, "2026Q3": 12} {
		for i := range n {
			b.WriteString("P," + w)
			for j := range 16 {
				fmt.Fprintf(&b, ",%d", 1+(i*7+j+len(w)*n)%5)
			}
			b.WriteString("\n")
		}
	}
	small := filepath.Join(t.TempDir(), "waves.csv")
	if err := os.WriteFile(small, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ name, k, input string }{{"SampleK3", "3", ""}, {"SampleK5", "5", ""}, {"SampleK10", "10", ""}, {"HiddenLastWave", "5", small}} {
		t.Run(tc.name, func(t *testing.T) {
			clearEnv(t)
			out := filepath.Join(t.TempDir(), "out")
			args := []string{"run", "--formats", "csv", "--out", out, "--min-group", tc.k}
			if tc.input != "" {
				args = append(args, "--input", tc.input)
			}
			if r := mustRun(t, args...); r.code != exitOK {
				t.Fatalf("exit %d: %s", r.code, r.stderr)
			}
			published := map[string]string{} // partnership|wave|dimension → mean
			for _, row := range csvRows(t, filepath.Join(out, "scores.csv")) {
				if row["breakdown"] == "all" && row["suppressed"] == "false" {
					published[row["partnership"]+"|"+row["wave"]+"|"+row["dimension"]] = row["mean"]
				}
			}
			checked := 0
			for _, row := range csvRows(t, filepath.Join(out, "trends.csv")) {
				p, d := row["partnership"], row["dimension"]
				if w := row["latest_wave"]; w != "" {
					checked++
					if mean, ok := published[p+"|"+w+"|"+d]; !ok || mean != row["latest_mean"] {
						t.Errorf("%s %s: latest wave %s mean %s; scores.csv shows %q (published %v)", p, d, w, row["latest_mean"], mean, ok)
					}
				}
				if w := row["previous_wave"]; w != "" {
					if _, ok := published[p+"|"+w+"|"+d]; !ok {
						t.Errorf("%s %s: previous wave %s is not published in scores.csv", p, d, w)
					}
				}
			}
			if checked == 0 {
				t.Fatal("no trend has a latest wave: the check would prove nothing")
			}
		})
	}
}

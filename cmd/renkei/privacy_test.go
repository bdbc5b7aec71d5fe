package main

import (
	"path/filepath"
	"strconv"
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

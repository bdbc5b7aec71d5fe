package main

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestSampleQualityAndReliability: the sample's planted straight-liners and duplicates
// are all in quality.csv, on their lines, and nothing else is taken for them; its
// dimensions have plausible alphas (0.7–0.9) over all waves and in each wave.
func TestSampleQualityAndReliability(t *testing.T) {
	clearEnv(t)
	out := filepath.Join(t.TempDir(), "out")
	if r := mustRun(t, "run", "--formats", "csv,json,md", "--out", out); r.code != exitOK {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	// testdata/doc.go: straight-liners at lines 1467, 1724, 1989; duplicates at 311
	// (of 307) and 2646 (of 2644).
	want := map[string]string{
		"1467 straight_lining": "", "1724 straight_lining": "", "1989 straight_lining": "",
		"311 duplicate": "line 307", "2646 duplicate": "line 2644",
	}
	got := map[string]bool{}
	for _, row := range csvRows(t, filepath.Join(out, "quality.csv")) {
		if row["code"] != "straight_lining" && row["code"] != "duplicate" {
			continue
		}
		key := row["line"] + " " + row["code"]
		original, ok := want[key]
		if !ok || row["file"] != "sample/responses.csv" {
			t.Errorf("unexpected %s at %s:%s: %s", row["code"], row["file"], row["line"], row["message"])
			continue
		}
		if !strings.Contains(row["message"], original) {
			t.Errorf("%s: message %q does not name the original, %s", key, row["message"], original)
		}
		got[key] = true
	}
	for key := range want {
		if !got[key] {
			t.Errorf("planted %s not found in quality.csv", key)
		}
	}
	rows := csvRows(t, filepath.Join(out, "reliability.csv"))
	dims := 0
	for _, row := range rows {
		if row["item"] != "" {
			continue
		}
		dims++
		alpha, err := strconv.ParseFloat(row["alpha"], 64)
		if err != nil || alpha < 0.7 || alpha > 0.9 {
			t.Errorf("%s %s: alpha %q, want 0.7–0.9", row["wave"], row["dimension"], row["alpha"])
		}
		if row["warnings"] != "" {
			t.Errorf("%s %s: warnings %q on the sample", row["wave"], row["dimension"], row["warnings"])
		}
	}
	if dims != 4*9 {
		t.Errorf("%d dimension rows, want 4 dimensions × (all + 8 waves)", dims)
	}
}

// TestWrongReverseFlagWarns: an item whose reverse flag is wrong in the codebook draws
// the "check reverse coding" warning in reliability.csv, summary.json and the log.
func TestWrongReverseFlagWarns(t *testing.T) {
	clearEnv(t)
	bfi := filepath.Join(repoRoot, "analysis", "testdata", "bfi")
	out := filepath.Join(t.TempDir(), "out")
	r := mustRun(t, "run", "--input", filepath.Join(bfi, "responses.csv"), "--codebook", filepath.Join(bfi, "codebook_wrong_reverse.csv"), "--out", out)
	if r.code != exitOK {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	const warning = "check reverse coding of item A1"
	found := map[string]bool{}
	for _, row := range csvRows(t, filepath.Join(out, "reliability.csv")) {
		if strings.Contains(row["warnings"], warning) {
			if row["item"] != "A1" {
				t.Errorf("the warning is on %s %s %s, want item A1", row["wave"], row["dimension"], row["item"])
			}
			found[row["wave"]] = true
		}
	}
	if !found["all"] || !found["2020Q1"] || !found["2020Q2"] {
		t.Errorf("warning found in waves %v, want all, 2020Q1 and 2020Q2", found)
	}
	if !strings.Contains(string(readFile(t, filepath.Join(out, "summary.json"))), warning) {
		t.Error("summary.json lacks the warning")
	}
	if !strings.Contains(r.stderr, warning) {
		t.Errorf("the log lacks the warning:\n%s", r.stderr)
	}
	// With the right codebook, no item draws it.
	out2 := filepath.Join(t.TempDir(), "out")
	r = mustRun(t, "run", "--input", filepath.Join(bfi, "responses.csv"), "--codebook", filepath.Join(bfi, "codebook.csv"), "--out", out2)
	if r.code != exitOK || strings.Contains(string(readFile(t, filepath.Join(out2, "reliability.csv"))), "check reverse coding") {
		t.Errorf("exit %d; the correct codebook draws the warning too", r.code)
	}
}

// TestStrict: with the strict setting, more flawed rows than its share allows exit
// with code 2 after writing every output; within the share, or without the setting,
// the run succeeds.
func TestStrict(t *testing.T) {
	cases := []struct {
		name string
		env  map[string]string
		args []string
		code int
		want string // in stderr
		// written is set when the outputs must be there; a bad setting writes nothing.
		written bool
	}{
		{name: "OffByDefaultExitOK", code: exitOK, written: true},
		{name: "WithinDefaultShareExitOK", args: []string{"--strict"}, code: exitOK, written: true},
		{name: "AboveShareExitUsage", args: []string{"--strict", "--strict-share", "0.001"}, code: exitUsage, written: true,
			want: "data quality: 9 of 3690 rows (0.2%) are flawed (2 rows rejected, bad_answer 1, duplicate 2, out_of_range 1, straight_lining 3)"},
		{name: "EnvironmentAboveShareExitUsage", env: map[string]string{"RENKEI_STRICT": "true", "RENKEI_STRICT_SHARE": "0.002"}, code: exitUsage, want: "more than RENKEI_STRICT_SHARE (--strict-share) 0.2% allows", written: true},
		{name: "FlagOffOverridesEnvironmentExitOK", env: map[string]string{"RENKEI_STRICT": "true", "RENKEI_STRICT_SHARE": "0"}, args: []string{"--strict=false"}, code: exitOK, written: true},
		{name: "ShareAboveOneExitUsage", args: []string{"--strict-share", "5"}, code: exitUsage, want: "RENKEI_STRICT_SHARE (--strict-share) must be a share from 0 to 1, got 5"},
		{name: "NotBooleanExitUsage", env: map[string]string{"RENKEI_STRICT": "sometimes"}, code: exitUsage, want: `RENKEI_STRICT must be true or false, got "sometimes"`},
		{name: "MinCompleteBelowTwoExitUsage", args: []string{"--reliability-min-complete", "1"}, code: exitUsage, want: "RENKEI_RELIABILITY_MIN_COMPLETE (--reliability-min-complete) must be at least 2, got 1"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			clearEnv(t)
			for k, v := range tc.env {
				t.Setenv(k, v)
			}
			out := filepath.Join(t.TempDir(), "out")
			r := mustRun(t, append([]string{"run", "--formats", "csv,json,md", "--out", out}, tc.args...)...)
			if r.code != tc.code || !strings.Contains(r.stderr, tc.want) {
				t.Fatalf("exit %d, want %d; stderr lacks %q:\n%s", r.code, tc.code, tc.want, r.stderr)
			}
			for _, name := range []string{"scores.csv", "quality.csv", "reliability.csv", "summary.json"} {
				_, err := os.Stat(filepath.Join(out, name))
				if tc.written && err != nil {
					t.Errorf("%s not written: %v", name, err)
				}
				if !tc.written && err == nil {
					t.Errorf("%s written after a bad setting", name)
				}
			}
		})
	}
}

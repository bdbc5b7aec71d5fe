package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// outputs are the files a default run writes.
var outputs = []string{"scores.csv", "trends.csv", "quality.csv", "summary.json", "summary.md"}

// TestGate: each check of the quality gate, set so that exactly one partnership of the
// sample fails it, makes the run exit 3, names the partnership, the check and why, and
// still writes every output; without a gate the run exits 0.
func TestGate(t *testing.T) {
	skipShort(t)
	cases := []struct {
		name string
		env  map[string]string
		code int
		want []string // lines in stderr
	}{
		{
			name: "OffExitsZero",
			code: exitOK,
		},
		{
			// health in 2026Q4: kita-hospital 3.467, midori-npo 3.480, all others higher
			name: "MinHealthFailsKitaHospital",
			env:  map[string]string{"RENKEI_GATE_MIN_HEALTH": "3.47"},
			code: exitGate,
			want: []string{"quality gate failed (1):", "kita-hospital: health in 2026Q4 is 3.467, below 3.470 [min_health, RENKEI_GATE_MIN_HEALTH (--gate-min-health)]"},
		},
		{
			name: "MinHealthBelowEveryPartnershipPasses",
			env:  map[string]string{"RENKEI_GATE_MIN_HEALTH": "3.4"},
			code: exitOK,
		},
		{
			name: "MinScoreFailsKitaHospitalTrust",
			env:  map[string]string{"RENKEI_GATE_MIN_SCORE": "3"},
			code: exitGate,
			want: []string{"quality gate failed (1):", "kita-hospital: trust in 2026Q4 is 2.795, below 3.000 [min_score, RENKEI_GATE_MIN_SCORE (--gate-min-score)]"},
		},
		{
			// the largest fall from the previous wave: kita-hospital trust, 0.211
			name: "MaxDropFailsKitaHospitalTrust",
			env:  map[string]string{"RENKEI_GATE_MAX_DROP": "0.2"},
			code: exitGate,
			want: []string{"quality gate failed (1):", "kita-hospital: trust in 2026Q4 fell by 0.211 from the previous wave, more than 0.200 [max_drop, RENKEI_GATE_MAX_DROP (--gate-max-drop)]"},
		},
		{
			name: "DecliningFailsKitaHospital",
			env:  map[string]string{"RENKEI_GATE_DECLINING": "true"},
			code: exitGate,
			want: []string{
				"quality gate failed (2):",
				"kita-hospital: trust in 2026Q4 is flagged declining (evidence: slope) [declining, RENKEI_GATE_DECLINING (--gate-declining)]",
				"kita-hospital: health in 2026Q4 is flagged declining (evidence: slope) [declining, RENKEI_GATE_DECLINING (--gate-declining)]",
			},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			clearEnv(t)
			for k, v := range tc.env {
				t.Setenv(k, v)
			}
			out := filepath.Join(t.TempDir(), "out")
			r := mustRun(t, "run", "--formats", "csv,json,md", "--out", out)
			if r.code != tc.code {
				t.Fatalf("exit %d, want %d; stderr:\n%s", r.code, tc.code, r.stderr)
			}
			for _, w := range tc.want {
				if !strings.Contains(r.stderr, w) {
					t.Errorf("stderr lacks %q:\n%s", w, r.stderr)
				}
			}
			for _, name := range outputs {
				if _, err := os.Stat(filepath.Join(out, name)); err != nil {
					t.Errorf("%s not written: %v", name, err)
				}
			}
			md := string(readFile(t, filepath.Join(out, "summary.md")))
			wantStatus := map[int]string{exitOK: "**Status: OK**", exitGate: "**Status: FAILED**"}[tc.code]
			if !strings.Contains(md, wantStatus) {
				t.Errorf("summary.md lacks %q", wantStatus)
			}
		})
	}
}

func TestGateSettingsRejected(t *testing.T) {
	cases := []struct {
		name string
		args []string
		want string
	}{
		{"MinHealthOffScale", []string{"--gate-min-health", "70"}, `RENKEI_GATE_MIN_HEALTH (--gate-min-health) must be a number from 1 to 5 (a score on the 1–5 scale), got "70"`},
		{"MinScoreNotNumber", []string{"--gate-min-score", "high"}, `RENKEI_GATE_MIN_SCORE (--gate-min-score) must be a number from 1 to 5 (a score on the 1–5 scale), got "high"`},
		{"MaxDropNegative", []string{"--gate-max-drop", "-1"}, `RENKEI_GATE_MAX_DROP (--gate-max-drop) must be a number from 0 to 4 (points on the 1–5 scale), got "-1"`},
		{"DecliningNotBool", []string{"--gate-declining=maybe"}, `--gate-declining must be true or false, got "maybe"`},
		{"TrendAdjustUnknown", []string{"--trend-adjust", "bonferroni"}, `RENKEI_TREND_ADJUST (--trend-adjust): unknown adjustment "bonferroni"; use bh, holm or none`},
		{"TrendMinWavesTwo", []string{"--trend-min-waves", "2"}, "RENKEI_TREND_MIN_WAVES (--trend-min-waves) must be at least 3, got 2"},
		{"TrendAlphaOne", []string{"--trend-alpha", "1"}, "RENKEI_TREND_ALPHA (--trend-alpha) must lie between 0 and 1, got 1"},
		{"TrendMinEffectNegative", []string{"--trend-min-effect", "-0.1"}, "RENKEI_TREND_MIN_EFFECT (--trend-min-effect) must be 0 or more, got -0.1"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			clearEnv(t)
			r := mustRun(t, append([]string{"run", "--out", filepath.Join(t.TempDir(), "out")}, tc.args...)...)
			if r.code != exitUsage || !strings.Contains(r.stderr, tc.want) {
				t.Errorf("exit %d, want %d; stderr lacks %q:\n%s", r.code, exitUsage, tc.want, r.stderr)
			}
		})
	}
}

// TestSampleTrendsStory: in trends.csv and summary.md kita-hospital is declining,
// higashi-school improving, and no stable partnership carries any flag but
// too_few_waves (minami-care, never reported).
func TestSampleTrendsStory(t *testing.T) {
	skipShort(t)
	clearEnv(t)
	out := filepath.Join(t.TempDir(), "out")
	if r := mustRun(t, "run", "--formats", "csv,json,md", "--out", out); r.code != exitOK {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	flags := map[string][]string{} // partnership → flags on any row
	for _, row := range csvRows(t, filepath.Join(out, "trends.csv")) {
		for _, f := range strings.Fields(row["flag"]) {
			if !slices.Contains(flags[row["partnership"]], f) {
				flags[row["partnership"]] = append(flags[row["partnership"]], f)
			}
		}
	}
	want := map[string][]string{
		"kita-hospital":  {"declining"},
		"higashi-school": {"improving"},
		"minami-care":    {"too_few_waves"},
	}
	if len(flags) != len(want) {
		t.Errorf("flagged partnerships %v, want %v", flags, want)
	}
	for p, f := range want {
		if !slices.Equal(flags[p], f) {
			t.Errorf("%s flags %v, want %v", p, flags[p], f)
		}
	}
	md := string(readFile(t, filepath.Join(out, "summary.md")))
	for _, line := range []string{
		"| kita-hospital | trust | **declining** |",
		"| higashi-school | communication | **improving** |",
		"No trend (fewer than 3 waves at or above k = 5): minami-care.",
		"**Status: OK** — 2 partnerships flagged; quality gate off.",
	} {
		if !strings.Contains(md, line) {
			t.Errorf("summary.md lacks %q:\n%s", line, md)
		}
	}
}

// TestStepSummaryAppended: with GITHUB_STEP_SUMMARY set, summary.md is appended to
// that file, after what it already held.
func TestStepSummaryAppended(t *testing.T) {
	clearEnv(t)
	dir := t.TempDir()
	page := filepath.Join(dir, "step-summary.md")
	if err := os.WriteFile(page, []byte("earlier step\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Setenv("GITHUB_STEP_SUMMARY", page)
	out := filepath.Join(dir, "out")
	if r := mustRun(t, "run", "--formats", "csv,json,md", "--out", out, "--gate-min-health", "3.47"); r.code != exitGate {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	got, md := string(readFile(t, page)), string(readFile(t, filepath.Join(out, "summary.md")))
	if got != "earlier step\n"+md {
		t.Errorf("GITHUB_STEP_SUMMARY holds:\n%s\nwant the earlier text followed by summary.md", got)
	}
	if !strings.Contains(md, "| min_health | kita-hospital | health | 2026Q4 | 3.467 | 3.470 |") {
		t.Errorf("summary.md lacks the gate failure:\n%s", md)
	}
}

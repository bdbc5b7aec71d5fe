package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"renkei/internal/sample"
)

var update = flag.Bool("update", false, "rewrite golden files and the committed sample")

// repoRoot is the repository root, relative to this package.
const repoRoot = "../.."

// clearEnv unsets every variable renkei reads, so that the caller's environment does
// not leak into a test; t.Setenv restores them afterwards.
func clearEnv(t *testing.T) {
	t.Helper()
	for _, kv := range os.Environ() {
		name, _, _ := strings.Cut(kv, "=")
		if strings.HasPrefix(name, envPrefix+"_") || name == "SOURCE_DATE_EPOCH" || name == "GITHUB_STEP_SUMMARY" {
			t.Setenv(name, "")
			os.Unsetenv(name)
		}
	}
	for _, name := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		t.Setenv(name, "")
	}
}

// result is what one in-process run of the command line produced.
type result struct {
	code           int
	stdout, stderr string
}

// mustRun runs the command line in-process.
func mustRun(t *testing.T, args ...string) result {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := command(context.Background(), args, &stdout, &stderr)
	return result{code: code, stdout: stdout.String(), stderr: stderr.String()}
}

// checkGolden compares got with the golden file, or rewrites it with -update.
func checkGolden(t *testing.T, golden string, got []byte) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test ./cmd/renkei -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file:\n%s\n(run go test ./cmd/renkei -update if the change is intended)", golden, firstDiff(want, got))
	}
}

// firstDiff shows the first differing line of two texts.
func firstDiff(want, got []byte) string {
	wl, gl := strings.Split(string(want), "\n"), strings.Split(string(got), "\n")
	for i := 0; i < len(wl) || i < len(gl); i++ {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			return fmt.Sprintf("line %d:\n  want: %s\n  got:  %s", i+1, w, g)
		}
	}
	return "(same lines, different bytes)"
}

func readFile(t *testing.T, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// TestSampleRunGolden runs the README's command on the built-in sample and compares
// every table with its golden file.
func TestSampleRunGolden(t *testing.T) {
	clearEnv(t)
	out := filepath.Join(t.TempDir(), "out")
	r := mustRun(t, "run", "--out", out)
	if r.code != exitOK {
		t.Fatalf("exit %d, stderr:\n%s", r.code, r.stderr)
	}
	for _, name := range []string{"scores.csv", "trends.csv", "quality.csv", "reliability.csv", "summary.json", "summary.md", "gaps.csv", "network.csv", "network_links.csv", "response_rates.csv"} {
		checkGolden(t, filepath.Join("testdata", "golden", "sample", name), readFile(t, filepath.Join(out, name)))
	}
	checkGolden(t, filepath.Join("testdata", "golden", "sample", "stderr.txt"), []byte(strings.ReplaceAll(r.stderr, out, "OUT")))
}

// TestCommittedSampleIsGenerated keeps the committed sample files equal to what the
// generator writes, so neither can drift from the other.
func TestCommittedSampleIsGenerated(t *testing.T) {
	for _, f := range sample.Generate(sample.DefaultSeed) {
		path := filepath.Join(repoRoot, "internal", "sample", filepath.FromSlash(f.Path))
		if *update {
			if err := os.WriteFile(path, f.Data, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if !bytes.Equal(readFile(t, path), f.Data) {
			t.Errorf("%s is not what sample.Generate(%d) writes; run go test ./cmd/renkei -update", f.Path, sample.DefaultSeed)
		}
	}
}

// TestSampleStory checks that the sample carries what the generator promises: enough
// partnerships, waves and responses, and the partnership that is too small to report.
func TestSampleStory(t *testing.T) {
	clearEnv(t)
	out := filepath.Join(t.TempDir(), "out")
	if r := mustRun(t, "run", "--formats", "csv,json", "--out", out); r.code != exitOK {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	rows := csvRows(t, filepath.Join(out, "scores.csv"))
	partnerships, waves := map[string]bool{}, map[string]bool{}
	smallShown := false
	for _, row := range rows {
		partnerships[row["partnership"]] = true
		waves[row["wave"]] = true
		if row["partnership"] == "minami-care" && row["suppressed"] != "true" {
			smallShown = true
		}
	}
	if len(partnerships) < 12 || len(waves) != 8 {
		t.Errorf("sample has %d partnerships and %d waves, want ≥ 12 and 8", len(partnerships), len(waves))
	}
	if smallShown {
		t.Error("minami-care has fewer than 5 responses per wave but some of its rows are not suppressed")
	}
}

// csvRows reads a CSV file into maps from column name to cell.
func csvRows(t *testing.T, path string) []map[string]string {
	t.Helper()
	recs, err := csv.NewReader(bytes.NewReader(readFile(t, path))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var rows []map[string]string
	for _, rec := range recs[1:] {
		row := map[string]string{}
		for i, name := range recs[0] {
			row[name] = rec[i]
		}
		rows = append(rows, row)
	}
	return rows
}

// skipShort skips a slow test (whole runs with charts and the report) under -short,
// the quick edit–test loop; go test without -short, as .ci/run does, runs it.
func skipShort(t *testing.T) {
	t.Helper()
	if testing.Short() {
		t.Skip("slow: whole runs with charts and the report; run without -short")
	}
}

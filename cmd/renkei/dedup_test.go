package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"renkei/run"
)

// dedupHeader is the header of the duplicate tests' files: the built-in items.
const dedupHeader = "partnership,wave,respondent,org,submitted_at,comm1,comm2,comm3,comm4,trust1,trust2,trust3,trust4,role1,role2,role3,role4,goal1,goal2,goal3,goal4\n"

// dedupRow is a response of person i (its answers differ by person) in org; id is the
// respondent cell, empty for files without respondent ids.
func dedupRow(id, org string, i int) string {
	a := make([]string, 16)
	for j := range a {
		a[j] = fmt.Sprint(1 + (i+j)%5)
	}
	return fmt.Sprintf("P,2026Q1,%s,%s,2026-01-0%d,%s\n", id, org, 1+i%9, strings.Join(a, ","))
}

// countReads counts the reads of each input through run.ReadHook for one test.
func countReads(t *testing.T) func() map[string]int {
	t.Helper()
	var mu sync.Mutex
	reads := map[string]int{}
	old := run.ReadHook
	run.ReadHook = func(name string) {
		mu.Lock()
		defer mu.Unlock()
		reads[filepath.Base(name)]++
	}
	t.Cleanup(func() { run.ReadHook = old })
	return func() map[string]int {
		mu.Lock()
		defer mu.Unlock()
		return reads
	}
}

// TestDuplicatesNotScored: a person whose row comes five times counts once. Org A has
// three people and a fourth whose row comes five times; org B has three people. At
// k = 5, A (4 people, not 8) must show nothing, and the partnership's n is 7, not 11 —
// with respondent ids, without them (identical rows), and across two files.
func TestDuplicatesNotScored(t *testing.T) {
	ids := func(i int) string { return fmt.Sprintf("r%d", i) }
	none := func(int) string { return "" }
	rows := func(id func(int) string, people []int, org string) string {
		var b strings.Builder
		for _, i := range people {
			b.WriteString(dedupRow(id(i), org, i))
		}
		return b.String()
	}
	five := []int{4, 4, 4, 4, 4}
	cases := []struct {
		name  string
		files []string
	}{
		{"SameRespondent", []string{dedupHeader + rows(ids, []int{1, 2, 3}, "A") + rows(ids, five, "A") + rows(ids, []int{5, 6, 7}, "B")}},
		{"IdenticalRows", []string{dedupHeader + rows(none, []int{1, 2, 3}, "A") + rows(none, five, "A") + rows(none, []int{5, 6, 7}, "B")}},
		{"AcrossFiles", []string{
			dedupHeader + rows(ids, []int{1, 4, 2}, "A") + rows(ids, []int{5, 6}, "B"),
			dedupHeader + rows(ids, []int{4, 3, 4}, "A") + rows(ids, []int{7}, "B") + rows(ids, []int{4, 4}, "A"),
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			clearEnv(t)
			reads := countReads(t)
			dir := t.TempDir()
			var paths []string
			for i, data := range tc.files {
				path := filepath.Join(dir, fmt.Sprintf("responses%d.csv", i+1))
				if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
					t.Fatal(err)
				}
				paths = append(paths, path)
			}
			out := filepath.Join(dir, "out")
			r := mustRun(t, "run", "--formats", "csv,json", "--min-group", "5", "--out", out, "--input", strings.Join(paths, ","))
			if r.code != exitOK {
				t.Fatalf("exit %d: %s", r.code, r.stderr)
			}
			for _, p := range paths {
				if n := reads()[filepath.Base(p)]; n != 2 {
					t.Errorf("%s read %d times, want 2 (once more without its duplicates)", filepath.Base(p), n)
				}
			}
			sawAll, sawA := false, false
			for _, row := range csvRows(t, filepath.Join(out, "scores.csv")) {
				switch {
				case row["breakdown"] == "all" && row["dimension"] == "communication":
					sawAll = true
					if row["n"] != "7" || row["suppressed"] != "false" {
						t.Errorf("partnership communication: n = %q, suppressed %s; want n = 7 shown (4 people in A, 3 in B)", row["n"], row["suppressed"])
					}
				case row["breakdown"] == "org" && row["group"] == "A":
					sawA = true
					if row["suppressed"] != "true" || row["n"] != "" || row["mean"] != "" || row["sd"] != "" {
						t.Errorf("org A %s: n = %q, mean %q, sd %q, suppressed %s; want nothing shown (4 people < k = 5)", row["dimension"], row["n"], row["mean"], row["sd"], row["suppressed"])
					}
				}
			}
			if !sawAll || !sawA {
				t.Errorf("scores.csv lacks the partnership's row (%v) or org A's (%v)", sawAll, sawA)
			}
			dups := 0
			for _, row := range csvRows(t, filepath.Join(out, "quality.csv")) {
				if row["code"] == "duplicate" {
					dups++
					if !strings.Contains(row["message"], "only the first is scored") {
						t.Errorf("quality.csv message %q does not say which is scored", row["message"])
					}
				}
			}
			if dups != 4 {
				t.Errorf("quality.csv lists %d duplicates, want 4 (each found once, by the first read)", dups)
			}
		})
	}
}

// TestNoDuplicatesReadOnce: inputs without duplicates are read once — the read that
// gave their outputs before, which TestCustomCodebook compares with its golden files —
// and inputs with duplicates twice (TestDuplicatesNotScored).
func TestNoDuplicatesReadOnce(t *testing.T) {
	clearEnv(t)
	reads := countReads(t)
	out := filepath.Join(t.TempDir(), "out")
	r := mustRun(t, "run", "--formats", "csv,json", "--input", "testdata/custom/responses.csv", "--codebook", "testdata/custom/codebook.csv",
		"--out", out, "--min-group", "3", "--fiscal-start", "4")
	if r.code != exitOK {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	for _, row := range csvRows(t, filepath.Join(out, "quality.csv")) {
		if row["code"] == "duplicate" {
			t.Fatalf("the custom responses have a duplicate (line %s); this test needs a file without", row["line"])
		}
	}
	if got := reads(); len(got) != 1 || got["responses.csv"] != 1 {
		t.Errorf("reads %v, want responses.csv once", got)
	}
	if strings.Contains(r.stderr, "reading the inputs again") {
		t.Errorf("the log says the inputs were read again:\n%s", r.stderr)
	}
}

// TestInputNamedTwice: a file named twice in --input, under the same path, another
// spelling of it or a hard link, is refused: its rows would count twice, and not as
// duplicates (they are the same places of the same file).
func TestInputNamedTwice(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "responses.csv")
	if err := os.WriteFile(path, []byte(dedupHeader+dedupRow("r1", "A", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "link.csv")
	if err := os.Link(path, link); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ name, input string }{
		{"SamePath", path + "," + path},
		{"OtherSpelling", path + "," + dir + string(filepath.Separator) + "." + string(filepath.Separator) + "responses.csv"},
		{"HardLink", path + "," + link},
	} {
		t.Run(tc.name, func(t *testing.T) {
			clearEnv(t)
			out := filepath.Join(t.TempDir(), "out")
			r := mustRun(t, "run", "--formats", "csv", "--out", out, "--input", tc.input)
			if msg := lastLine(r.stderr); r.code != exitUsage || !strings.Contains(msg, "twice") || !strings.Contains(msg, "name each file once") {
				t.Errorf("exit %d, message %q; want %d and the file named twice", r.code, msg, exitUsage)
			}
			if _, err := os.Stat(out); !os.IsNotExist(err) {
				t.Errorf("the output folder was written (%v)", err)
			}
		})
	}
}

// TestBeforeAndAfterInOneWaveCountOnce: three people who answer in two phases within
// one wave are three people in that wave, not six — whichever phase comes first in the
// file, with a phase-less answer as the second, and when they answered in an earlier
// wave too. At k = 5 their org shows nothing; a wave of three such people and four
// others counts 7; the comparison, with 3 pairs at most, shows nothing.
func TestBeforeAndAfterInOneWaveCountOnce(t *testing.T) {
	const header = "partnership,wave,respondent,org,phase,comm1,comm2,comm3,comm4,trust1,trust2,trust3,trust4,role1,role2,role3,role4,goal1,goal2,goal3,goal4\n"
	row := func(wave, id, org, phase string, i int) string {
		a := make([]string, 16)
		for j := range a {
			a[j] = fmt.Sprint(1 + (i+j)%5)
		}
		return fmt.Sprintf("P,%s,%s,%s,%s,%s\n", wave, id, org, phase, strings.Join(a, ","))
	}
	twice := func(first, second string, earlier bool) string {
		var b strings.Builder
		b.WriteString(header)
		for i := range 3 {
			id := fmt.Sprintf("t%d", i)
			if earlier {
				b.WriteString(row("2025Q4", id, "A", "before", i))
			}
			b.WriteString(row("2026Q1", id, "A", first, i))
		}
		if earlier {
			// Five in the earlier wave, so that the run's total (12) gives nothing away.
			b.WriteString(row("2025Q4", "e0", "B", "", 1) + row("2025Q4", "e1", "B", "", 2))
		}
		for i := range 4 {
			b.WriteString(row("2026Q1", fmt.Sprintf("o%d", i), "B", "", i))
		}
		for i := range 3 {
			b.WriteString(row("2026Q1", fmt.Sprintf("t%d", i), "A", second, i+2))
		}
		return b.String()
	}
	// A file without a phase column is read on the fast path; its people answer again
	// in a second file, with a phase, read on the general path.
	const plainHeader = "partnership,wave,respondent,org,comm1,comm2,comm3,comm4,trust1,trust2,trust3,trust4,role1,role2,role3,role4,goal1,goal2,goal3,goal4\n"
	plain := func(ids, others bool) string {
		var b strings.Builder
		b.WriteString(plainHeader)
		for i := range 3 {
			if ids {
				fmt.Fprintf(&b, "%s", strings.Replace(row("2026Q1", fmt.Sprintf("t%d", i), "A", "", i), ",,", ",", 1))
			}
		}
		for i := range 4 {
			if others {
				fmt.Fprintf(&b, "%s", strings.Replace(row("2026Q1", fmt.Sprintf("o%d", i), "B", "", i), ",,", ",", 1))
			}
		}
		return b.String()
	}
	afterOnly := func() string {
		var b strings.Builder
		b.WriteString(header)
		for i := range 3 {
			b.WriteString(row("2026Q1", fmt.Sprintf("t%d", i), "A", "after", i+2))
		}
		return b.String()
	}
	for _, tc := range []struct {
		name  string
		files []string
		extra []string
	}{
		{"BeforeThenAfter", []string{twice("before", "after", false)}, nil},
		{"AfterThenBefore", []string{twice("after", "before", false)}, nil},
		{"BeforeThenNoPhase", []string{twice("before", "", false)}, nil},
		{"AnsweredInAnEarlierWaveToo", []string{twice("before", "after", true)}, nil},
		{"ComparingTwoWaves", []string{twice("before", "after", true)}, []string{"--before", "2025Q4", "--after", "2026Q1"}},
		{"FastFileThenPhaseFile", []string{plain(true, true), afterOnly()}, nil},
		{"PhaseFileThenFastFile", []string{afterOnly(), plain(true, true)}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			clearEnv(t)
			dir := t.TempDir()
			var paths []string
			for i, data := range tc.files {
				path := filepath.Join(dir, fmt.Sprintf("responses%d.csv", i+1))
				if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
					t.Fatal(err)
				}
				paths = append(paths, path)
			}
			out := filepath.Join(dir, "out")
			args := append([]string{"run", "--formats", "csv,json", "--min-group", "5", "--out", out, "--input", strings.Join(paths, ",")}, tc.extra...)
			r := mustRun(t, args...)
			if r.code != exitOK {
				t.Fatalf("exit %d: %s", r.code, r.stderr)
			}
			for _, row := range csvRows(t, filepath.Join(out, "scores.csv")) {
				if row["wave"] != "2026Q1" {
					continue
				}
				switch {
				case row["breakdown"] == "all":
					if row["n"] != "7" {
						t.Errorf("the wave's %s: n = %q, want 7 (three people twice, four once)", row["dimension"], row["n"])
					}
				case row["breakdown"] == "org" && row["group"] == "A":
					if row["suppressed"] != "true" || row["n"] != "" {
						t.Errorf("org A %s: n = %q, suppressed %s; want nothing shown (3 people < k = 5)", row["dimension"], row["n"], row["suppressed"])
					}
				}
			}
			for _, row := range csvRows(t, filepath.Join(out, "reliability.csv")) {
				if row["wave"] == "2026Q1" && row["item"] == "" && row["n"] != "" && row["n"] != "7" {
					t.Errorf("reliability %s %s: n = %q, want 7 or nothing", row["wave"], row["dimension"], row["n"])
				}
			}
			compared := 0
			for _, row := range csvRows(t, filepath.Join(out, "compare.csv")) {
				compared++
				switch {
				case tc.extra != nil: // two waves: 5 people before (2025Q4), 7 after (2026Q1)
					if row["item"] == "" && row["suppressed"] == "false" && (row["n_before"] != "5" || row["n_after"] != "7") {
						t.Errorf("compare %s %s: n %s/%s, want 5/7 people", row["scope"], row["dimension"], row["n_before"], row["n_after"])
					}
				case row["suppressed"] != "true":
					t.Errorf("compare %s %s %s: shown with 3 pairs (k = 5)", row["scope"], row["dimension"], row["item"])
				}
			}
			if compared == 0 && !strings.HasPrefix(tc.name, "Fast") && !strings.HasPrefix(tc.name, "Phase") {
				t.Error("compare.csv has no rows: the comparison the test looks at did not take place")
			}
		})
	}
}

// TestCompareDuplicatesNotCounted: renkei compare counts people too. Four people
// before, one of whose rows comes twice without a respondent id, and five after: at
// k = 5 the before side has 4 people and the comparison shows nothing.
func TestCompareDuplicatesNotCounted(t *testing.T) {
	clearEnv(t)
	dir := t.TempDir()
	rows := func(n, offset int, repeat bool) string {
		var b strings.Builder
		b.WriteString(dedupHeader)
		for i := range n {
			b.WriteString(dedupRow("", "A", i+offset))
		}
		if repeat {
			b.WriteString(dedupRow("", "A", offset))
		}
		return b.String()
	}
	before, after := filepath.Join(dir, "before.csv"), filepath.Join(dir, "after.csv")
	if err := os.WriteFile(before, []byte(rows(4, 0, true)), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(after, []byte(rows(5, 10, false)), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out")
	r := mustRun(t, "compare", before, after, "--out", out, "--min-group", "5")
	if r.code != exitOK {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	rows2 := csvRows(t, filepath.Join(out, "compare.csv"))
	if len(rows2) == 0 {
		t.Fatal("compare.csv has no rows")
	}
	for _, row := range rows2 {
		if row["suppressed"] != "true" {
			t.Errorf("compare %s %s: shown (n %s/%s) with 4 people before (k = 5)", row["dimension"], row["item"], row["n_before"], row["n_after"])
		}
	}
}

package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"renkei/internal/outdir"
	"renkei/reports"
	"renkei/survey"
)

// Hostile inputs that once crashed or stalled the rendering of a run: names with
// characters the PDF writer could not encode, codebooks of many dimensions, very long
// names, huge texts and runs with every group below k. Each must end with exit 0 and
// a complete output folder, or exit 2 (the input refused) and no folder at all —
// never a panic, a half-written folder or a staging folder left behind.

// crashResponses writes a responses file for the items of cb: per partnership and
// wave, n respondents in the orgs given.
func crashResponses(t *testing.T, path string, cb *survey.Codebook, partnerships, waves []string, n int, orgs []string) {
	t.Helper()
	var b bytes.Buffer
	b.WriteString("respondent,partnership,wave,org,role")
	for _, it := range cb.Items {
		b.WriteString("," + it.ID)
	}
	b.WriteByte('\n')
	id := 0
	for _, p := range partnerships {
		for _, w := range waves {
			for i := range n {
				id++
				fmt.Fprintf(&b, "R%d,%s,%s,%s,%s", id, csvField(p), w, csvField(orgs[i%len(orgs)]), []string{"top", "middle", "frontline"}[i%3])
				for j := range cb.Items {
					fmt.Fprintf(&b, ",%d", cb.Min+(id*7+j*3)%(cb.Max-cb.Min+1))
				}
				b.WriteByte('\n')
			}
		}
	}
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

func csvField(s string) string {
	return `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
}

// crashCodebook writes a codebook of n dimensions of two items each and returns it.
func crashCodebook(t *testing.T, path string, n int) *survey.Codebook {
	t.Helper()
	var b strings.Builder
	b.WriteString("item,dimension,reverse,min,max,text_en,text_ja,header\n")
	for d := range n {
		for i := range 2 {
			fmt.Fprintf(&b, "d%di%d,dimension_%02d,%t,1,5,Item %d of dimension %d,次元%dの項目%d,\n", d, i, d, i == 1, i, d, d, i)
		}
	}
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	cb, err := survey.ReadCodebook(strings.NewReader(b.String()), path)
	if err != nil {
		// beyond what survey reads: the run must refuse it too; the items still name
		// the responses' columns
		cb = &survey.Codebook{Min: 1, Max: 5}
		for d := range n {
			for i := range 2 {
				cb.Items = append(cb.Items, survey.Item{ID: fmt.Sprintf("d%di%d", d, i)})
			}
		}
	}
	return cb
}

// checkOutputWhole checks that out is a complete output folder (every format, each
// file non-empty, the PDF whole) and that no staging folder is left beside it.
func checkOutputWhole(t *testing.T, out string) {
	t.Helper()
	for _, name := range []string{outdir.MarkerFile, "scores.csv", "trends.csv", "quality.csv", "summary.json", "summary.md", "report.html", "report.pdf", "charts/heatmap.svg", "charts/heatmap.png", "charts/overview.svg", "charts/overview.png"} {
		st, err := os.Stat(filepath.Join(out, filepath.FromSlash(name)))
		if err != nil || st.Size() == 0 {
			t.Errorf("%s missing or empty (%v)", name, err)
		}
	}
	pdf, _ := os.ReadFile(filepath.Join(out, "report.pdf"))
	if !bytes.HasPrefix(pdf, []byte("%PDF-")) || !bytes.Contains(pdf[max(0, len(pdf)-32):], []byte("%%EOF")) {
		t.Errorf("report.pdf is not a whole PDF")
	}
	checkNoStaging(t, out)
}

func checkNoStaging(t *testing.T, out string) {
	t.Helper()
	if left, _ := filepath.Glob(filepath.Join(filepath.Dir(out), "."+filepath.Base(out)+".tmp-*")); len(left) > 0 {
		t.Errorf("staging folders left: %v", left)
	}
}

func TestCrashInputs(t *testing.T) {
	if testing.Short() {
		t.Skip("full runs with every output")
	}
	dir := t.TempDir()
	builtin := survey.BuiltinCodebook()
	file := func(name string) string { return filepath.Join(dir, name) }
	waves := []string{"2026Q1", "2026Q2"}
	hostileOrgs := []string{"𠮷野福祉🙂", "Org\u200fשלום", "ctl\x01\x07x", "e\u0301\u0301\u0301", "مرحبا"}

	crashResponses(t, file("emoji.csv"), builtin, []string{"北病院🏥連携", "𠮷野-school", "plain", strings.Repeat("x", 900)}, waves, 8, hostileOrgs)
	crashResponses(t, file("longnames.csv"), builtin, []string{strings.Repeat("漢", 90), strings.Repeat("a", 250), strings.Repeat("a", 250) + "b", "../../etc/passwd"}, waves, 6, []string{"org"})
	crashResponses(t, file("tiny.csv"), builtin, []string{"p1", "p2", "p3"}, waves[:1], 2, []string{"org"})
	var actions bytes.Buffer
	actions.WriteString(survey.ActionsHeader + "\n")
	for _, d := range builtin.Dimensions {
		fmt.Fprintf(&actions, "%s,,en,%s\n%s,,ja,%s\n", d.ID, strings.Repeat("word ", 200000), d.ID, strings.Repeat("連", 350000))
	}
	if err := os.WriteFile(file("actions.csv"), actions.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	dims := map[int][]string{}
	for _, n := range []int{1, 2, 20, 40} {
		cb := crashCodebook(t, file(fmt.Sprintf("cb%d.csv", n)), n)
		crashResponses(t, file(fmt.Sprintf("r%d.csv", n)), cb, []string{"alpha", "beta", "gamma"}, waves, 8, []string{"org0", "org1"})
		dims[n] = []string{"--codebook", file(fmt.Sprintf("cb%d.csv", n)), "--input", file(fmt.Sprintf("r%d.csv", n))}
	}
	_, jaErr := reports.FindJapaneseFont(reports.FontDirs)

	cases := []struct {
		name   string
		args   []string
		ja     bool  // needs a Japanese font
		codes  []int // the exit codes allowed
		checks func(t *testing.T, out string)
	}{
		{name: "NonBMPNames", args: []string{"--input", file("emoji.csv")}, codes: []int{exitOK}},
		{name: "NonBMPNamesJapanese", args: []string{"--input", file("emoji.csv"), "--lang", "ja"}, ja: true, codes: []int{exitOK}},
		{name: "OneDimension", args: dims[1], codes: []int{exitOK}},
		{name: "TwoDimensions", args: dims[2], codes: []int{exitOK}},
		{name: "TwentyDimensions", args: dims[20], codes: []int{exitOK}},
		{name: "TwentyDimensionsJapanese", args: append([]string{"--lang", "ja"}, dims[20]...), ja: true, codes: []int{exitOK}},
		{name: "FortyDimensions", args: dims[40], codes: []int{exitOK}},
		{name: "LongNames", args: []string{"--input", file("longnames.csv")}, codes: []int{exitOK}, checks: func(t *testing.T, out string) {
			charts, _ := os.ReadDir(filepath.Join(out, "charts"))
			trends := 0
			for _, c := range charts {
				if len(c.Name()) > 120 {
					t.Errorf("chart file name of %d bytes: %s", len(c.Name()), c.Name())
				}
				if strings.HasPrefix(c.Name(), "trend-") && strings.HasSuffix(c.Name(), ".svg") {
					trends++
				}
			}
			if trends != 4 {
				t.Errorf("%d trend charts, want 4 (one per partnership, none lost to a collision)", trends)
			}
		}},
		{name: "AllGroupsBelowK", args: []string{"--input", file("tiny.csv")}, codes: []int{exitOK}, checks: func(t *testing.T, out string) {
			if svg := string(readFile(t, filepath.Join(out, "charts", "heatmap.svg"))); !strings.Contains(svg, "Nothing to show") {
				t.Errorf("the heatmap does not say there is nothing to show")
			}
		}},
		{name: "AllGroupsBelowKJapanese", args: []string{"--input", file("tiny.csv"), "--lang", "ja"}, ja: true, codes: []int{exitOK}},
		// survey limits a text to a few KiB: refused at reading, or rendered in time.
		{name: "HugeActions", args: []string{"--actions", file("actions.csv")}, codes: []int{exitUsage}}, // a 1 MB cell: beyond the 4 KiB a text of the actions may hold
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if tc.ja && jaErr != nil {
				t.Skip("no Japanese font installed (Debian: fonts-ipaexfont-gothic)")
			}
			clearEnv(t)
			out := filepath.Join(t.TempDir(), "out")
			r := mustRun(t, append([]string{"run", "--out", out}, tc.args...)...)
			allowed := false
			for _, c := range tc.codes {
				allowed = allowed || r.code == c
			}
			if !allowed || strings.Contains(r.stderr, "panic") || strings.Contains(r.stderr, "bug in renkei") {
				t.Fatalf("exit %d, want one of %v:\n%s", r.code, tc.codes, r.stderr)
			}
			if r.code != exitOK {
				if _, err := os.Stat(out); !os.IsNotExist(err) {
					t.Errorf("exit %d but the output folder exists (%v)", r.code, err)
				}
				if msg := lastLine(r.stderr); !strings.HasPrefix(msg, "renkei: ") {
					t.Errorf("no message saying why: %q", msg)
				}
				checkNoStaging(t, out)
				return
			}
			checkOutputWhole(t, out)
			if tc.checks != nil {
				tc.checks(t, out)
			}
		})
	}
}

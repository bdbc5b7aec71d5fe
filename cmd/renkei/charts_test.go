package main

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"renkei/reports"
)

// sampleChartNames are the charts the built-in sample gives: the heatmap and the
// overview, and per partnership above k a trend chart, answer bars and, where it has
// orgs or roles, a perception-gap chart. minami-care is below k everywhere.
func sampleChartNames() []string {
	// The training cohort's before/after chart: the sample's phase rows.
	names := []string{"heatmap", "overview", "compare-higashi-school", "network"}
	for _, p := range []string{"chuo-foodbank", "higashi-school", "higashi-youth", "hokubu-dementia", "kita-dental", "kita-hospital", "kita-pharmacy", "midori-npo", "minami-dayservice", "minami-rehab", "nishi-city-office", "nishi-employment", "nishi-housing"} {
		names = append(names, "trend-"+p, "likert-"+p, "gap-"+p)
	}
	var files []string
	for _, n := range names {
		files = append(files, n+".png", n+".svg")
	}
	slices.Sort(files)
	return files
}

// TestSampleCharts: a run on the sample writes every chart in SVG and PNG, in English
// and in Japanese, and the partnership below k appears in none of them.
func TestSampleCharts(t *testing.T) {
	skipShort(t)
	clearEnv(t)
	langs := []string{"en", "ja"}
	if _, err := reports.FindJapaneseFont(reports.FontDirs); err != nil {
		t.Log("no Japanese font installed: testing English only (.ci/run installs one)")
		langs = langs[:1]
	}
	for _, lang := range langs {
		t.Run(lang, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out")
			r := mustRun(t, "run", "--out", out, "--lang", lang, "--formats", "charts")
			if r.code != exitOK {
				t.Fatalf("exit %d: %s", r.code, r.stderr)
			}
			entries, err := os.ReadDir(filepath.Join(out, "charts"))
			if err != nil {
				t.Fatal(err)
			}
			var files []string
			for _, e := range entries {
				files = append(files, e.Name())
				data := readFile(t, filepath.Join(out, "charts", e.Name()))
				if bytes.Contains(data, []byte("minami-care")) || strings.Contains(e.Name(), "minami-care") {
					t.Errorf("%s shows minami-care, which is below k everywhere", e.Name())
				}
				if strings.HasSuffix(e.Name(), ".png") && !bytes.HasPrefix(data, []byte("\x89PNG")) {
					t.Errorf("%s is not a PNG", e.Name())
				}
			}
			if want := sampleChartNames(); !slices.Equal(files, want) {
				t.Errorf("charts:\n%v\nwant\n%v", files, want)
			}
			heatmap := string(readFile(t, filepath.Join(out, "charts", "heatmap.svg")))
			title := map[string]string{"en": "Partnership health by dimension", "ja": "連携の健全度"}[lang]
			if !strings.Contains(heatmap, title) {
				t.Errorf("heatmap.svg lacks its %s title %q", lang, title)
			}
			// The trend flags reach the charts: kita-hospital's declining trust is marked,
			// a stable partnership carries no flag.
			if !bytes.Contains(readFile(t, filepath.Join(out, "charts", "trend-kita-hospital.svg")), []byte("declining")) {
				t.Error("trend-kita-hospital.svg does not mark its declining wave")
			}
			if bytes.Contains(readFile(t, filepath.Join(out, "charts", "trend-chuo-foodbank.svg")), []byte("declining")) {
				t.Error("trend-chuo-foodbank.svg marks a flag on a stable partnership")
			}
			if !bytes.Contains(readFile(t, filepath.Join(out, "charts", "network.svg")), []byte("Central Community")) {
				t.Error("network.svg does not name the bridging organisation")
			}
			if !bytes.Contains(readFile(t, filepath.Join(out, "charts", "compare-higashi-school.svg")), []byte("+0.69")) {
				t.Error("compare-higashi-school.svg lacks the cohort's communication change +0.69")
			}
		})
	}
}

func TestChartFontErrors(t *testing.T) {
	clearEnv(t)
	notFont := filepath.Join(t.TempDir(), "font.ttf")
	if err := os.WriteFile(notFont, []byte("plain text"), 0o644); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name string
		args []string
		want string
	}{
		{name: "FontNotTrueType", args: []string{"--font", notFont}, want: "RENKEI_FONT (--font): " + notFont + " is not a TrueType font"},
		{name: "FontMissing", args: []string{"--font", notFont + ".missing"}, want: "RENKEI_FONT (--font): open"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out")
			r := mustRun(t, append([]string{"run", "--out", out, "--formats", "charts"}, tc.args...)...)
			if r.code != exitUsage || !strings.Contains(r.stderr, tc.want) {
				t.Errorf("exit %d, stderr:\n%s\nwant exit %d and %q", r.code, r.stderr, exitUsage, tc.want)
			}
			if _, err := os.Stat(out); err == nil {
				t.Error("an output folder was written")
			}
		})
	}
}

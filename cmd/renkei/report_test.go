package main

import (
	"encoding/json"
	"fmt"
	"html"
	"math"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// sampleReport runs the sample with a fixed date and returns report.html and
// summary.json.
func sampleReport(t *testing.T, lang string) (page string, summary map[string]any) {
	t.Helper()
	clearEnv(t)
	t.Setenv("SOURCE_DATE_EPOCH", "1795000000") // 18 November 2026
	out := filepath.Join(t.TempDir(), "out")
	if r := mustRun(t, "run", "--out", out, "--formats", "json,html", "--lang", lang, "--organisation", "Kita Community Support Agency"); r.code != exitOK {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	if err := json.Unmarshal(readFile(t, filepath.Join(out, "summary.json")), &summary); err != nil {
		t.Fatal(err)
	}
	return string(readFile(t, filepath.Join(out, "report.html"))), summary
}

var (
	tagRE     = regexp.MustCompile(`<[^>]*>`)
	sectionRE = regexp.MustCompile(`(?s)<section id="([^"]+)"[^>]*>(.*?)</section>`)
	outlineRE = regexp.MustCompile(`(?s)<(h1|h2|h3|caption|th|li|p)[ >].*?</(h1|h2|h3|caption|th|li|p)>|<figure class="chart" id="([^"]+)"`)
)

// text strips tags and entities.
func text(s string) string { return html.UnescapeString(tagRE.ReplaceAllString(s, "")) }

// reportOutline is the structure of report.html as text: each section with its
// headings, table captions and headers, paragraphs and list items, and charts. Table
// bodies and SVG drawings are left out: the tables' numbers are those of scores.csv,
// which has its own golden file.
func reportOutline(page string) string {
	var b strings.Builder
	for _, sec := range sectionRE.FindAllStringSubmatch(page, -1) {
		fmt.Fprintf(&b, "== section %s\n", sec[1])
		var headers []string
		flush := func() {
			if len(headers) > 0 {
				fmt.Fprintf(&b, "  table: %s\n", strings.Join(headers, " | "))
				headers = nil
			}
		}
		for _, m := range outlineRE.FindAllStringSubmatch(sec[2], -1) {
			if m[1] != "th" {
				flush()
			}
			switch {
			case m[3] != "":
				fmt.Fprintf(&b, "  chart %s\n", m[3])
			case m[1] == "th":
				headers = append(headers, text(m[0]))
			default:
				fmt.Fprintf(&b, "  %s: %s\n", m[1], text(m[0]))
			}
		}
		flush()
	}
	return b.String()
}

// TestReportGolden keeps the structure of the sample's report.html, in English and in
// Japanese: its sections in order, their headings, sentences, tables and charts.
func TestReportGolden(t *testing.T) {
	for _, lang := range []string{"en", "ja"} {
		t.Run(lang, func(t *testing.T) {
			page, _ := sampleReport(t, lang)
			outline := reportOutline(page)
			var ids []string
			for _, sec := range sectionRE.FindAllStringSubmatch(page, -1) {
				ids = append(ids, sec[1])
			}
			want := []string{"cover", "summary", "overview", "partnership-chuo-foodbank", "partnership-nishi-housing", "compare", "appendix", "method"}
			for _, id := range want {
				if !slices.Contains(ids, id) {
					t.Errorf("section %s missing; sections: %v", id, ids)
				}
			}
			if slices.Contains(ids, "partnership-minami-care") || strings.Contains(page, "chart-trend-minami-care") {
				t.Errorf("minami-care, below k in every wave, has a section or a chart")
			}
			checkGolden(t, filepath.Join("testdata", "golden", "sample", "report-outline-"+lang+".txt"), []byte(outline))
		})
	}
}

// TestReportSummaryMatchesJSON: every number in the executive summary is a value of
// summary.json, formatted for people, and the summary's key facts are there.
func TestReportSummaryMatchesJSON(t *testing.T) {
	for _, lang := range []string{"en", "ja"} {
		t.Run(lang, func(t *testing.T) {
			page, summary := sampleReport(t, lang)
			var exec string
			for _, sec := range sectionRE.FindAllStringSubmatch(page, -1) {
				if sec[1] == "summary" {
					exec = text(sec[2])
				}
			}
			if exec == "" {
				t.Fatal("no executive summary")
			}
			// Every number summary.json holds, as the report writes it.
			allowed := map[string]bool{}
			var walk func(v any)
			walk = func(v any) {
				switch v := v.(type) {
				case map[string]any:
					for _, x := range v {
						walk(x)
					}
				case []any:
					for _, x := range v {
						walk(x)
					}
				case float64:
					for d := 0; d <= 3; d++ {
						s := strconv.FormatFloat(math.Abs(v), 'f', d, 64)
						allowed[s] = true
						if d == 0 {
							allowed[withThousands(s)] = true
						}
					}
				}
			}
			walk(summary)
			numbers := regexp.MustCompile(`\d{1,3}(,\d{3})+(\.\d+)?|\d+(\.\d+)?`)
			waves := regexp.MustCompile(`(FY)?\d{4}Q\d`)
			for _, n := range numbers.FindAllString(waves.ReplaceAllString(exec, ""), -1) {
				if !allowed[n] && n != "95" { // "95% CI"
					t.Errorf("the executive summary's number %s is not in summary.json", n)
				}
			}
			// The story's facts, with summary.json's values.
			for _, want := range storyFacts(t, summary, lang) {
				if !strings.Contains(exec, want) {
					t.Errorf("the executive summary lacks %q:\n%s", want, exec)
				}
			}
			// One gap sentence per partnership and gap flag of summary.json's flags: on
			// the sample, midori-npo's asymmetry and nothing else.
			flags := summary["flags"].(map[string]any)
			sentences := 0
			for f, start := range map[string]string{
				"asymmetric":     map[string]string{"en": "rate each other differently", "ja": "互いを異なって評価"}[lang],
				"perception_gap": map[string]string{"en": "see the partnership differently", "ja": "評価が分かれています"}[lang],
				"layer_gap":      map[string]string{"en": "the frontline sees the partnership", "ja": "現場が管理職層より"}[lang],
			} {
				ps, ok := flags[f].([]any)
				if !ok {
					t.Fatalf("summary.json's flags lack %s", f)
				}
				if got := strings.Count(exec, start); got != len(ps) {
					t.Errorf("%d %s sentences in the executive summary, %d partnerships flagged %s in summary.json", got, f, len(ps), f)
				}
				sentences += len(ps)
			}
			if sentences != 1 || !slices.Contains(flags["asymmetric"].([]any), any("midori-npo")) {
				t.Errorf("gap flags %v, want midori-npo asymmetric only", flags)
			}
		})
	}
}

func withThousands(s string) string {
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// storyFacts are phrases the sample's executive summary must hold, built from
// summary.json: kita-hospital's declining trust, higashi-school's improvement and
// training, midori-npo's asymmetric gap (summary.json's gaps.flagged), minami-care
// not reported, the counts.
func storyFacts(t *testing.T, s map[string]any, lang string) []string {
	t.Helper()
	num := func(v any, d int) string {
		f := v.(float64)
		out := strconv.FormatFloat(f, 'f', d, 64)
		if strings.HasPrefix(out, "-") {
			return "−" + out[1:]
		}
		if f > 0 && strings.Trim(out, "0.") != "" {
			return "+" + out
		}
		return out
	}
	plain := func(v any, d int) string { return strings.TrimPrefix(num(v, d), "+") }
	find := func(list any, keys ...string) map[string]any {
		for _, x := range list.([]any) {
			m := x.(map[string]any)
			ok := true
			for i := 0; i < len(keys); i += 2 {
				ok = ok && m[keys[i]] == keys[i+1]
			}
			if ok {
				return m
			}
		}
		t.Fatalf("summary.json has no %v", keys)
		return nil
	}
	counts := s["counts"].(map[string]any)
	trust := find(s["trends"], "partnership", "kita-hospital", "dimension", "trust")
	comm := find(s["trends"], "partnership", "higashi-school", "dimension", "communication")
	gap := find(s["gaps"].(map[string]any)["flagged"], "partnership", "midori-npo", "dimension", "health", "flag", "asymmetric")
	training := find(s["comparison"], "scope", "higashi-school")["rows"]
	roleCmp := find(training, "dimension", "role_clarity")
	a, b := gap["a"].(map[string]any), gap["b"].(map[string]any)
	abs := func(v any) any { return math.Abs(v.(float64)) }
	// The summary writes the gap as a size, its CI turned round when B rates higher.
	gapLow, gapHigh := abs(gap["ci_low"]), abs(gap["ci_high"])
	if gap["gap"].(float64) < 0 {
		gapLow, gapHigh = gapHigh, gapLow
	}
	if lang == "ja" {
		return []string{
			fmt.Sprintf("%s件の連携について%s回の調査", plain(counts["partnerships"], 0), plain(counts["waves"], 0)),
			fmt.Sprintf("%s件の回答", withThousands(plain(counts["responses"], 0))),
			fmt.Sprintf("kita-hospital：信頼が低下しています（四半期あたり%s点、95%%信頼区間%s〜%s）", num(trust["slope"], 2), num(trust["slope_ci_low"], 2), num(trust["slope_ci_high"], 2)),
			fmt.Sprintf("higashi-school：コミュニケーションは2026Q2の後に上昇し、その後の2回とも高い水準を保っています（最新回の平均%s、効果量 g = %s）", plain(comm["latest_mean"], 2), num(comm["shift"].(map[string]any)["g"], 2)),
			fmt.Sprintf("健全度では、%sから%sへの評価が%s、%sから%sへの評価が%sで、差は%s点（95%%信頼区間%s〜%s）です。", a["group"], a["partner"], plain(a["mean"], 2), b["group"], b["partner"], plain(b["mean"], 2), plain(abs(gap["gap"]), 2), plain(gapLow, 2), plain(gapHigh, 2)),
			fmt.Sprintf("役割の明確さは%s点（95%%信頼区間%s〜%s、改善）", num(roleCmp["diff"], 2), plain(roleCmp["diff_ci_low"], 2), plain(roleCmp["diff_ci_high"], 2)),
			"目標の共有には明確な変化なし",
			"minami-careは、どの回も回答が5件未満のため報告していません。",
		}
	}
	return []string{
		fmt.Sprintf("This report covers %s partnerships over %s waves", plain(counts["partnerships"], 0), plain(counts["waves"], 0)),
		fmt.Sprintf("from %s responses", withThousands(plain(counts["responses"], 0))),
		fmt.Sprintf("kita-hospital: trust is declining, by %s points per quarter (95%% CI %s to %s); its mean in 2026Q4 is %s.", num(trust["slope"], 2), num(trust["slope_ci_low"], 2), num(trust["slope_ci_high"], 2), plain(trust["latest_mean"], 2)),
		fmt.Sprintf("higashi-school: communication rose after 2026Q2 and stayed up in both later waves (latest mean %s, effect size g = %s).", plain(comm["latest_mean"], 2), num(comm["shift"].(map[string]any)["g"], 2)),
		fmt.Sprintf("On health, %s rates %s %s, while %s rates %s %s: a gap of %s points (95%% CI %s to %s).", a["group"], a["partner"], plain(a["mean"], 2), b["group"], b["partner"], plain(b["mean"], 2), plain(abs(gap["gap"]), 2), plain(gapLow, 2), plain(gapHigh, 2)),
		fmt.Sprintf("role clarity %s points (95%% CI %s to %s, improved)", num(roleCmp["diff"], 2), plain(roleCmp["diff_ci_low"], 2), plain(roleCmp["diff_ci_high"], 2)),
		"no clear change on shared goals",
		"minami-care had fewer than 5 responses in every wave and is not reported.",
	}
}

package reports

import (
	"bytes"

	"codeberg.org/go-fonts/liberation/liberationsansregular"
	"fmt"
	"golang.org/x/image/font/sfnt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"renkei/analysis"
	"renkei/survey"
)

// reportRun wraps a result into a run as cmd/renkei prepares it, with its charts.
func reportRun(t *testing.T, res *analysis.Result, lang string, font *ChartFont) (*Run, ReportOptions) {
	t.Helper()
	run := &Run{
		Version: "test", Codebook: "built-in", Calendar: survey.Calendar{FiscalStart: 1}, Result: res,
		TrendOptions: analysis.DefaultTrendOptions(),
		Generated:    time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC),
	}
	run.Trends = res.Trends(run.TrendOptions)
	charts, err := Charts(res, ChartOptions{Lang: lang, Calendar: run.Calendar, Font: font})
	if err != nil {
		t.Fatal(err)
	}
	return run, ReportOptions{Lang: lang, Charts: NewChartCache(charts), Font: font, Organisation: "<b>Agency</b> & partners"}
}

func TestReportHTMLEscapesInputText(t *testing.T) {
	cb := survey.BuiltinCodebook()
	hostile := `<script>alert(1)</script>`
	org := func(i int) string { return []string{`<img src=x onerror=alert(2)>`, `"quoted" & co`}[i%2] }
	res := chartResult(cb, []group{
		{partnership: hostile, wave: w26q1, n: 12, answer: func(i, item int) int8 { return int8(1 + (i+item)%5) }, org: org},
		{partnership: hostile, wave: w26q2, n: 12, answer: constant(4), org: org},
	})
	run, opt := reportRun(t, res, "en", nil)
	var buf bytes.Buffer
	if err := WriteReportHTML(&buf, run, opt); err != nil {
		t.Fatal(err)
	}
	html := buf.String()
	for _, bad := range []string{"<script", "<img", "onerror=alert(2)>", "<b>Agency"} {
		if strings.Contains(strings.ToLower(html), strings.ToLower(bad)) {
			t.Errorf("report.html contains %q unescaped", bad)
		}
	}
	for _, want := range []string{"&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;img src=x onerror=alert(2)&gt;", "&lt;b&gt;Agency&lt;/b&gt; &amp; partners"} {
		if !strings.Contains(html, want) {
			t.Errorf("report.html lacks the escaped text %s", want)
		}
	}
	// Self-contained: nothing is fetched, nothing runs.
	if m := regexp.MustCompile(`(?i)<[^>]*\s(src|href|srcset|data)\s*=|@import|url\(|<link|<iframe|<object|<embed`).FindString(html); m != "" {
		t.Errorf("report.html refers to something outside itself: %q", m)
	}
}

func TestReportHidesGroupsBelowK(t *testing.T) {
	cb := survey.BuiltinCodebook()
	run, opt := reportRun(t, storyResult(cb), "en", nil)
	var buf bytes.Buffer
	if err := WriteReportHTML(&buf, run, opt); err != nil {
		t.Fatal(err)
	}
	html := buf.String()
	// tiny-secret has fewer than k respondents in every wave: named as not reported,
	// with no section of its own and no chart.
	if strings.Contains(html, `id="partnership-tiny-secret"`) || strings.Contains(html, "tiny-secret:") {
		t.Errorf("tiny-secret has a section or a chart of its own")
	}
	if !strings.Contains(html, "tiny-secret had fewer than 5 responses in every wave and is not reported.") {
		t.Errorf("the summary does not say that tiny-secret is not reported")
	}
	// alpha's org "small" has three respondents, and "large org" is hidden with it (or
	// small could be recovered from the whole): neither shows a number.
	if !strings.Contains(html, "No organisation or role has 5 or more responses in this wave.") || strings.Contains(html, "large org") {
		t.Errorf("alpha's hidden orgs are shown")
	}
	// In 2025Q4 both orgs are large enough: a wave shown in full elsewhere is not
	// repeated here; the latest wave decides.
	if strings.Contains(html, ">small<") {
		t.Errorf("alpha's small org is shown")
	}
}

func TestReportPDF(t *testing.T) {
	cb := survey.BuiltinCodebook()
	t.Run("EnglishNeedsNoFont", func(t *testing.T) {
		run, opt := reportRun(t, storyResult(cb), "en", nil)
		var a, b bytes.Buffer
		if err := WriteReportPDF(&a, run, opt); err != nil {
			t.Fatal(err)
		}
		if err := WriteReportPDF(&b, run, opt); err != nil {
			t.Fatal(err)
		}
		if !bytes.HasPrefix(a.Bytes(), []byte("%PDF-")) || a.Len() < 10000 {
			t.Fatalf("not a PDF: %.20q, %d bytes", a.Bytes(), a.Len())
		}
		if !bytes.Equal(a.Bytes(), b.Bytes()) {
			t.Errorf("two writes of one report differ")
		}
	})
	t.Run("JapaneseWithoutFontFails", func(t *testing.T) {
		run, opt := reportRun(t, storyResult(cb), "en", nil)
		opt.Lang = "ja"
		err := WriteReportPDF(&bytes.Buffer{}, run, opt)
		if err == nil || !strings.Contains(err.Error(), "fonts-ipaexfont-gothic") {
			t.Errorf("error %v, want what to install", err)
		}
	})
	t.Run("Japanese", func(t *testing.T) {
		run, opt := reportRun(t, storyResult(cb), "ja", japaneseFont(t))
		var buf bytes.Buffer
		if err := WriteReportPDF(&buf, run, opt); err != nil {
			t.Fatal(err)
		}
		if !bytes.HasPrefix(buf.Bytes(), []byte("%PDF-")) {
			t.Fatalf("not a PDF")
		}
	})
}

func TestReportText(t *testing.T) {
	en, ja := reportText{lang: "en"}, reportText{lang: "ja"}
	date := time.Date(2026, 4, 1, 12, 0, 0, 0, time.UTC)
	cases := []struct {
		name, got, want string
	}{
		{"NegativeWithMinusSign", en.num(-0.186, 2), "−0.19"},
		{"NoNegativeZero", en.num(-0.001, 2), "0.00"},
		{"SignedPositive", en.signed(0.686, 2), "+0.69"},
		{"SignedZeroHasNoSign", en.signed(0.001, 2), "0.00"},
		{"NaNIsDash", en.num(math.NaN(), 2), "–"},
		{"ThousandsSeparator", en.count(3688), "3,688"},
		{"ThousandsSeparatorMillions", ja.count(1234567), "1,234,567"},
		{"IntervalEnglish", en.interval(-0.21, -0.16, 2), "−0.21 to −0.16"},
		{"IntervalJapanese", ja.interval(3.16, 3.81, 2), "3.16〜3.81"},
		{"Percent", en.pct(0.4351, 0), "44%"},
		{"SmallP", en.p(0.0002), "< 0.001"},
		{"DateEnglish", en.date(date), "1 April 2026"},
		{"DateJapanese", ja.date(date), "2026年4月1日"},
		{"ListEnglish", en.list([]string{"trust", "role clarity", "health"}), "trust, role clarity and health"},
		{"ListJapanese", ja.list([]string{"信頼", "健全度"}), "信頼、健全度"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if tc.got != tc.want {
				t.Errorf("got %q, want %q", tc.got, tc.want)
			}
		})
	}
}

// TestReportMessagesComplete: every text has both languages, and the Japanese text
// takes the same arguments as the English one.
func TestReportMessagesComplete(t *testing.T) {
	verbs := regexp.MustCompile(`%(\[\d+\])?[sdvg]`)
	for key, m := range reportMessages {
		if m[0] == "" || m[1] == "" {
			t.Errorf("%s: a language is missing", key)
		}
		en, ja := len(verbs.FindAllString(m[0], -1)), len(verbs.FindAllString(m[1], -1))
		if en != ja {
			t.Errorf("%s: %d arguments in English, %d in Japanese", key, en, ja)
		}
		if en == 0 {
			continue // a plain text, not a format
		}
		for _, text := range m {
			var args []any
			for _, v := range verbs.FindAllString(text, -1) {
				k := len(args) + 1
				if i := strings.Index(v, "["); i >= 0 {
					k, _ = strconv.Atoi(v[i+1 : strings.Index(v, "]")])
				}
				for len(args) < k {
					args = append(args, "x")
				}
				if strings.HasSuffix(v, "d") {
					args[k-1] = 1
				}
			}
			if out := fmt.Sprintf(text, args...); strings.Contains(out, "%!") {
				t.Errorf("%s: a bad format: %s", key, out)
			}
		}
	}
}

// TestReportGlyphs: every character of the report, fixed texts and the sample-like
// document alike, has a glyph in the PDF's font — no box in place of a character.
func TestReportGlyphs(t *testing.T) {
	cb := survey.BuiltinCodebook()
	fonts := map[string]*sfnt.Font{}
	en, err := sfnt.Parse(liberationsansregular.TTF)
	if err != nil {
		t.Fatal(err)
	}
	fonts["en"] = en
	if ja, err := FindJapaneseFont(FontDirs); err == nil {
		fonts["ja"] = ja.face
	}
	for lang, face := range fonts {
		t.Run(lang, func(t *testing.T) {
			var all strings.Builder
			for _, m := range reportMessages {
				if lang == "ja" {
					all.WriteString(m[1])
				} else {
					all.WriteString(m[0])
				}
			}
			run, opt := reportRun(t, storyResult(cb), "en", nil)
			opt.Lang = lang
			for _, sec := range buildReport(run, opt).Sections {
				all.WriteString(sec.Title)
				for _, b := range sec.Blocks {
					all.WriteString(b.Text + strings.Join(b.Items, ""))
					if b.Table != nil {
						all.WriteString(b.Table.Caption + strings.Join(b.Table.Header, ""))
						for _, row := range b.Table.Rows {
							for _, c := range row {
								all.WriteString(c.Text)
							}
						}
					}
				}
			}
			all.WriteString("•") // the PDF's bullet
			var buf sfnt.Buffer
			missing := map[rune]bool{}
			for _, r := range all.String() {
				if i, err := face.GlyphIndex(&buf, r); (err != nil || i == 0) && !missing[r] && r != '\n' {
					missing[r] = true
					t.Errorf("no glyph for %q (U+%04X)", r, r)
				}
			}
		})
	}
}

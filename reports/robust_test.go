package reports

import (
	"bytes"
	"fmt"
	"image/png"
	"io"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"codeberg.org/go-fonts/liberation/liberationsansbold"
	"codeberg.org/go-fonts/liberation/liberationsansregular"
	"codeberg.org/go-pdf/fpdf"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"renkei/analysis"
	"renkei/survey"
)

// Tests of the renderings on hostile text and shapes of data: characters the PDF
// writer cannot encode, codebooks of any number of dimensions, very long texts and
// names, and runs in which every group is below k.

// hostileTexts are texts that once crashed or stalled a renderer, or might.
var hostileTexts = map[string]string{
	"Emoji":             "北病院🏥連携 👩‍⚕️",
	"NonBMPKanji":       "𠮷野家の連携",
	"InvalidUTF8":       "ab\xff\xfe\xc3(cd\xe2\x82",
	"TruncatedAtEnd":    "end\xe3\x81",
	"ControlCharacters": "a\x01b\x07c\x1bd\x7fe\u0085f",
	"NUL":               "nul\x00byte",
	"CRLF":              "one\r\ntwo\rthree",
	"Combining":         "e\u0301\u0301\u0301 cafe\u0301",
	"RTL":               "שלום مرحبا \u202eevil\u202c \u200f",
	"NonCharacters":     "\ufffe\uffff\ufeff",
	"ReplacementChar":   "\ufffd",
	"LongNoSpaces":      strings.Repeat("x", 5000),
	"LongKanji":         strings.Repeat("漢", 3000),
	"OnlySpaces":        "     ",
	"Empty":             "",
}

func TestPDFText(t *testing.T) {
	en := newPDFGlyphs(liberationFace())
	sub := en.substitute // Liberation Sans has no U+FFFD: '?'
	if sub != "?" {
		t.Errorf("substitute %q, want ? (Liberation Sans has no U+FFFD)", sub)
	}
	cases := []struct {
		name, in, want string
	}{
		{"ASCIIUnchanged", "kita-hospital (2026Q1)", "kita-hospital (2026Q1)"},
		{"EmojiSubstituted", "a🏥b", "a?b"},
		{"NonBMPKanjiSubstituted", "𠮷野", "??"}, // Liberation has no kanji at all
		{"InvalidBytesSubstituted", "a\xffb", "a?b"},
		{"TruncatedSequenceSubstituted", "a\xe3\x81", "a??"},
		{"ControlsSubstituted", "a\x00b\x01c\x7f\u0085", "a?b?c??"},
		{"TabIsSpace", "a\tb", "a b"},
		{"CRLFIsOneLineFeed", "a\r\nb\rc", "a\nb\nc"},
		{"CombiningMarkKept", "e\u0301", "e\u0301"},
		{"HebrewKept", "שלום", "שלום"},
		{"DirectionMarksKeptWhereTheFontHasThem", "a\u200fb\u202ec", "a\u200fb\u202ec"},
		{"FormatCharacterWithoutGlyphDropped", "a\U000E0001b", "a?b"}, // beyond the BMP: substituted
		{"IdeographicSpaceIsSpace", "a\u3000b", "a b"},
		{"NonCharactersSubstituted", "\ufffe\uffff", "??"},
		{"ReplacementCharacterWithoutGlyph", "\ufffd", "?"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := en.text(tc.in); got != tc.want {
				t.Errorf("text(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
	t.Run("JapaneseFontKeepsKanji", func(t *testing.T) {
		ja := newPDFGlyphs(japaneseFont(t).face)
		if got, want := ja.text("𠮷野の連携🏥"), "\ufffd野の連携\ufffd"; got != want && got != strings.ReplaceAll(want, "\ufffd", "?") {
			t.Errorf("got %q, want %q", got, want)
		}
	})
	t.Run("BookmarkIsOneLine", func(t *testing.T) {
		if got := en.line("a\nb"); got != "a b" {
			t.Errorf("line = %q", got)
		}
	})
}

// checkPDFText checks what pdfGlyphs.text promises: valid UTF-8 of characters in
// the BMP the font draws, and line feeds.
func checkPDFText(t *testing.T, g *pdfGlyphs, in, out string) {
	t.Helper()
	if !utf8.ValidString(out) {
		t.Fatalf("text(%q) = %q is not valid UTF-8", in, out)
	}
	for _, r := range out {
		if r != '\n' && (r > 0xFFFF || !g.has(r)) {
			t.Fatalf("text(%q) = %q keeps %U, which the font cannot draw", in, out, r)
		}
	}
}

// fuzzPDF is one PDF document the fuzz target writes into, replaced after a number
// of texts so that it stays small; Output runs the font subsetting over every
// character written.
var fuzzPDF struct {
	sync.Mutex
	f      *fpdf.Fpdf
	glyphs *pdfGlyphs
	texts  int
}

func fuzzDocument(t *testing.T) (*fpdf.Fpdf, *pdfGlyphs) {
	if fuzzPDF.f != nil && fuzzPDF.texts < 2000 {
		fuzzPDF.texts++
		return fuzzPDF.f, fuzzPDF.glyphs
	}
	if fuzzPDF.f != nil {
		if err := fuzzPDF.f.Output(io.Discard); err != nil {
			t.Fatalf("writing the fuzz document: %v", err)
		}
	}
	f := fpdf.New("P", "mm", "A4", "")
	f.AddUTF8FontFromBytes(pdfFamily, "", liberationsansregular.TTF)
	f.AddUTF8FontFromBytes(pdfFamily, "B", liberationsansbold.TTF)
	f.SetAutoPageBreak(false, 0)
	f.AddPage()
	f.SetFont(pdfFamily, "", 10)
	fuzzPDF.f, fuzzPDF.glyphs, fuzzPDF.texts = f, newPDFGlyphs(liberationFace()), 0
	return f, fuzzPDF.glyphs
}

// FuzzPDFText: any string, made fit for the PDF, wraps into lines of a cell (even a
// narrow one) and is written, bookmarked and measured without a panic or an error.
func FuzzPDFText(f *testing.F) {
	for _, s := range hostileTexts {
		f.Add(s)
	}
	f.Add("研修の前後で、コミュニケーションは+0.69点（95%信頼区間0.39〜0.98、改善）")
	f.Fuzz(func(t *testing.T, s string) {
		fuzzPDF.Lock()
		defer fuzzPDF.Unlock()
		doc, g := fuzzDocument(t)
		text := g.text(s)
		checkPDFText(t, g, s, text)
		width := float64(len(s)%40) - 2 // down to ≤ 0: at least one character a line
		lines := wrapText(text, width, doc.GetStringWidth)
		if got, want := strings.Join(lines, ""), strings.NewReplacer(" ", "", "\n", "").Replace(text); strings.ReplaceAll(got, " ", "") != want {
			t.Fatalf("wrapping %q lost characters: %q", text, lines)
		}
		for _, line := range lines {
			doc.SetXY(20, 20)
			doc.CellFormat(50, 5, line, "", 0, "L", false, 0, "")
		}
		doc.Bookmark(g.line(s), 0, -1)
		if err := doc.Error(); err != nil {
			t.Fatal(err)
		}
	})
}

func TestWrapTextNeverLoops(t *testing.T) {
	for _, width := range []float64{0, -3, 0.5} {
		for name, text := range hostileTexts {
			t.Run(fmt.Sprintf("%s/width%g", name, width), func(t *testing.T) {
				lines := wrapText(text, width, monoWidth)
				for i, line := range lines {
					if utf8.RuneCountInString(line) > 1 && monoWidth(line) > width {
						t.Fatalf("line %d %q is wider than %g", i, line, width)
					}
				}
			})
		}
	}
}

// TestWrapTextLinear: wrapping measures each character a bounded number of times,
// however long the text and whether it has spaces or not — linear time, with no
// clock in the test.
func TestWrapTextLinear(t *testing.T) {
	cases := map[string]string{
		"Words":        strings.Repeat("word ", 20000),
		"NoSpaces":     strings.Repeat("x", 100000),
		"Japanese":     strings.Repeat("連携先とは、必要な情報を共有できている。", 5000),
		"OneLongWord":  "a " + strings.Repeat("b", 100000) + " c",
		"MixedScripts": strings.Repeat("kita-hospitalの信頼が低下 ", 5000),
	}
	for name, text := range cases {
		t.Run(name, func(t *testing.T) {
			measured := 0
			measure := func(s string) float64 {
				measured += len(s)
				return monoWidth(s)
			}
			wrapText(text, 60, measure)
			if measured > 3*len(text) {
				t.Errorf("measured %d bytes of a %d-byte text: not linear", measured, len(text))
			}
		})
	}
}

func TestChartNamesBounded(t *testing.T) {
	long := strings.Repeat("a", 250)
	kanji := strings.Repeat("漢", 90)
	names := chartNames{}
	seen := map[string]bool{}
	for _, p := range []string{kanji, long, long + "b", long + "c", "../../" + long, "a/b\\c\x00d..e", "\x01\x02", "🏥🏥", "𠮷野"} {
		name := names.unique("trend", p)
		if seen[name] {
			t.Errorf("%q: name %q given twice", p, name)
		}
		seen[name] = true
		if len(name) > len("trend-")+maxNameBytes+1+8 {
			t.Errorf("%q: name %q is %d bytes", p, name, len(name))
		}
		if !utf8.ValidString(name) || strings.ContainsAny(name, "/\\.\x00") || strings.ContainsFunc(name, func(r rune) bool { return r < 0x20 }) {
			t.Errorf("%q: name %q is not safe as a file name", p, name)
		}
	}
	// A short name keeps its old form (the sample's charts), a long one is cut and
	// hashed; the same name gives the same file in every run.
	if got := (chartNames{}).unique("trend", "kita-hospital"); got != "trend-kita-hospital" {
		t.Errorf("short name changed: %q", got)
	}
	if got := (chartNames{}).unique("trend", kanji); got != (chartNames{}).unique("trend", kanji) || !strings.HasPrefix(got, "trend-"+strings.Repeat("漢", 26)+"-") {
		t.Errorf("long kanji name %q", got)
	}
}

func TestSplitColumns(t *testing.T) {
	header := []string{"group", "n"}
	for i := range 21 {
		header = append(header, fmt.Sprintf("d%d", i))
	}
	tbl := &reportTable{Header: header, Keep: 2, Widths: make([]float64, len(header)), Numeric: make([]bool, len(header))}
	tbl.Rows = [][]reportCell{
		{{Text: "Organisation", Class: "subhead", Span: len(header)}},
		append([]reportCell{{Text: "org"}, {Text: "12"}}, func() (c []reportCell) {
			for i := range 21 {
				c = append(c, reportCell{Text: fmt.Sprint(i)})
			}
			return
		}()...),
		{{Text: "small"}, {Text: "fewer than 5", Class: "hidden", Span: 22}},
	}
	parts := splitColumns(tbl, maxTableColumns)
	if len(parts) != 4 {
		t.Fatalf("%d parts, want 4", len(parts))
	}
	data := 0
	for i, p := range parts {
		if len(p.Header) > maxTableColumns || p.Header[0] != "group" || p.Header[1] != "n" {
			t.Errorf("part %d header %v", i, p.Header)
		}
		data += len(p.Header) - 2
		for r, row := range p.Rows {
			cols := 0
			for _, c := range row {
				cols += max(c.Span, 1)
			}
			if cols != len(p.Header) {
				t.Errorf("part %d row %d covers %d columns of %d", i, r, cols, len(p.Header))
			}
		}
	}
	if data != 21 {
		t.Errorf("%d data columns in the parts, want 21", data)
	}
}

// dimensionsCodebook is a codebook of n dimensions of two items each.
func dimensionsCodebook(t *testing.T, n int) *survey.Codebook {
	var b strings.Builder
	b.WriteString("item,dimension,reverse,min,max,text_en,text_ja,header\n")
	for d := range n {
		for i := range 2 {
			fmt.Fprintf(&b, "d%di%d,dimension_%02d,%t,1,5,Item %d of dimension %d,次元%dの項目%d,\n", d, i, d, i == 1, i, d, d, i)
		}
	}
	cb, err := survey.ReadCodebook(strings.NewReader(b.String()), "test codebook")
	if err != nil {
		t.Fatal(err)
	}
	return cb
}

// TestReportsOnHostileRuns renders every chart, report.html and report.pdf of runs
// that once crashed or stalled a renderer.
func TestReportsOnHostileRuns(t *testing.T) {
	varied := func(i, item int) int8 { return int8(1 + (i*7+item*3)%5) }
	org := func(names ...string) func(int) string { return func(i int) string { return names[i%len(names)] } }
	twoWaves := func(names []string, n int, o func(int) string) []group {
		var gs []group
		for _, p := range names {
			gs = append(gs, group{partnership: p, wave: w26q1, n: n, answer: varied, org: o}, group{partnership: p, wave: w26q2, n: n, answer: varied, org: o})
		}
		return gs
	}
	var hostileNames []string
	for _, name := range []string{"Emoji", "NonBMPKanji", "InvalidUTF8", "ControlCharacters", "NUL", "Combining", "RTL", "LongNoSpaces", "LongKanji"} {
		hostileNames = append(hostileNames, hostileTexts[name])
	}
	builtin := survey.BuiltinCodebook()
	cases := []struct {
		name   string
		cb     *survey.Codebook
		groups []group
	}{
		// 6 responses in 3 partnerships: every group below k.
		{"AllBelowK", builtin, []group{{partnership: "p1", wave: w26q1, n: 2, answer: varied}, {partnership: "p2", wave: w26q1, n: 2, answer: varied}, {partnership: "p3", wave: w26q1, n: 2, answer: varied}}},
		{"OneResponse", builtin, []group{{partnership: "p1", wave: w26q1, n: 1, answer: varied}}},
		{"ExactlyK", builtin, []group{{partnership: "p1", wave: w26q1, n: 5, answer: constant(3)}}},
		{"HostileNames", builtin, twoWaves(hostileNames, 10, org("𠮷野福祉🙂", "Org\u200fשלום", "ctl\x01\x07x", "e\u0301\u0301"))},
		{"OneDimension", dimensionsCodebook(t, 1), twoWaves([]string{"alpha", "beta"}, 12, org("a", "b"))},
		{"TwoDimensions", dimensionsCodebook(t, 2), twoWaves([]string{"alpha", "beta"}, 12, org("a", "b"))},
		{"TwentyDimensions", dimensionsCodebook(t, 20), twoWaves([]string{"alpha", "beta"}, 12, org("a", "b"))},
		{"FortyDimensions", dimensionsCodebook(t, 40), twoWaves([]string{"alpha"}, 12, org("a", "b"))},
	}
	langs := []string{"en"}
	var ja *ChartFont
	if f, err := FindJapaneseFont(FontDirs); err == nil {
		ja = f
		langs = append(langs, "ja")
	}
	for _, tc := range cases {
		for _, lang := range langs {
			t.Run(tc.name+"/"+lang, func(t *testing.T) {
				font := (*ChartFont)(nil)
				if lang == "ja" {
					font = ja
				}
				res := chartResult(tc.cb, tc.groups)
				run, opt := reportRun(t, res, lang, font)
				for _, ch := range opt.Charts.Charts() {
					if err := ch.WriteSVG(io.Discard); err != nil {
						t.Errorf("%s: %v", ch.Name, err)
					}
				}
				if err := WriteReportHTML(io.Discard, run, opt); err != nil {
					t.Errorf("report.html: %v", err)
				}
				var pdf bytes.Buffer
				if err := WriteReportPDF(&pdf, run, opt); err != nil {
					t.Fatalf("report.pdf: %v", err)
				}
				if !bytes.HasPrefix(pdf.Bytes(), []byte("%PDF-")) {
					t.Errorf("report.pdf is not a PDF")
				}
				for _, sec := range buildReport(run, opt).Sections {
					for _, b := range sec.Blocks {
						if b.Table != nil && len(b.Table.Header) > maxTableColumns {
							t.Errorf("%s: a table of %d columns", sec.ID, len(b.Table.Header))
						}
					}
				}
			})
		}
	}
}

// TestEmptyRunCharts: with every group below k the run-wide charts say, in the
// report's language, that there is nothing to show.
func TestEmptyRunCharts(t *testing.T) {
	res := chartResult(survey.BuiltinCodebook(), []group{{partnership: "p1", wave: w26q1, n: 2, answer: constant(3)}, {partnership: "p2", wave: w26q1, n: 4, answer: constant(3)}})
	charts, err := Charts(res, ChartOptions{Lang: "en"})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, ch := range charts {
		names = append(names, ch.Name)
		var svg bytes.Buffer
		if err := ch.WriteSVG(&svg); err != nil {
			t.Fatalf("%s: %v", ch.Name, err)
		}
		if !strings.Contains(svg.String(), "Nothing to show") {
			t.Errorf("%s does not say there is nothing to show", ch.Name)
		}
	}
	if strings.Join(names, ",") != "heatmap,overview" {
		t.Errorf("charts %v, want the heatmap and the overview only", names)
	}
	if got := message("ja", "chart.empty"); !strings.Contains(got, "掲載できるデータ") {
		t.Errorf("no Japanese text for an empty chart: %q", got)
	}
	_ = analysis.BandStrength
}

// TestTallChartPNGBounded: a chart metres tall (the likert chart of hundreds of
// items) is drawn at a lower resolution, within maxChartPixels, and says so in its
// pHYs chunk; a chart of a page or less keeps ChartDPI.
func TestTallChartPNGBounded(t *testing.T) {
	cases := []struct {
		name    string
		height  vg.Length
		wantDPI int
	}{
		{"OnePage", 25 * vg.Centimeter, ChartDPI},
		{"FourMetres", 400 * vg.Centimeter, 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ch := Chart{Name: "tall", Width: chartWidth, Height: tc.height, draw: func(c draw.Canvas) {}}
			var buf bytes.Buffer
			if err := ch.WritePNG(&buf); err != nil {
				t.Fatal(err)
			}
			cfg, err := png.DecodeConfig(bytes.NewReader(buf.Bytes()))
			if err != nil {
				t.Fatal(err)
			}
			if px := cfg.Width * cfg.Height; px > maxChartPixels {
				t.Errorf("%d × %d pixels, more than %d", cfg.Width, cfg.Height, maxChartPixels)
			}
			if tc.wantDPI != 0 && ch.dpi() != tc.wantDPI {
				t.Errorf("dpi %d, want %d", ch.dpi(), tc.wantDPI)
			}
			if want := int(tc.height/vg.Inch*vg.Length(ch.dpi()) + 0.5); cfg.Height != want {
				t.Errorf("height %d pixels, want %d at %d DPI", cfg.Height, want, ch.dpi())
			}
		})
	}
}

// TestPDFTableWithoutWidths: a table whose widths are missing or zero gets equal
// columns instead of a division by zero.
func TestPDFTableWithoutWidths(t *testing.T) {
	run, opt := reportRun(t, storyResult(survey.BuiltinCodebook()), "en", nil)
	p := newPDFWriter(buildReport(run, opt), run, opt)
	p.f.AddPage()
	for name, widths := range map[string][]float64{"None": nil, "Zero": {0, 0}, "Short": {1}} {
		t.Run(name, func(t *testing.T) {
			p.table(&reportTable{Header: []string{"a", "b"}, Widths: widths, Rows: [][]reportCell{{{Text: "x"}, {Text: "y"}}}})
			if err := p.f.Error(); err != nil {
				t.Fatal(err)
			}
		})
	}
}

package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"renkei/reports"
)

// The report rendered for real: headless Chromium prints report.html to PDF, poppler's
// pdftotext reads that print and the native report.pdf, and pdftoppm turns their pages
// into images. .ci/run installs chromium, poppler-utils and fonts-ipaexfont-gothic;
// elsewhere the test is skipped when a tool is missing.

// tool returns the path of a program, or skips the test.
func tool(t *testing.T, name string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err != nil {
		t.Skipf("%s is not installed (Debian: apt-get install chromium poppler-utils fonts-ipaexfont-gothic); the report is not rendered", name)
	}
	return path
}

// runTool runs a program with a time limit and returns its standard output.
func runTool(t *testing.T, name string, args ...string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, name, args...)
	out, err := cmd.Output()
	if err != nil {
		stderr := ""
		if ee, ok := err.(*exec.ExitError); ok {
			stderr = string(ee.Stderr)
		}
		t.Fatalf("%s %s: %v\n%s", filepath.Base(name), strings.Join(args, " "), err, stderr)
	}
	return string(out)
}

// printHTML prints an HTML file to PDF with headless Chromium.
func printHTML(t *testing.T, chromium, htmlPath, pdfPath string) {
	t.Helper()
	abs, err := filepath.Abs(htmlPath)
	if err != nil {
		t.Fatal(err)
	}
	runTool(t, chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
		"--disable-background-networking", "--disable-component-update", "--no-first-run",
		"--user-data-dir="+t.TempDir(), "--print-to-pdf="+pdfPath, "file://"+filepath.ToSlash(abs))
	if st, err := os.Stat(pdfPath); err != nil || st.Size() == 0 {
		t.Fatalf("Chromium wrote no PDF: %v", err)
	}
}

// pdfPages returns the text of each page of a PDF.
func pdfPages(t *testing.T, pdftotext, path string, layout bool) []string {
	t.Helper()
	args := []string{"-enc", "UTF-8"}
	if layout {
		args = append(args, "-layout")
	}
	pages := strings.Split(runTool(t, pdftotext, append(args, path, "-")...), "\f")
	if n := len(pages); n > 0 && strings.TrimSpace(pages[n-1]) == "" {
		pages = pages[:n-1]
	}
	return pages
}

var squeeze = strings.NewReplacer(" ", "", "\n", "", "\t", "", "\u00a0", "")

func TestReportRendered(t *testing.T) {
	if testing.Short() {
		t.Skip("renders the report in a browser: not in -short mode")
	}
	chromium, pdftotext, pdftoppm := tool(t, "chromium"), tool(t, "pdftotext"), tool(t, "pdftoppm")
	for _, lang := range []string{"en", "ja"} {
		t.Run(lang, func(t *testing.T) {
			if lang == "ja" {
				if _, err := reports.FindJapaneseFont(reports.FontDirs); err != nil {
					t.Skip("no Japanese font installed (Debian: fonts-ipaexfont-gothic)")
				}
			}
			clearEnv(t)
			t.Setenv("SOURCE_DATE_EPOCH", "1795000000")
			dir := t.TempDir()
			out := filepath.Join(dir, "out")
			if r := mustRun(t, "run", "--out", out, "--formats", "html,pdf", "--lang", lang); r.code != exitOK {
				t.Fatalf("exit %d: %s", r.code, r.stderr)
			}
			page := string(readFile(t, filepath.Join(out, "report.html")))
			printed := filepath.Join(dir, "chromium.pdf")
			printHTML(t, chromium, filepath.Join(out, "report.html"), printed)
			for _, pdf := range []struct{ name, path string }{{"report.pdf", filepath.Join(out, "report.pdf")}, {"Chromium's print", printed}} {
				t.Run(strings.Fields(pdf.name)[0], func(t *testing.T) {
					pages := pdfPages(t, pdftotext, pdf.path, false)
					checkRenderedReport(t, lang, page, pdf.name == "report.pdf", pages, pdfPages(t, pdftotext, pdf.path, true))
					checkNoBlankPage(t, pdftoppm, pdf.path, len(pages))
					pngs := filepath.Join(t.TempDir(), "page")
					runTool(t, pdftoppm, "-png", "-r", "40", "-f", "1", "-l", "3", pdf.path, pngs)
					images, _ := filepath.Glob(pngs + "*.png")
					if len(images) != 3 {
						t.Errorf("pdftoppm made %d page images of pages 1–3, want 3", len(images))
					}
				})
			}
		})
	}
}

// checkRenderedReport checks one PDF of the report against report.html: the same
// sections in order, a page number on every page and no blank page, the executive
// summary whole (no character lost at a line end), no Japanese line starting with
// closing punctuation, and every score row on one line of one page.
func checkRenderedReport(t *testing.T, lang, page string, native bool, pages, layout []string) {
	t.Helper()
	all := strings.Join(pages, "\n")
	flat := squeeze.Replace(all)
	// The same sections, in the same order.
	at := 0
	for _, sec := range sectionRE.FindAllStringSubmatch(page, -1) {
		title := text(regexp.MustCompile(`(?s)<h[12]>(.*?)</h[12]>`).FindString(sec[2]))
		i := strings.Index(flat[at:], squeeze.Replace(title))
		if i < 0 {
			t.Errorf("section %q is missing, or out of order", title)
			continue
		}
		at += i
	}
	// Page numbers, and no blank page.
	for i, p := range pages {
		number := fmt.Sprintf("%d / %d", i+1, len(pages))
		if native && lang == "en" {
			number = fmt.Sprintf("Page %d of %d", i+1, len(pages))
		}
		if !strings.Contains(p, number) {
			t.Errorf("page %d has no page number %q", i+1, number)
		}
	}
	// The executive summary's sentences, whole: no character lost at a line end.
	var summary string
	for _, sec := range sectionRE.FindAllStringSubmatch(page, -1) {
		if sec[1] == "summary" {
			summary = sec[2]
		}
	}
	for _, m := range regexp.MustCompile(`(?s)<(li|p)[^>]*>(.*?)</(li|p)>`).FindAllStringSubmatch(summary, -1) {
		if s := squeeze.Replace(text(m[2])); !strings.Contains(flat, s) {
			t.Errorf("the executive summary's text is not whole in the PDF:\n  %s", text(m[2]))
		}
	}
	for _, want := range []string{"3,686", "kita-hospital", "−0.19", "midori-npo", "+0.69"} {
		if !strings.Contains(all, want) {
			t.Errorf("the PDF lacks %q", want)
		}
	}
	// Kinsoku: pdftotext splits Chromium's lines where its text runs change font, so
	// only the native PDF's lines are lines as laid out (Chromium's pages were checked
	// by eye; its CSS asks for line-break: strict).
	if lang == "ja" && native {
		for i, p := range pages {
			for _, line := range strings.Split(p, "\n") {
				line = strings.TrimSpace(line)
				if r, _ := utf8.DecodeRuneInString(line); line != "" && strings.ContainsRune("、。，．）」』ーっゃゅょッャュョ", r) {
					t.Errorf("page %d: a line starts with %q: %s", i+1, r, line)
				}
			}
		}
	}
	// Every row of the score tables lies on one line of one page: no row is split.
	layoutText := strings.Join(layout, "\n")
	tables := regexp.MustCompile(`(?s)<caption>[^<]*</caption>.*?<tbody>(.*?)</tbody>`)
	rows := regexp.MustCompile(`(?s)<tr>(.*?)</tr>`)
	cells := regexp.MustCompile(`(?s)<td[^>]*>(.*?)</td>`)
	checked := 0
	for _, tb := range tables.FindAllStringSubmatch(page, -1) {
		for _, row := range rows.FindAllStringSubmatch(tb[1], -1) {
			var parts []string
			for _, c := range cells.FindAllStringSubmatch(row[1], -1) {
				parts = append(parts, regexp.QuoteMeta(text(c[1])))
			}
			if len(parts) < 7 { // the score tables' rows; wrapped or spanning cells aside
				continue
			}
			checked++
			if !regexp.MustCompile(`(?m)` + strings.Join(parts, `\s+`)).MatchString(layoutText) {
				t.Errorf("table row %q is not on one line of one page", strings.Join(parts, " | "))
			}
		}
	}
	if checked < 50 {
		t.Errorf("only %d table rows checked", checked)
	}
}

// checkNoBlankPage renders every page small in grey and fails on a page with nothing
// dark above its footer: a page with only a chart has no text, but is not blank.
func checkNoBlankPage(t *testing.T, pdftoppm, path string, n int) {
	t.Helper()
	prefix := filepath.Join(t.TempDir(), "grey")
	runTool(t, pdftoppm, "-gray", "-r", "20", path, prefix)
	images, _ := filepath.Glob(prefix + "*.pgm")
	if len(images) != n {
		t.Fatalf("pdftoppm rendered %d pages, pdftotext read %d", len(images), n)
	}
	for _, img := range images {
		data := readFile(t, img)
		var w, h, maxval int
		var header int
		if _, err := fmt.Sscanf(string(data), "P5\n%d %d\n%d\n", &w, &h, &maxval); err != nil {
			t.Fatalf("%s: %v", img, err)
		}
		header = len(data) - w*h
		dark := 0
		for y := 0; y < h*90/100; y++ { // above the footer's page number
			for x := 0; x < w; x++ {
				if data[header+y*w+x] < 160 {
					dark++
				}
			}
		}
		if dark == 0 {
			t.Errorf("%s: page %s is blank", filepath.Base(path), strings.TrimSuffix(strings.TrimPrefix(filepath.Base(img), "grey-"), ".pgm"))
		}
	}
}

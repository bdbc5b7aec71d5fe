package reports

import (
	"bytes"
	"fmt"
	"html/template"
	"io"
)

// WriteReportHTML writes report.html: one self-contained file (inline CSS and SVG
// charts, no script, no font or image fetched) laid out for A4 paper, with page
// numbers in the page margin, each section on a new page, and table rows that do not
// break across pages. Every text from the input is escaped by html/template; the
// charts' SVG is escaped by its backend.
func WriteReportHTML(w io.Writer, run *Run, opt ReportOptions) error {
	doc := buildReport(run, opt)
	view := htmlDoc{reportDoc: doc, CSS: template.CSS(reportCSS), charts: opt.Charts}
	if opt.Lang == "ja" {
		view.CSS += template.CSS(reportCSSJapanese)
	}
	return htmlReport.Execute(w, &view)
}

// htmlDoc is the document as the template sees it.
type htmlDoc struct {
	*reportDoc
	CSS    template.CSS
	charts *ChartCache
}

// SVG returns a chart's SVG for inlining, without its XML prolog; the SVG backend
// escapes every text in it.
func (d *htmlDoc) SVG(ch Chart) (template.HTML, error) {
	data, err := d.charts.SVG(ch.Name)
	if err != nil {
		return "", err
	}
	if i := bytes.Index(data, []byte("<svg")); i > 0 {
		data = data[i:]
	}
	return template.HTML(data), nil
}

// Align returns the class of column i of a table.
func (t *reportTable) Align(i int) string {
	if i < len(t.Numeric) && t.Numeric[i] {
		return "num"
	}
	return ""
}

// CellClass returns the classes of a body cell in column i: its alignment (for a cell
// of one column) and its own class.
func (t *reportTable) CellClass(i int, c reportCell) string {
	align := ""
	if c.Span <= 1 {
		align = t.Align(i)
	}
	switch {
	case align == "":
		return c.Class
	case c.Class == "":
		return align
	}
	return align + " " + c.Class
}

// Percent returns column i's share of the table's width, for a colgroup.
func (t *reportTable) Percent(i int) string {
	total := 0.0
	for _, w := range t.Widths {
		total += w
	}
	if i >= len(t.Widths) || total == 0 {
		return ""
	}
	return fmt.Sprintf("%.1f%%", 100*t.Widths[i]/total)
}

var htmlReport = template.Must(template.New("report").Parse(`<!DOCTYPE html>
<html lang="{{.Lang}}">
<head>
<meta charset="utf-8"/>
<meta name="viewport" content="width=device-width, initial-scale=1"/>
<title>{{.Title}}</title>
<style>
{{.CSS}}
</style>
</head>
<body>
{{- range .Sections}}
<section id="{{.ID}}"{{if .Cover}} class="cover"{{end}}>
{{- if .Cover}}
<h1>{{.Title}}</h1>
{{- else}}
<h2>{{.Title}}</h2>
{{- end}}
{{- range .Blocks}}
{{- if eq .Kind "p"}}
<p>{{.Text}}</p>
{{- else if eq .Kind "lead"}}
<p class="lead">{{.Text}}</p>
{{- else if eq .Kind "note"}}
<p class="note">{{.Text}}</p>
{{- else if eq .Kind "h3"}}
<h3>{{.Text}}</h3>
{{- else if eq .Kind "ul"}}
<ul>
{{- range .Items}}
<li>{{.}}</li>
{{- end}}
</ul>
{{- else if eq .Kind "facts"}}
<table class="facts">
<tbody>
{{- range .Table.Rows}}
<tr>{{range $i, $c := .}}{{if eq $i 0}}<th scope="row">{{$c.Text}}</th>{{else}}<td>{{$c.Text}}</td>{{end}}{{end}}</tr>
{{- end}}
</tbody>
</table>
{{- else if eq .Kind "table"}}
{{- $t := .Table}}
<table>
{{- if $t.Caption}}
<caption>{{$t.Caption}}</caption>
{{- end}}
<colgroup>{{range $i, $w := $t.Widths}}<col style="width: {{$t.Percent $i}}"/>{{end}}</colgroup>
<thead>
<tr>{{range $i, $h := $t.Header}}<th{{with $t.Align $i}} class="{{.}}"{{end}} scope="col">{{$h}}</th>{{end}}</tr>
</thead>
<tbody>
{{- range .Table.Rows}}
<tr>{{range $i, $c := .}}<td{{if gt $c.Span 1}} colspan="{{$c.Span}}"{{end}}{{with $t.CellClass $i $c}} class="{{.}}"{{end}}>{{$c.Text}}</td>{{end}}</tr>
{{- end}}
</tbody>
</table>
{{- else if eq .Kind "chart"}}
<figure class="chart" id="chart-{{.Chart.Name}}">
{{$.SVG .Chart}}
</figure>
{{- end}}
{{- end}}
</section>
{{- end}}
</body>
</html>
`))

// reportCSS lays the report out for A4 paper and for the screen. Page-margin boxes
// (@bottom-center) need Chromium 131 or later; older browsers print without numbers.
const reportCSS = `@page {
  size: A4;
  margin: 18mm 20mm 20mm 20mm;
  @bottom-center { content: counter(page) " / " counter(pages); font-family: "Liberation Sans", Arial, Helvetica, sans-serif; font-size: 8.5pt; color: #555; }
}
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font-family: "Liberation Sans", Arial, Helvetica, sans-serif; font-size: 10pt; line-height: 1.45; color: #111; margin: 0; }
section { break-before: page; }
section.cover { break-before: auto; padding-top: 55mm; }
h1 { font-size: 24pt; line-height: 1.2; margin: 0 0 8mm; color: #00548c; }
h2 { font-size: 15pt; margin: 0 0 4mm; padding-bottom: 1.5mm; border-bottom: 1.2pt solid #00548c; color: #00548c; break-after: avoid; }
h3 { font-size: 11pt; margin: 5mm 0 2mm; break-after: avoid; }
p { margin: 0 0 2.5mm; orphans: 2; widows: 2; }
p.lead { font-size: 11pt; }
p.note { font-size: 8.5pt; color: #444; }
ul { margin: 0 0 3mm; padding-left: 5mm; }
li { margin-bottom: 1.5mm; break-inside: avoid; }
table { border-collapse: collapse; width: 100%; margin: 2mm 0 4mm; font-size: 8.5pt; table-layout: fixed; }
caption { text-align: left; font-weight: bold; font-size: 9.5pt; padding-bottom: 1.5mm; caption-side: top; break-after: avoid; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
th, td { padding: 1mm 1.5mm; text-align: left; vertical-align: top; border-bottom: 0.5pt solid #bbb; overflow-wrap: anywhere; }
th { border-bottom: 1pt solid #555; font-weight: bold; font-size: 8pt; padding: 1mm 1mm; overflow-wrap: normal; }
.num { text-align: right; font-variant-numeric: tabular-nums; }
td.hidden { color: #555; font-style: italic; }
td.subhead { font-weight: bold; background: #f2f2f2; }
td.band-strength { background: #dbe9f4; }
td.band-borderline { background: #fdf1cc; }
td.band-concern { background: #f3d0d5; }
table.facts { width: auto; font-size: 11pt; table-layout: auto; }
table.facts th { border: none; padding: 1.5mm 8mm 1.5mm 0; color: #444; font-weight: normal; }
table.facts td { border: none; padding: 1.5mm 0; }
figure.chart { margin: 3mm 0 4mm; break-inside: avoid; }
figure.chart svg { display: block; width: 100%; height: auto; }
@media screen {
  body { max-width: 180mm; margin: 0 auto; padding: 10mm 5mm; }
  section { margin-top: 12mm; padding-top: 6mm; border-top: 1px solid #ccc; }
  section.cover { border-top: none; padding-top: 10mm; }
}
`

// reportCSSJapanese sets Japanese fonts (installed ones only: the file fetches
// nothing) and strict line breaking, which keeps 、。） and small kana off a line's
// start.
const reportCSSJapanese = `body { font-family: "IPAexGothic", "IPAexゴシック", "Noto Sans CJK JP", "Hiragino Sans", "Yu Gothic", "Meiryo", sans-serif; line-break: strict; word-break: normal; }
@page { @bottom-center { font-family: "IPAexGothic", "Noto Sans CJK JP", sans-serif; } }
`

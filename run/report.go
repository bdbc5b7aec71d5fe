package run

import (
	"io"

	"renkei/internal/outdir"
	"renkei/reports"
)

// renderedFiles are the outputs drawn from the charts: charts/, report.html and
// report.pdf, as RENKEI_FORMATS asks. The charts are prepared once and shared.
func renderedFiles(opts Options, run *reports.Run) ([]outdir.File, error) {
	font, err := chartFont(opts)
	if err != nil {
		return nil, err
	}
	detail := reports.ChooseDetail(run, opts.ReportPartnerships)
	cache, err := runCharts(opts, run, font, detail)
	if err != nil {
		return nil, err
	}
	var files []outdir.File
	if opts.wants("charts") {
		files = append(files, chartFiles(cache)...)
	}
	opt := reports.ReportOptions{Lang: opts.Lang, Organisation: opts.Organisation, Charts: cache, Font: font, Detail: detail}
	if opts.wants("html") {
		files = append(files, outdir.File{Name: "report.html", Write: func(w io.Writer) error { return reports.WriteReportHTML(w, run, opt) }})
	}
	if opts.wants("pdf") {
		files = append(files, outdir.File{Name: "report.pdf", Write: func(w io.Writer) error { return reports.WriteReportPDF(w, run, opt) }})
	}
	return files, nil
}

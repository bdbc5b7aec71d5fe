package main

import (
	"io"

	"renkei/reports"
)

// renderedFiles are the outputs drawn from the charts: charts/, report.html and
// report.pdf, as RENKEI_FORMATS asks. The charts are prepared once and shared.
func renderedFiles(cfg Config, run *reports.Run) ([]outputFile, error) {
	font, err := chartFont(cfg)
	if err != nil {
		return nil, err
	}
	detail := reports.ChooseDetail(run, cfg.ReportPartnerships)
	cache, err := runCharts(cfg, run, font, detail)
	if err != nil {
		return nil, err
	}
	var files []outputFile
	if cfg.wants("charts") {
		files = append(files, chartFiles(cache)...)
	}
	opt := reports.ReportOptions{Lang: cfg.Lang, Organisation: cfg.Organisation, Charts: cache, Font: font, Detail: detail}
	if cfg.wants("html") {
		files = append(files, outputFile{"report.html", func(w io.Writer) error { return reports.WriteReportHTML(w, run, opt) }})
	}
	if cfg.wants("pdf") {
		files = append(files, outputFile{"report.pdf", func(w io.Writer) error { return reports.WriteReportPDF(w, run, opt) }})
	}
	return files, nil
}

package run

import (
	"path/filepath"
	"slices"

	"renkei/analysis"
	"renkei/internal/outdir"
	"renkei/internal/usage"
	"renkei/reports"
)

// runCharts prepares the charts of a run, drawn once each when first written and
// shared by charts/, report.html and report.pdf. The font is RENKEI_FONT when set;
// Japanese charts without it search the system's font folders, and fail with what to
// install when none is found. English charts need no font: gonum/plot brings its own.
func runCharts(opts Options, run *reports.Run, font *reports.ChartFont, detail reports.Detail) (*reports.ChartCache, error) {
	opt := reports.ChartOptions{Lang: opts.Lang, Calendar: run.Calendar, Font: font, TrendFlags: trendFlags(run.Trends), Detail: detail}
	charts, err := reports.Charts(run.Result, opt)
	if err != nil {
		return nil, usage.Errorf("charts: %v", err)
	}
	dumbbells, err := dumbbellCharts(run, opt)
	if err != nil {
		return nil, usage.Errorf("charts: %v", err)
	}
	charts = append(charts, dumbbells...)
	if run.Relations != nil {
		network, ok, err := reports.NetworkChart(run.Result, opt, run.Relations.Map)
		if err != nil {
			return nil, usage.Errorf("charts: %v", err)
		}
		if ok {
			charts = append(charts, network)
		}
	}
	return reports.NewChartCache(charts), nil
}

// chartFiles are the charts as files charts/<name>.svg and .png.
func chartFiles(cache *reports.ChartCache) []outdir.File {
	var files []outdir.File
	for _, ch := range cache.Charts() {
		files = append(files,
			outdir.File{Name: "charts/" + ch.Name + ".svg", Write: cache.WriteSVG(ch.Name)},
			outdir.File{Name: "charts/" + ch.Name + ".png", Write: cache.WritePNG(ch.Name)},
		)
	}
	return files
}

// chartFont loads RENKEI_FONT, or finds a Japanese font when the language is ja.
func chartFont(opts Options) (*reports.ChartFont, error) {
	if opts.Font != "" {
		f, err := reports.LoadChartFont(opts.Font)
		if err != nil {
			return nil, usage.Errorf("RENKEI_FONT (--font): %v", err)
		}
		return f, nil
	}
	if opts.Lang != "ja" {
		return nil, nil
	}
	f, err := reports.FindJapaneseFont(opts.FontDirs)
	if err != nil {
		return nil, usage.Errorf("Japanese charts (RENKEI_LANG=ja): %v", err)
	}
	return f, nil
}

// trendFlags marks, on each trend chart, the latest reported wave of a row flagged
// declining, improving or below_band (the flags that speak about the scores;
// too_few_waves and not_comparable say why there is no trend).
func trendFlags(trends []analysis.Trend) []reports.TrendFlag {
	var out []reports.TrendFlag
	for _, t := range trends {
		for _, f := range t.Flags {
			switch f {
			case analysis.FlagDeclining, analysis.FlagImproving, analysis.FlagBelowBand:
				out = append(out, reports.TrendFlag{Partnership: t.Partnership, Dimension: t.Dimension, Wave: t.Latest, Flag: string(f)})
			}
		}
	}
	return out
}

// dumbbellCharts draws one before/after chart per compared scope (and group) that is
// shown: its dimensions and health, each side's mean with its CI, and the change.
func dumbbellCharts(run *reports.Run, opt reports.ChartOptions) ([]reports.Chart, error) {
	if run.Comparison == nil {
		return nil, nil
	}
	var sets []reports.DumbbellSet
	for _, sc := range run.Comparison.Scopes {
		if sc.Suppressed {
			continue
		}
		set := reports.DumbbellSet{Scope: reports.ScopeTitle(&sc)}
		for _, r := range sc.Rows {
			if r.Item != "" {
				continue
			}
			set.Rows = append(set.Rows, reports.DumbbellRow{
				Dimension: r.Dimension, Suppressed: r.Suppressed,
				Before: r.MeanBefore, BeforeLow: r.BeforeCILow, BeforeHigh: r.BeforeCIHigh,
				After: r.MeanAfter, AfterLow: r.AfterCILow, AfterHigh: r.AfterCIHigh,
				Change: r.Diff,
			})
		}
		sets = append(sets, set)
	}
	return reports.DumbbellCharts(run.Result, opt, sets)
}

// FontDirs are the folders searched for a Japanese font: the system's, then, when home
// is not empty, the user's font folders under home.
func FontDirs(home string) []string {
	dirs := slices.Clone(reports.FontDirs)
	if home != "" {
		dirs = append(dirs, filepath.Join(home, ".local", "share", "fonts"), filepath.Join(home, ".fonts"), filepath.Join(home, "Library", "Fonts"))
	}
	return dirs
}

package main

import (
	"os"
	"path/filepath"

	"renkei/reports"
)

// chartFiles prepares the charts of a run as files charts/<name>.svg and .png. The
// font is RENKEI_FONT when set; Japanese charts without it search the system's font
// folders, and fail with what to install when none is found. English charts need no
// font: gonum/plot brings its own.
func chartFiles(cfg Config, run *reports.Run) ([]outputFile, error) {
	font, err := chartFont(cfg)
	if err != nil {
		return nil, err
	}
	charts, err := reports.Charts(run.Result, reports.ChartOptions{Lang: cfg.Lang, Calendar: run.Calendar, Font: font})
	if err != nil {
		return nil, usagef("charts: %v", err)
	}
	var files []outputFile
	for _, ch := range charts {
		files = append(files,
			outputFile{"charts/" + ch.Name + ".svg", ch.WriteSVG},
			outputFile{"charts/" + ch.Name + ".png", ch.WritePNG},
		)
	}
	return files, nil
}

// chartFont loads RENKEI_FONT, or finds a Japanese font when the language is ja.
func chartFont(cfg Config) (*reports.ChartFont, error) {
	if cfg.Font != "" {
		f, err := reports.LoadChartFont(cfg.Font)
		if err != nil {
			return nil, usagef("RENKEI_FONT (--font): %v", err)
		}
		return f, nil
	}
	if cfg.Lang != "ja" {
		return nil, nil
	}
	dirs := reports.FontDirs
	if home, err := os.UserHomeDir(); err == nil {
		dirs = append(dirs[:len(dirs):len(dirs)], filepath.Join(home, ".local", "share", "fonts"), filepath.Join(home, ".fonts"), filepath.Join(home, "Library", "Fonts"))
	}
	f, err := reports.FindJapaneseFont(dirs)
	if err != nil {
		return nil, usagef("Japanese charts (RENKEI_LANG=ja): %v", err)
	}
	return f, nil
}

package run

import (
	"io"
	"time"

	"renkei/analysis"
	"renkei/survey"
)

// Version is the release of renkei; summary.json records it.
const Version = "0.1.0"

// Formats are the output formats this version writes, in the order of RENKEI_FORMATS'
// default.
var Formats = []string{"csv", "json", "md", "charts", "html", "pdf"}

// Options is every setting of a run, parsed and checked: cmd/renkei builds it once from
// the environment and the flags and reports every bad value; run trusts it.
type Options struct {
	Inputs   []string // responses files; the built-in sample when empty
	Codebook string   // codebook file; the built-in instrument when empty
	Out      string   // the output folder
	Lang     string   // en or ja
	MinGroup int      // k: the smallest group that shows statistics
	Encoding survey.Encoding
	Calendar survey.Calendar
	Columns  map[string]string // field → column (survey.ParseColumnMap)
	Formats  []string          // of Formats

	Bands       analysis.Bands
	Trends      analysis.TrendOptions
	Gate        analysis.GateRules
	Reliability analysis.ReliabilityOptions
	Gaps        analysis.GapOptions

	// CompareWaves compares the responses of wave Before with those of wave After;
	// without it the responses with a phase are compared.
	CompareWaves  bool
	Before, After survey.Wave

	Strict      bool    // with too many flawed rows, fail with a QualityError
	StrictShare float64 // the largest share of flawed rows Strict allows

	Font     string   // a TrueType font for chart text; searched for in FontDirs when empty and Lang is ja
	FontDirs []string // folders searched for a Japanese font

	Roster       string // roster file; with the built-in sample its roster
	Actions      string // suggested-actions file; the built-in practices when empty
	Organisation string // named on the report's cover
	// ReportPartnerships is how many partnerships the report details; 0 is every one.
	ReportPartnerships int

	Generated   time.Time // "now" for the outputs (SOURCE_DATE_EPOCH); zero records none
	StepSummary string    // a file summary.md is appended to (GITHUB_STEP_SUMMARY)
	// Terminal, when it is one, shows a progress bar while a large file is read.
	Terminal io.Writer
}

// wants reports whether format is among the formats to write.
func (o *Options) wants(format string) bool {
	for _, f := range o.Formats {
		if f == format {
			return true
		}
	}
	return false
}

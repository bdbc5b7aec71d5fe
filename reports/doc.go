// Package reports renders analysis results for people and programs: scores.csv,
// quality.csv, reliability.csv, summary.json, summary.md, compare.csv, charts
// (gonum/plot) as SVG and 300-DPI PNG, and the report as report.html and report.pdf
// (fpdf), in English or Japanese. The report is built once into a document of sections
// (report.go, one function per section) that each renderer lays out.
//
// Renderers take an io.Writer and a render-neutral analysis.Result; they compute no
// statistics. Rounding is theirs alone: CSV and JSON carry full float64 precision, and
// only renderings for people round. Text that came from the input is neutralised
// against spreadsheet formula injection in CSV (SafeText). A group suppressed for its
// size is written with its statistics empty, drawn in no chart, and shown in the report
// as "fewer than k responses"; text from the input is escaped in HTML and SVG.
package reports

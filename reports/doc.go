// Package reports renders analysis results for people and programs: scores.csv,
// quality.csv, reliability.csv, summary.json, summary.md, compare.csv, and charts
// (gonum/plot) as SVG and 300-DPI PNG.
//
// Renderers take an io.Writer and a render-neutral analysis.Result; they compute no
// statistics. Rounding is theirs alone: CSV and JSON carry full float64 precision, and
// only renderings for people round. Text that came from the input is neutralised
// against spreadsheet formula injection in CSV (SafeText). A group suppressed for its
// size is written with its statistics empty, and drawn in no chart.
package reports

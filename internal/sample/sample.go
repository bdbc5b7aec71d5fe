package sample

import (
	"embed"
	"io/fs"
)

// DefaultSeed is the seed the committed sample was generated with.
const DefaultSeed uint64 = 2026

// SampleFile is one generated file: Path is slash-separated and relative to
// this package's directory.
type SampleFile struct {
	Path string
	Data []byte
}

// Paths of the generated files, relative to this package's directory.
const (
	responsesPath  = "sample/responses.csv"
	exportSJISPath = "sample/export_sjis.csv"
	exportUTF8Path = "encoding/export_utf8.csv"
	beforePath     = "compare/before.csv"
	afterPath      = "compare/after.csv"
)

//go:embed sample/*.csv
var committed embed.FS

// Generate returns the sample files for seed, in this order:
// sample/responses.csv, sample/export_sjis.csv, encoding/export_utf8.csv,
// compare/before.csv, compare/after.csv, sample/roster.csv.
// The output is byte-identical for the same seed: it depends only on
// math/rand/v2 PCG streams derived from seed, never on map iteration order
// or the clock. Generate(DefaultSeed) is what the directory holds.
func Generate(seed uint64) []SampleFile {
	utf8Export := exportCSV(seed)
	return []SampleFile{
		{Path: responsesPath, Data: responsesCSV(seed)},
		{Path: exportSJISPath, Data: encodeShiftJIS(utf8Export)},
		{Path: exportUTF8Path, Data: utf8Export},
		{Path: beforePath, Data: cohortCSV(seed, phaseBefore)},
		{Path: afterPath, Data: cohortCSV(seed, phaseAfter)},
		{Path: rosterPath, Data: rosterCSV(seed)},
	}
}

// Roster returns the embedded committed sample roster, sample/roster.csv, which the
// built-in sample run reads when no roster is given. The data is a fresh copy.
func Roster() SampleFile {
	data, _ := fs.ReadFile(committed, rosterPath) // go:embed guarantees the file
	return SampleFile{Path: rosterPath, Data: data}
}

// Inputs returns the embedded committed files the built-in sample run reads,
// in this order: "sample/responses.csv", "sample/export_sjis.csv", as
// (path, data) pairs. The returned data is a fresh copy the caller may modify.
func Inputs() []SampleFile {
	paths := []string{responsesPath, exportSJISPath}
	files := make([]SampleFile, 0, len(paths))
	for _, p := range paths {
		data, err := fs.ReadFile(committed, p)
		if err != nil {
			// Unreachable: go:embed guarantees the files at build time.
			continue
		}
		files = append(files, SampleFile{Path: p, Data: data})
	}
	return files
}

package survey

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/gocarina/gocsv"
)

// maxTableBytes bounds a fixed-schema table (roster, actions): these are small files
// written by hand, and a larger one is almost certainly the wrong file.
const maxTableBytes = 16 << 20

// Cell limits of the fixed-schema tables. A cell is a name (an id, an organisation, a
// dimension, a band: at most maxNameBytes) or a sentence (a suggested action, a
// question: at most maxTextBytes). The tables' texts end up in every report page, chart
// label and JSON value that names them — a 10 MB action took 595 MB to render — so a
// longer cell is refused with its line and column rather than carried.
const (
	maxNameBytes = 1 << 10
	maxTextBytes = 4 << 10
)

// tableLimits bound one fixed-schema table beyond its size (maxTableBytes).
type tableLimits struct {
	rows     int            // data rows, at most
	rowsWhat string         // what a row is, for the message ("items", "rows")
	rowsHint string         // why the row limit, for the message
	cell     int            // bytes of a cell whose column is not in cells
	cells    map[string]int // bytes of a cell of the named column
}

// check returns the fault of rec, on line of file name (its header when header is
// nil), or nil.
func (lim tableLimits) check(name, what string, header, rec []string, line, rows int) error {
	if header != nil && rows > lim.rows {
		return &FileError{File: name, Line: line, Err: fmt.Errorf("the %s has more than %d %s; %s — is this the right file?", what, lim.rows, lim.rowsWhat, lim.rowsHint)}
	}
	for i, cell := range rec {
		limit, column := lim.cell, ""
		if i < len(header) {
			column = strings.TrimSpace(header[i])
			if l, ok := lim.cells[column]; ok {
				limit = l
			}
		}
		if len(cell) <= limit {
			continue
		}
		where := fmt.Sprintf("column %d", i+1)
		if column != "" {
			where += fmt.Sprintf(" (%s)", column)
		}
		if header == nil {
			where = fmt.Sprintf("header column %d", i+1)
		}
		return &FileError{File: name, Line: line, Err: fmt.Errorf("%s holds %d bytes; a cell of the %s holds at most %s — shorten it, or check that this is the right file", where, len(cell), what, byteSize(limit))}
	}
	return nil
}

// readTable reads a small fixed-schema CSV table (UTF-8 with or without BOM, or
// Shift_JIS) into rows of T with gocsv, within lim: its rows and cells are checked
// before gocsv (which allocates about fifty times a row) reads them. It checks that the header holds the required
// columns (trimmed, letter case significant, as gocsv matches them) and returns each
// row's line number, so that messages can name it. what names the table in messages;
// header is the full header to suggest.
func readTable[T any](r io.Reader, name, what, header string, required []string, lim tableLimits) ([]T, []int, error) {
	data, err := io.ReadAll(io.LimitReader(r, maxTableBytes+1))
	if err != nil {
		return nil, nil, &FileError{File: name, Err: err}
	}
	if len(data) > maxTableBytes {
		return nil, nil, &FileError{File: name, Err: fmt.Errorf("the %s is larger than %d MiB; is it the right file?", what, maxTableBytes>>20)}
	}
	text, _, err := decodeAll(data, EncodingAuto)
	if err != nil {
		return nil, nil, &FileError{File: name, Err: err}
	}
	if strings.TrimSpace(text) == "" {
		return nil, nil, &FileError{File: name, Err: fmt.Errorf("the %s is empty; it needs the header %s", what, header)}
	}
	var head []string
	records := 0
	head, lines, err := codebookLines(text, func(rec []string, line int) error {
		if head != nil {
			records++
		}
		err := lim.check(name, what, head, rec, line, records)
		if head == nil {
			head = slices.Clone(rec)
		}
		return err
	})
	var fe *FileError
	if errors.As(err, &fe) {
		return nil, nil, fe
	}
	if err != nil {
		fe := &FileError{File: name, Err: fmt.Errorf("not a readable CSV file: %w", err)}
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			fe.Line = pe.StartLine
		}
		return nil, nil, fe
	}
	have := map[string]int{}
	for _, f := range head {
		have[strings.TrimSpace(f)]++
	}
	var missing []string
	for _, c := range required {
		if have[c] == 0 {
			missing = append(missing, c)
		}
	}
	if len(missing) > 0 {
		return nil, nil, &FileError{File: name, Line: lines[0], Err: fmt.Errorf("the header lacks %s; a %s header is %s", strings.Join(missing, ", "), what, header)}
	}
	for _, c := range strings.Split(header, ",") {
		if have[c] > 1 {
			return nil, nil, &FileError{File: name, Line: lines[0], Err: fmt.Errorf("the header names %s twice", c)}
		}
	}
	var rows []T
	if err := gocsv.UnmarshalString(text, &rows); err != nil {
		return nil, nil, &FileError{File: name, Err: fmt.Errorf("not a readable CSV file: %w", err)}
	}
	rowLines := make([]int, len(rows))
	for i := range rows {
		rowLines[i] = i + 2
		if i+1 < len(lines) {
			rowLines[i] = lines[i+1]
		}
	}
	return rows, rowLines, nil
}

package survey

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/gocarina/gocsv"
)

// maxTableBytes bounds a fixed-schema table (roster, actions): these are small files
// written by hand, and a larger one is almost certainly the wrong file.
const maxTableBytes = 16 << 20

// readTable reads a small fixed-schema CSV table (UTF-8 with or without BOM, or
// Shift_JIS) into rows of T with gocsv. It checks that the header holds the required
// columns (trimmed, letter case significant, as gocsv matches them) and returns each
// row's line number, so that messages can name it. what names the table in messages;
// header is the full header to suggest.
func readTable[T any](r io.Reader, name, what, header string, required []string) ([]T, []int, error) {
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
	head, lines, err := codebookLines(text)
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

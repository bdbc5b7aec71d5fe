package reports

import (
	"bytes"
	"encoding/csv"
	"io"
	"sync"

	"renkei/internal/ordered"
	"renkei/survey"
)

// blockGroups is how many groups writeBlocks formats at a time (about 1,300 rows of
// scores.csv).
const blockGroups = 256

// writeBlocks writes a CSV table of n items (groups) in blocks of blockGroups: header
// first, then each block as format writes it (writePieces).
func writeBlocks(w io.Writer, header []string, n int, format func(first, last int, buf []byte) []byte) error {
	blocks := (n + blockGroups - 1) / blockGroups
	return writePieces(w, header, blocks, func(i int, buf []byte) []byte {
		return format(i*blockGroups, min((i+1)*blockGroups, n), buf)
	})
}

// writePieces writes a CSV table of n pieces: header first, then each piece as format
// writes it. Pieces are formatted on all processors at once, a few ahead of the one
// being written, and written in order, so the table is the same as one written row by
// row, in bounded memory.
func writePieces(w io.Writer, header []string, n int, format func(i int, buf []byte) []byte) error {
	var head bytes.Buffer
	cw := csv.NewWriter(&head)
	if err := cw.Write(header); err != nil {
		return err
	}
	cw.Flush()
	if _, err := w.Write(head.Bytes()); err != nil {
		return err
	}
	pool := sync.Pool{New: func() any { return []byte(nil) }}
	return ordered.Do(n, func(i int) []byte {
		return format(i, pool.Get().([]byte)[:0])
	}, func(_ int, buf []byte) error {
		_, err := w.Write(buf)
		pool.Put(buf) //nolint:staticcheck // a slice header is small
		return err
	})
}

// waveLabels labels waves by a calendar, each once: a block of a large table names the
// same few waves thousands of times.
type waveLabels struct {
	cal    survey.Calendar
	labels map[survey.Wave]string
}

func newWaveLabels(cal survey.Calendar) *waveLabels {
	return &waveLabels{cal: cal, labels: map[survey.Wave]string{}}
}

// of returns the label of w.
func (l *waveLabels) of(w survey.Wave) string {
	label, ok := l.labels[w]
	if !ok {
		label = l.cal.Label(w)
		l.labels[w] = label
	}
	return label
}

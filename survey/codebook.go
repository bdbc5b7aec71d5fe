package survey

import (
	"bytes"
	_ "embed"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/gocarina/gocsv"
)

// Scale limits. Answers are held as int8, and a scale of more than eleven points is not
// a Likert scale any more.
const (
	minScaleValue  = -50
	maxScaleValue  = 50
	maxScalePoints = 11
	// maxDimensionItems bounds the common denominator of dimension scores (the least
	// common multiple of the possible answered counts), which must stay a small integer.
	maxDimensionItems = 16
	// maxDimensions bounds the dimensions of a codebook, and with maxDimensionItems its
	// items (1,024). Every table, chart and report section has a column or a panel per
	// dimension; the report splits tables too wide for a page into parts, so 64
	// dimensions of 16 items still render (300 responses: about 5 s, 100 MiB). The
	// built-in instrument has 4; instruments in use have up to a dozen.
	maxDimensions = 64
	maxItems      = maxDimensions * maxDimensionItems
)

// codebookLimits bound a codebook CSV: one row per item, and cells of a name's length
// (ids, reverse, min, max: 1 KiB) or a question's (text_en, text_ja, header: 4 KiB).
var codebookLimits = tableLimits{
	rows: maxItems, rowsWhat: "items", rowsHint: fmt.Sprintf("at most %d dimensions of %d items are supported", maxDimensions, maxDimensionItems),
	cell:  maxNameBytes,
	cells: map[string]int{"text_en": maxTextBytes, "text_ja": maxTextBytes, "header": maxTextBytes},
}

// Item is one question of the instrument.
type Item struct {
	ID        string // stable id, also the default column name (e.g. "trust2")
	Dimension string // id of the dimension the item belongs to
	Reverse   bool   // reverse-worded: scored as Min+Max−answer
	Min, Max  int    // the answer scale, inclusive
	TextEN    string // question text in English
	TextJA    string // question text in Japanese
	Header    string // optional column title in form-tool exports
}

// Score returns the item's answer after reverse-coding.
func (it Item) Score(answer int) int {
	if it.Reverse {
		return it.Min + it.Max - answer
	}
	return answer
}

// Dimension is a group of items scored together.
type Dimension struct {
	ID     string
	NameEN string
	NameJA string
	Items  []int // indices into Codebook.Items, in codebook order
}

// Name returns the dimension's display name in lang ("en" or "ja").
func (d Dimension) Name(lang string) string {
	if lang == "ja" {
		return d.NameJA
	}
	return d.NameEN
}

// Codebook is an instrument: its items, their dimensions and the answer scale.
//
// All items share one scale: a dimension score or a health index that averaged a
// 1–5 item with a 1–7 item would mean nothing, so ReadCodebook rejects mixed scales.
type Codebook struct {
	Items      []Item
	Dimensions []Dimension
	Min, Max   int // the common answer scale
	Builtin    bool
}

// Points returns the number of points on the answer scale.
func (cb *Codebook) Points() int { return cb.Max - cb.Min + 1 }

// Dimension returns the index of the dimension with the given id, or −1.
func (cb *Codebook) Dimension(id string) int {
	for i, d := range cb.Dimensions {
		if d.ID == id {
			return i
		}
	}
	return -1
}

// builtinDimensionNames gives display names to the built-in dimension ids; a custom
// codebook that reuses these ids gets the same names, any other id is its own name.
var builtinDimensionNames = map[string][2]string{
	"communication": {"Communication", "コミュニケーション"},
	"trust":         {"Trust", "信頼"},
	"role_clarity":  {"Role clarity", "役割の明確さ"},
	"shared_goals":  {"Shared goals", "目標の共有"},
}

//go:embed builtin_codebook.csv
var builtinCodebookCSV []byte

// BuiltinCodebook returns the built-in instrument: four dimensions (communication,
// trust, role clarity, shared goals) of four items each on a 1–5 scale, one
// reverse-worded item in each of the first three.
func BuiltinCodebook() *Codebook {
	cb, err := ReadCodebook(bytes.NewReader(builtinCodebookCSV), "built-in codebook")
	if err != nil {
		panic("survey: built-in codebook is invalid: " + err.Error()) // a build defect, not user data
	}
	cb.Builtin = true
	return cb
}

// BuiltinCodebookCSV returns the built-in instrument in codebook CSV form, a starting
// point for a custom codebook.
func BuiltinCodebookCSV() []byte { return bytes.Clone(builtinCodebookCSV) }

// codebookRow is one row of a codebook CSV, read as text so that every value can be
// checked with a message that names its line.
type codebookRow struct {
	Item      string `csv:"item"`
	Dimension string `csv:"dimension"`
	Reverse   string `csv:"reverse"`
	Min       string `csv:"min"`
	Max       string `csv:"max"`
	TextEN    string `csv:"text_en"`
	TextJA    string `csv:"text_ja"`
	Header    string `csv:"header"`
}

// codebookColumns are the columns a codebook needs; codebookHeader is its whole header.
var codebookColumns = []string{"item", "dimension", "reverse", "min", "max"}

const codebookHeader = "item,dimension,reverse,min,max,text_en,text_ja,header"

// ReadCodebook reads a codebook CSV with header
// item,dimension,reverse,min,max,text_en,text_ja,header (the last three optional).
// Dimensions appear in the order of their first item. name is used in error messages.
func ReadCodebook(r io.Reader, name string) (*Codebook, error) {
	rows, lines, err := readTable[codebookRow](r, name, "codebook", codebookHeader, codebookColumns, codebookLimits)
	if err != nil {
		return nil, err
	}
	cb := &Codebook{}
	seen := map[string]int{}
	for i, row := range rows {
		line := lines[i]
		it, err := row.item()
		if err != nil {
			return nil, &FileError{File: name, Line: line, Err: err}
		}
		if prev, ok := seen[strings.ToLower(it.ID)]; ok {
			return nil, &FileError{File: name, Line: line, Err: fmt.Errorf("item %q is listed twice (first on line %d); each item belongs to exactly one dimension", it.ID, prev)}
		}
		seen[strings.ToLower(it.ID)] = line
		if len(cb.Items) == 0 {
			cb.Min, cb.Max = it.Min, it.Max
		} else if it.Min != cb.Min || it.Max != cb.Max {
			return nil, &FileError{File: name, Line: line, Err: fmt.Errorf("item %q uses the scale %d–%d but earlier items use %d–%d; all items must share one scale", it.ID, it.Min, it.Max, cb.Min, cb.Max)}
		}
		d := cb.Dimension(it.Dimension)
		if d < 0 {
			names, ok := builtinDimensionNames[it.Dimension]
			if !ok {
				names = [2]string{it.Dimension, it.Dimension}
			}
			if len(cb.Dimensions) == maxDimensions {
				return nil, &FileError{File: name, Line: line, Err: fmt.Errorf("item %q opens a dimension beyond the %d supported (%q); merge dimensions, or split the instrument into two codebooks and runs", it.ID, maxDimensions, it.Dimension)}
			}
			cb.Dimensions = append(cb.Dimensions, Dimension{ID: it.Dimension, NameEN: names[0], NameJA: names[1]})
			d = len(cb.Dimensions) - 1
		}
		cb.Dimensions[d].Items = append(cb.Dimensions[d].Items, len(cb.Items))
		cb.Items = append(cb.Items, it)
	}
	if len(cb.Items) == 0 {
		return nil, &FileError{File: name, Err: errors.New("the codebook has a header but no items")}
	}
	for _, d := range cb.Dimensions {
		if len(d.Items) > maxDimensionItems {
			return nil, &FileError{File: name, Err: fmt.Errorf("dimension %q has %d items; at most %d are supported — split it into two dimensions", d.ID, len(d.Items), maxDimensionItems)}
		}
	}
	if err := checkHeaderTexts(cb); err != nil {
		return nil, &FileError{File: name, Err: err}
	}
	return cb, nil
}

// codebookLines reads text as gocsv does (encoding/csv with its defaults) and returns
// the header and the line on which each record starts: blank lines and quoted cells
// that span lines make record and line numbers differ. check, when not nil, is called
// with each record and its line, and stops the read with its error.
func codebookLines(text string, check func(rec []string, line int) error) (header []string, lines []int, err error) {
	cr := csv.NewReader(strings.NewReader(text))
	cr.ReuseRecord = true
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return header, lines, nil
		}
		if err != nil {
			return nil, nil, err
		}
		line, _ := cr.FieldPos(0)
		if check != nil {
			if err := check(rec, line); err != nil {
				return nil, nil, err
			}
		}
		if header == nil {
			header = slices.Clone(rec)
		}
		lines = append(lines, line)
	}
}

func (row codebookRow) item() (Item, error) {
	it := Item{
		ID:        strings.TrimSpace(row.Item),
		Dimension: strings.TrimSpace(row.Dimension),
		TextEN:    strings.TrimSpace(row.TextEN),
		TextJA:    strings.TrimSpace(row.TextJA),
		Header:    strings.TrimSpace(row.Header),
	}
	if it.ID == "" {
		return it, errors.New("the item id is empty")
	}
	if isReservedColumn(it.ID) {
		return it, fmt.Errorf("item id %q is a reserved column name; choose another id", it.ID)
	}
	if it.Dimension == "" {
		return it, fmt.Errorf("item %q has no dimension", it.ID)
	}
	if strings.EqualFold(it.Dimension, HealthDimension) {
		return it, fmt.Errorf("item %q: %q is reserved for the health index; choose another dimension id", it.ID, it.Dimension)
	}
	switch strings.ToLower(strings.TrimSpace(row.Reverse)) {
	case "true", "1", "yes", "y":
		it.Reverse = true
	case "false", "0", "no", "n", "":
	default:
		return it, fmt.Errorf("item %q: reverse is %q; write true or false", it.ID, row.Reverse)
	}
	var err error
	if it.Min, err = scaleBound(it.ID, "min", row.Min); err != nil {
		return it, err
	}
	if it.Max, err = scaleBound(it.ID, "max", row.Max); err != nil {
		return it, err
	}
	if it.Min >= it.Max {
		return it, fmt.Errorf("item %q: min %d is not below max %d", it.ID, it.Min, it.Max)
	}
	if it.Max-it.Min+1 > maxScalePoints {
		return it, fmt.Errorf("item %q: the scale %d–%d has %d points; at most %d are supported", it.ID, it.Min, it.Max, it.Max-it.Min+1, maxScalePoints)
	}
	return it, nil
}

func scaleBound(item, field, s string) (int, error) {
	v, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil {
		return 0, fmt.Errorf("item %q: %s is %q; write a whole number", item, field, s)
	}
	if v < minScaleValue || v > maxScaleValue {
		return 0, fmt.Errorf("item %q: %s %d is outside %d…%d", item, field, v, minScaleValue, maxScaleValue)
	}
	return v, nil
}

// checkHeaderTexts rejects a codebook in which two items would match the same column.
func checkHeaderTexts(cb *Codebook) error {
	owner := map[string]string{}
	for _, it := range cb.Items {
		for _, h := range it.headerKeys() {
			if prev, ok := owner[h]; ok && prev != it.ID {
				return fmt.Errorf("items %q and %q share the column title %q; give each a distinct header", prev, it.ID, h)
			}
			owner[h] = it.ID
		}
	}
	return nil
}

// headerKeys returns the normalised column titles that identify the item: its id, its
// header and its question texts (form exports use the question as the column title).
func (it Item) headerKeys() []string {
	var keys []string
	for _, s := range []string{it.ID, it.Header, it.TextJA, it.TextEN} {
		if k := normalizeHeader(s); k != "" && !contains(keys, k) {
			keys = append(keys, k)
		}
	}
	return keys
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// WriteCodebookCSV writes cb in codebook CSV form.
func WriteCodebookCSV(w io.Writer, cb *Codebook) error {
	rows := make([]codebookRow, len(cb.Items))
	for i, it := range cb.Items {
		rows[i] = codebookRow{
			Item: it.ID, Dimension: it.Dimension, Reverse: strconv.FormatBool(it.Reverse),
			Min: strconv.Itoa(it.Min), Max: strconv.Itoa(it.Max),
			TextEN: it.TextEN, TextJA: it.TextJA, Header: it.Header,
		}
	}
	return gocsv.Marshal(rows, w)
}

// To100 maps a score on the answer scale to 0–100 (the scale minimum is 0, its maximum 100).
func (cb *Codebook) To100(v float64) float64 {
	return (v - float64(cb.Min)) / float64(cb.Max-cb.Min) * 100
}

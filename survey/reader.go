package survey

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/width"
)

// Fields of a response besides its answers. Each is read from the column of the same
// name unless a column mapping names another.
const (
	FieldPartnership = "partnership"
	FieldWave        = "wave"
	FieldRespondent  = "respondent"
	FieldOrg         = "org"
	FieldPartner     = "partner"
	FieldRole        = "role"
	FieldPhase       = "phase"
	FieldSubmittedAt = "submitted_at"
	FieldGroup       = "group" // comparison group of a before/after design, e.g. trained / untrained
)

// HealthDimension is the id under which results report the health index.
const HealthDimension = "health"

// Fields lists the response fields in column-mapping order.
var Fields = []string{FieldPartnership, FieldWave, FieldRespondent, FieldOrg, FieldPartner, FieldRole, FieldPhase, FieldSubmittedAt, FieldGroup}

const (
	fPartnership = iota
	fWave
	fRespondent
	fOrg
	fPartner
	fRole
	fPhase
	fSubmittedAt
	fGroup
	numFields
)

func isReservedColumn(id string) bool {
	for _, f := range Fields {
		if strings.EqualFold(id, f) {
			return true
		}
	}
	return false
}

// ParseColumnMap reads a column mapping such as
// "partnership=partnership_id,respondent=respondent_id": field=column pairs.
func ParseColumnMap(s string) (map[string]string, error) {
	m := map[string]string{}
	for _, pair := range strings.Split(s, ",") {
		if strings.TrimSpace(pair) == "" {
			continue
		}
		field, column, ok := strings.Cut(pair, "=")
		field, column = strings.ToLower(strings.TrimSpace(field)), strings.TrimSpace(column)
		if !ok || column == "" {
			return nil, fmt.Errorf("%q is not field=column", pair)
		}
		if !isReservedColumn(field) {
			return nil, fmt.Errorf("unknown field %q; the fields are %s", field, strings.Join(Fields, ", "))
		}
		m[field] = column
	}
	return m, nil
}

// Phase says whether a response was given before or after an intervention.
type Phase uint8

// Phases. PhaseNone is an ordinary survey response.
const (
	PhaseNone Phase = iota
	PhaseBefore
	PhaseAfter
)

func (p Phase) String() string {
	switch p {
	case PhaseBefore:
		return "before"
	case PhaseAfter:
		return "after"
	}
	return ""
}

func parsePhase(s string) (Phase, bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "":
		return PhaseNone, true
	case "before", "pre", "事前":
		return PhaseBefore, true
	case "after", "post", "事後":
		return PhaseAfter, true
	}
	return PhaseNone, false
}

// Response is one accepted questionnaire.
type Response struct {
	Line        int    // line of the row in its file
	Partnership string // the partnership rated
	Wave        Wave
	Respondent  string // pseudonymous id; used only to pair before/after answers
	Org         string // the respondent's organisation
	Partner     string // the organisation rated, for directed views
	Role        string
	Phase       Phase
	Group       string // comparison group (e.g. trained / untrained) for a difference-in-differences
	SubmittedAt string // as written in the file
	Answers     []int8 // one per codebook item, in codebook order; Missing when unanswered
}

// ReadOptions configure a responses Reader.
type ReadOptions struct {
	Encoding Encoding          // EncodingAuto (the default) detects UTF-8 or Shift_JIS
	Columns  map[string]string // field → column title, for files with other column names
	Calendar Calendar          // how wave labels and dates are read
	Quality  *QualityChecker   // when set, checks every accepted response (quality.go)
	// Keys interns the key columns of ReadAll's batches; share one among the files of a
	// run. The Quality checker's own keys when it is set; a new set when neither is.
	Keys *Keys
	// Progress, when set, is told from time to time during ReadAll how many bytes of
	// the file have been read, of how many (0 when unknown). It may be called from
	// several goroutines at once.
	Progress func(read, total int64)
	// Skip lists lines of the file, in increasing order, whose rows are read and
	// checked as any other but not handed on by Read or ReadAll: the later places of
	// duplicate rows (QualityChecker.Duplicates), when the file is read again so that
	// only the first place of each is scored.
	Skip []int
}

// Reader streams the responses of one CSV file. Rows that cannot be used, and cells
// that cannot be read, become Problems; only a fault of the whole file (no header,
// required column missing, broken quoting, wrong encoding) is an error.
type Reader struct {
	name     string
	cb       *Codebook
	csv      *csv.Reader
	enc      Encoding
	fieldCol [numFields]int // column index of each field, −1 when absent
	itemCol  []int          // column index of each codebook item, −1 when absent
	header   []string
	answers  *answerParser
	calendar Calendar
	quality  *QualityChecker
	problems []Problem
	labels   []labelNotes // per item column: answers written as labels
	resp     Response
	rows     int
	rejected int
	keys     *Keys
	lastPW   uint32 // partnership × wave id of the response Read returned last
	lineBase int    // lines before the csv reader's first line (when it starts mid-file)

	// The fast path (fastpath.go): set when the file can be read at any offset.
	src       io.ReaderAt
	size      int64
	dataStart int64 // offset of the first byte after the header
	dataLine  int   // line number of the first line after the header
	columns   int   // columns of the header
	patterns  *patternTallies
	fastRows  int // rows the fast path read
	progress  func(read, total int64)
	skip      []int // ReadOptions.Skip
	skipAt    int   // the general path's place in skip
}

// NewReader reads the header of a responses file and returns a Reader positioned at its
// first row. name identifies the file in problems and errors.
func NewReader(r io.Reader, name string, cb *Codebook, opt ReadOptions) (*Reader, error) {
	src, size, random := sizedReaderAt(r)
	if random {
		r = io.NewSectionReader(src, 0, size)
	}
	text, enc, err := newTextReader(r, opt.Encoding)
	if err != nil {
		return nil, &FileError{File: name, Err: err}
	}
	br := bufio.NewReaderSize(text, detectSpan)
	delim := detectDelimiter(br)
	cr := newCSVReader(br, delim)
	rd := &Reader{
		name:     name,
		cb:       cb,
		csv:      cr,
		enc:      enc,
		answers:  newAnswerParser(cb),
		calendar: opt.Calendar,
		quality:  opt.Quality,
		resp:     Response{Answers: make([]int8, len(cb.Items))},
		labels:   make([]labelNotes, len(cb.Items)),
		keys:     opt.Keys,
		progress: opt.Progress,
		skip:     opt.Skip,
	}
	if opt.Quality != nil {
		rd.keys = opt.Quality.keys
	}
	if rd.keys == nil {
		rd.keys = NewKeys()
	}
	if err := rd.readHeader(opt); err != nil {
		return nil, err
	}
	rd.columns = len(rd.header)
	rd.patterns = newPatternTallies(cb)
	if line, _ := cr.FieldPos(0); random && line == 1 {
		if start, lines, ok := locateData(src, size); ok {
			rd.src, rd.size, rd.dataStart, rd.dataLine = src, size, start, lines+1
		}
	}
	if delim != ',' {
		rd.problem(0, 0, SeverityInfo, CodeDelimiter, "the file is separated by %s, not commas; it is read as such", delimiterNames[delim])
	}
	return rd, nil
}

// newCSVReader returns a reader of the rows of text that stops at a row longer than
// maxRowBytes (rowLimiter) instead of buffering it whole.
func newCSVReader(text io.Reader, delim rune) *csv.Reader {
	cr := csv.NewReader(newRowLimiter(text, delim))
	cr.Comma = delim
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	return cr
}

// Limits that tell a survey export from something else. A file beyond them is refused
// whole, before it can exhaust memory.
const (
	maxColumns   = 2000
	maxCellBytes = 64 << 10
)

var delimiterNames = map[rune]string{',': "commas", ';': "semicolons", '\t': "tabs"}

// detectDelimiter reads the header line and returns the delimiter it uses: a comma,
// unless the line has more semicolons or tabs (outside quotes) than commas, as
// spreadsheets in some locales export them.
func detectDelimiter(br *bufio.Reader) rune {
	head, _ := br.Peek(detectSpan)
	if i := bytes.IndexByte(head, '\n'); i >= 0 {
		head = head[:i]
	}
	counts := map[rune]int{}
	quoted := false
	for _, b := range head {
		switch {
		case b == '"':
			quoted = !quoted
		case !quoted && (b == ',' || b == ';' || b == '\t'):
			counts[rune(b)]++
		}
	}
	best := ','
	for _, d := range []rune{';', '\t'} {
		if counts[d] > counts[best] {
			best = d
		}
	}
	return best
}

// Encoding returns the encoding the file is read in.
func (r *Reader) Encoding() Encoding { return r.enc }

// Problems returns the problems found so far, in file order.
func (r *Reader) Problems() []Problem { return r.problems }

// Rows returns the number of data rows read so far, and how many of them were rejected.
func (r *Reader) Rows() (read, rejected int) { return r.rows, r.rejected }

func (r *Reader) fileError(line int, format string, args ...any) error {
	return &FileError{File: r.name, Line: line, Err: fmt.Errorf(format, args...)}
}

func (r *Reader) problem(line, col int, sev Severity, code, format string, args ...any) {
	r.problems = append(r.problems, Problem{File: r.name, Line: line, Column: col, Severity: sev, Code: code, Message: fmt.Sprintf(format, args...)})
}

// normalizeHeader folds a column title for matching: full-width forms narrowed, white
// space collapsed, letter case ignored.
func normalizeHeader(s string) string {
	return strings.ToLower(strings.Join(strings.Fields(width.Fold.String(s)), " "))
}

func (r *Reader) readHeader(opt ReadOptions) error {
	rec, err := r.csv.Read()
	if errors.Is(err, io.EOF) {
		return r.fileError(0, "the file is empty; it needs a header row with at least %s and %s columns", FieldPartnership, FieldWave)
	}
	if err != nil {
		return r.csvError(err)
	}
	if err := r.checkText(rec, 1); err != nil {
		return err
	}
	if len(rec) > maxColumns {
		return r.fileError(1, "the header has %d columns; a survey export has at most %d — is this the right file?", len(rec), maxColumns)
	}
	r.header = make([]string, len(rec))
	byTitle := map[string]int{}
	for i, title := range rec {
		r.header[i] = strings.TrimSpace(title)
		key := normalizeHeader(title)
		if key == "" {
			continue
		}
		if prev, ok := byTitle[key]; ok {
			return r.fileError(1, "columns %d and %d are both titled %q; rename one of them", prev+1, i+1, r.header[i])
		}
		byTitle[key] = i
	}
	used := make([]bool, len(rec))
	for f, field := range Fields {
		title := field
		if t, ok := opt.Columns[field]; ok {
			title = t
		}
		r.fieldCol[f] = -1
		if i, ok := byTitle[normalizeHeader(title)]; ok {
			r.fieldCol[f] = i
			used[i] = true
		}
	}
	r.itemCol = make([]int, len(r.cb.Items))
	found := 0
	for j, it := range r.cb.Items {
		r.itemCol[j] = -1
		for _, key := range it.headerKeys() {
			if i, ok := byTitle[key]; ok && !used[i] {
				r.itemCol[j] = i
				used[i] = true
				found++
				break
			}
		}
	}
	if err := r.checkRequired(opt); err != nil {
		return err
	}
	if found == 0 {
		return r.fileError(1, "no column matches an item of the codebook (e.g. %q); check that the file and the codebook belong together", r.cb.Items[0].ID)
	}
	for j, it := range r.cb.Items {
		if r.itemCol[j] < 0 {
			r.problem(1, 0, SeverityWarning, CodeMissingItemColumn, "the file has no column for item %s; its answers count as missing", it.ID)
		}
	}
	for i, title := range r.header {
		if !used[i] && title != "" {
			r.problem(1, i+1, SeverityInfo, CodeUnknownColumn, "column %q is not a codebook item or a known field; it is ignored", title)
		}
	}
	return nil
}

func (r *Reader) checkRequired(opt ReadOptions) error {
	need := func(f int, field string) error {
		if r.fieldCol[f] >= 0 {
			return nil
		}
		title := field
		if t, ok := opt.Columns[field]; ok {
			title = t
		}
		return r.fileError(1, "no %q column (the header has %s); name the column that holds the %s with RENKEI_COLUMNS, e.g. %s=<its title>",
			title, quoteList(r.header), field, field)
	}
	if err := need(fWave, FieldWave); err != nil {
		return err
	}
	if r.fieldCol[fPartnership] < 0 && (r.fieldCol[fOrg] < 0 || r.fieldCol[fPartner] < 0) {
		return need(fPartnership, FieldPartnership)
	}
	return nil
}

func quoteList(titles []string) string {
	const most = 12
	q := make([]string, 0, most+1)
	for i, t := range titles {
		if i == most {
			q = append(q, fmt.Sprintf("… %d more", len(titles)-most))
			break
		}
		q = append(q, fmt.Sprintf("%q", t))
	}
	return strings.Join(q, ", ")
}

func (r *Reader) csvError(err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		line := pe.StartLine + r.lineBase
		return &FileError{File: r.name, Line: line, Err: fmt.Errorf("broken CSV quoting from line %d (%v); every opening quote needs a closing quote", line, pe.Err)}
	}
	var long *RowTooLongError
	if errors.As(err, &long) {
		return &FileError{File: r.name, Line: long.Line + r.lineBase, Err: err}
	}
	return &FileError{File: r.name, Err: err}
}

// checkText stops the run when a row shows the file is not the text it was read as.
func (r *Reader) checkText(rec []string, line int) error {
	for i, s := range rec {
		if len(s) > maxCellBytes {
			return r.fileError(line, "column %d holds %d KiB of text; a survey answer is far shorter — is this the right file?", i+1, len(s)>>10)
		}
		if strings.IndexByte(s, 0) >= 0 {
			return r.fileError(line, "column %d holds a NUL byte: this is not a CSV text file", i+1)
		}
		if r.enc == EncodingShiftJIS && strings.ContainsRune(s, utf8.RuneError) {
			return r.fileError(line, "column %d is not valid Shift_JIS text; save the file again as CSV (UTF-8 or Shift_JIS) without mixing encodings", i+1)
		}
		if !utf8.ValidString(s) {
			return r.fileError(line, "column %d is not valid UTF-8 text; if Excel saved the file in Japanese, set RENKEI_ENCODING=shift_jis, or save it as CSV UTF-8", i+1)
		}
	}
	return nil
}

// Read returns the next accepted response, or io.EOF after the last row. The Response
// and its Answers are reused by the next call; copy what you keep. A non-EOF error
// means the file cannot be read further.
func (r *Reader) Read() (*Response, error) {
	for {
		rec, err := r.csv.Read()
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) && errors.Is(pe.Err, csv.ErrBareQuote) {
				r.rows++
				r.rejected++
				// pe.Column is a byte offset; rec holds the cells before the broken one.
				r.problem(pe.StartLine+r.lineBase, len(rec)+1, SeverityError, CodeBadQuote, "a quote inside an unquoted cell; the row is skipped (quote the whole cell, doubling the quote inside)")
				continue
			}
			if errors.Is(err, io.EOF) {
				if r.rows == 0 {
					return nil, r.fileError(0, "the file has a header but no responses")
				}
				if err := r.finish(); err != nil {
					return nil, err
				}
				return nil, io.EOF
			}
			return nil, r.csvError(err)
		}
		line, _ := r.csv.FieldPos(0)
		line += r.lineBase
		if blankRecord(rec) {
			continue
		}
		if err := r.checkText(rec, line); err != nil {
			return nil, err
		}
		r.rows++
		first := len(r.problems)
		if r.parseRow(rec, line) {
			r.lastPW = r.pw(&r.resp)
			if r.quality != nil {
				r.quality.check(r.name, &r.resp, r.lastPW, r.problems[first:])
			}
			if r.skipped(line) {
				continue
			}
			return &r.resp, nil
		}
		r.rejected++
	}
}

// skipped reports whether the row on line is one of ReadOptions.Skip. The general path
// reads lines in increasing order, so it walks the list once.
func (r *Reader) skipped(line int) bool {
	for r.skipAt < len(r.skip) && r.skip[r.skipAt] < line {
		r.skipAt++
	}
	return r.skipAt < len(r.skip) && r.skip[r.skipAt] == line
}

// pw returns the partnership × wave id of resp.
func (r *Reader) pw(resp *Response) uint32 {
	r.keys.mu.Lock()
	defer r.keys.mu.Unlock()
	return r.keys.pwID(r.keys.intern(KeyPartnership, resp.Partnership), int32(resp.Wave.Index()))
}

func blankRecord(rec []string) bool {
	for _, s := range rec {
		if strings.TrimSpace(s) != "" {
			return false
		}
	}
	return true
}

func (r *Reader) cell(rec []string, col int) string {
	if col < 0 || col >= len(rec) {
		return ""
	}
	return rec[col]
}

// parseRow fills r.resp from rec and reports whether the row is usable.
func (r *Reader) parseRow(rec []string, line int) bool {
	if len(rec) < len(r.header) {
		r.problem(line, 0, SeverityWarning, CodeShortRow, "the row has %d cells but the header has %d columns; the missing cells count as unanswered", len(rec), len(r.header))
	} else if len(rec) > len(r.header) {
		r.problem(line, len(r.header)+1, SeverityWarning, CodeLongRow, "the row has %d cells but the header has %d columns; the extra cells are ignored (an unquoted comma inside a cell?)", len(rec), len(r.header))
	}
	resp := &r.resp
	resp.Line = line
	field := func(f int) string { return strings.TrimSpace(r.cell(rec, r.fieldCol[f])) }
	resp.Org, resp.Partner = field(fOrg), field(fPartner)
	resp.Respondent, resp.Role = field(fRespondent), field(fRole)
	resp.SubmittedAt = field(fSubmittedAt)
	resp.Partnership = field(fPartnership)
	if resp.Partnership == "" && r.fieldCol[fPartnership] < 0 {
		resp.Partnership = pairName(resp.Org, resp.Partner)
	}
	if resp.Partnership == "" {
		r.problem(line, r.fieldCol[fPartnership]+1, SeverityError, CodeMissingPartnership, "the partnership is empty; the row is skipped")
		return false
	}
	w, err := r.calendar.ParseWave(r.cell(rec, r.fieldCol[fWave]))
	if err != nil {
		r.problem(line, r.fieldCol[fWave]+1, SeverityError, CodeBadWave, "the wave is %v; the row is skipped", strings.TrimPrefix(err.Error(), errWave.Error()+": "))
		return false
	}
	resp.Wave = w
	phase, ok := parsePhase(field(fPhase))
	if !ok {
		r.problem(line, r.fieldCol[fPhase]+1, SeverityWarning, CodeBadPhase, "phase %q is neither before nor after; it is ignored", field(fPhase))
	}
	resp.Phase = phase
	resp.Group = field(fGroup)
	for j, col := range r.itemCol {
		resp.Answers[j] = r.answer(rec, line, j, col)
	}
	return true
}

// pairName names a partnership after its two sides when a file has no partnership
// column: the two organisation names in sorted order.
func pairName(a, b string) string {
	if a == "" || b == "" {
		return ""
	}
	if b < a {
		a, b = b, a
	}
	return a + " × " + b
}

func (r *Reader) answer(rec []string, line, item, col int) int8 {
	if col < 0 {
		return Missing
	}
	cell := r.cell(rec, col)
	v, kind := r.answers.parse(cell)
	id := r.cb.Items[item].ID
	switch kind {
	case answerNumber:
		r.labels[item].numbers++
	case answerLabel:
		r.labels[item].note(Problem{File: r.name, Line: line, Column: col + 1, Severity: SeverityInfo, Code: CodeLabelAnswer,
			Message: fmt.Sprintf("%s: the answer %q is a scale label among numbers, read as %d", id, strings.TrimSpace(cell), v)})
	case answerWide:
		r.problem(line, col+1, SeverityInfo, CodeWideDigit, "%s: the answer %q is in full-width digits, read as %d", id, strings.TrimSpace(cell), v)
	case answerOutOfRange:
		r.problem(line, col+1, SeverityError, CodeOutOfRange, "%s: the answer %q is outside the scale %d–%d; it counts as unanswered", id, strings.TrimSpace(cell), r.cb.Min, r.cb.Max)
	case answerInvalid:
		r.problem(line, col+1, SeverityError, CodeBadAnswer, "%s: the answer %q is not %s; it counts as unanswered", id, truncate(strings.TrimSpace(cell), 40), r.answers.describeScale())
	}
	return v
}

func truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n]) + "…"
}

// maxLabelNotes is how many label answers of one column are listed one by one.
const maxLabelNotes = 20

// labelNotes collects the answers of one column written as scale labels. A column of
// labels only is how form tools export, and worth one note for the file; labels mixed
// into a column of numbers suggest hand edits, and are listed.
type labelNotes struct {
	numbers int
	labels  int
	first   []Problem // the first maxLabelNotes
}

func (n *labelNotes) note(p Problem) {
	n.labels++
	if len(n.first) < maxLabelNotes {
		n.first = append(n.first, p)
	}
}

// finish adds the problems that are known only at the end of the file, and puts all
// problems in line and column order. On one line and column, problems of the row's
// cells come first, then the quality checks' findings (straight-lining, duplicate, too
// few answers), then notes on labels, then the notes that count unlisted findings.
func (r *Reader) finish() error {
	labelOnly := 0
	for j, n := range r.labels {
		switch {
		case n.labels == 0:
		case n.numbers == 0:
			labelOnly++
		default:
			r.problems = append(r.problems, n.first...)
			if more := n.labels - len(n.first); more > 0 {
				last := n.first[len(n.first)-1]
				r.problem(last.Line, last.Column, SeverityInfo, CodeLabelAnswer, "%s: %d more answers after this line are scale labels among numbers, read as their values", r.cb.Items[j].ID, more)
			}
		}
	}
	if labelOnly > 0 {
		r.problem(0, 0, SeverityInfo, CodeLabelAnswer, "answers in %d columns are written as scale labels (as form tools export them), read as their values", labelOnly)
	}
	r.labels = nil
	var notes []Problem
	if r.quality != nil {
		listed, n, err := r.quality.fileDone(r.name)
		if err != nil {
			return err
		}
		r.problems = append(r.problems, listed...)
		notes = n
	}
	sort.SliceStable(r.problems, func(i, j int) bool {
		a, b := r.problems[i], r.problems[j]
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.Column != b.Column {
			return a.Column < b.Column
		}
		return problemRank(a.Code) < problemRank(b.Code)
	})
	if len(notes) > 0 {
		merged := make([]Problem, 0, len(r.problems)+len(notes))
		i := 0
		for _, note := range notes { // in line order already, by code within a line
			for i < len(r.problems) && (r.problems[i].Line < note.Line || r.problems[i].Line == note.Line && r.problems[i].Column == 0) {
				merged = append(merged, r.problems[i])
				i++
			}
			merged = append(merged, note)
		}
		r.problems = append(merged, r.problems[i:]...)
	}
	return nil
}

// problemRank orders the problems of one line and column by when the general reader
// finds them.
func problemRank(code string) int {
	switch code {
	case CodeStraightLining:
		return 1
	case CodeDuplicate:
		return 2
	case CodeTooFewAnswers:
		return 3
	case CodeLabelAnswer:
		return 4
	}
	return 0
}

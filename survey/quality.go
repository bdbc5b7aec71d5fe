package survey

import (
	"fmt"
	"math"
	"sort"
	"strings"
)

// Problem codes of the quality checks across a response's answers and across
// responses (see QualityChecker).
const (
	CodeStraightLining = "straight_lining" // the same answer to every item, reverse-worded ones included
	CodeDuplicate      = "duplicate"       // a second submission of the same respondent, or an identical row
	CodeTooFewAnswers  = "too_few_answers" // a dimension has too few answers to score
)

// flaggedCodes are the problems that make a response count as flawed for the share of
// flawed responses (QualityCounts.Flagged, and the strict setting's limit): answers lost
// or doubtful, or the response itself doubtful. Notes on how a cell was read (labels,
// full-width digits) and on the file's columns are not flaws of the response.
var flaggedCodes = map[string]bool{
	CodeOutOfRange: true, CodeBadAnswer: true,
	CodeStraightLining: true, CodeDuplicate: true, CodeTooFewAnswers: true,
}

// IsFlaw reports whether a problem code makes its response count as flawed: an answer
// lost or doubtful (out_of_range, bad_answer), or the response itself doubtful
// (straight_lining, duplicate, too_few_answers).
func IsFlaw(code string) bool { return flaggedCodes[code] }

// MinAnswered returns how many of the dimension's items a response must answer for the
// dimension to be scored: half of them, rounded up.
func (d Dimension) MinAnswered() int { return (len(d.Items) + 1) / 2 }

// QualityCounts counts what the quality checks found in a set of responses.
type QualityCounts struct {
	Responses int            // accepted responses
	Answers   int            // item cells answered
	Missing   int            // item cells unanswered (blank, missing markers, unusable answers)
	Flagged   int            // responses with at least one flaw (out_of_range, bad_answer, straight_lining, duplicate, too_few_answers)
	ByCode    map[string]int // problems per code, every severity
}

// MissingRate returns the share of item cells left unanswered.
func (q QualityCounts) MissingRate() float64 {
	if q.Answers+q.Missing == 0 {
		return 0
	}
	return float64(q.Missing) / float64(q.Answers+q.Missing)
}

// Add adds the counts of o.
func (q *QualityCounts) Add(o QualityCounts) {
	q.Responses += o.Responses
	q.Answers += o.Answers
	q.Missing += o.Missing
	q.Flagged += o.Flagged
	for code, n := range o.ByCode {
		q.ByCode[code] += n
	}
}

// QualityGroup is the count of one partnership in one wave.
type QualityGroup struct {
	Partnership string
	Wave        Wave
	QualityCounts
}

// ItemMissing counts the answers to one item.
type ItemMissing struct {
	Item              string
	Answered, Missing int
}

// QualitySummary is what a QualityChecker found: totals, each item's missing answers, and
// the counts of each partnership in each wave (sorted by partnership, then wave).
type QualitySummary struct {
	Total  QualityCounts
	Items  []ItemMissing
	Groups []QualityGroup
}

type qualityKey struct {
	partnership string
	wave        int
}

// QualityChecker looks at every accepted response as it is read, for what no single
// cell shows: straight-lining, duplicate submissions, and dimensions with too few
// answers to score. Each finding is a Problem of the response's row. It also counts,
// per partnership and wave, the responses, the missing answers and the problems found.
// Give the same checker to the Reader of every input file (ReadOptions.Quality), so
// that a duplicate across files is found too.
//
// Duplicates need memory of what was seen: one 64-bit fingerprint per distinct
// response with the file and line it came from, in an open-addressing table of 14
// bytes a slot kept at most three quarters full — 19 to 37 bytes per response, about
// 30 MiB per million responses. This is the one state of a run that grows with rows,
// not groups; it is accepted because a duplicate can follow its original anywhere in
// the input. Should it need bounding, the fingerprints could be kept without their
// line (8 bytes a slot, the message then naming no line), or per wave and dropped once
// input ordered by wave has moved past it. Everything else grows with partnerships ×
// waves. A checker is not safe for concurrent use.
type QualityChecker struct {
	cb      *Codebook
	seen    fingerprints
	files   []string
	fileIDs map[string]uint16
	groups  map[qualityKey]*QualityCounts
	items   []ItemMissing
	scratch []byte
	listed  map[string]int          // in the current file: problems listed, per code
	unnoted map[string]unlistedNote // in the current file: problems found past maxQualityNotes
}

// maxQualityNotes is how many problems of one code the checker lists for one file; the
// rest are counted, and summed up in one note. A file where every other row is a
// duplicate is better told so once than in a hundred thousand rows of quality.csv, and
// the problems kept stay bounded.
const maxQualityNotes = 1000

type unlistedNote struct {
	count    int
	lastLine int // the line of the last problem listed
}

// NewQualityChecker returns a checker for responses to cb.
func NewQualityChecker(cb *Codebook) *QualityChecker {
	c := &QualityChecker{cb: cb, fileIDs: map[string]uint16{}, groups: map[qualityKey]*QualityCounts{},
		listed: map[string]int{}, unnoted: map[string]unlistedNote{}}
	for _, it := range cb.Items {
		c.items = append(c.items, ItemMissing{Item: it.ID})
	}
	return c
}

func (c *QualityChecker) fileID(name string) uint16 {
	if id, ok := c.fileIDs[name]; ok {
		return id
	}
	if len(c.files) > math.MaxUint16 {
		return math.MaxUint16 // 65,536 input files: later ones share the last name in messages
	}
	id := uint16(len(c.files))
	c.files = append(c.files, name)
	c.fileIDs[name] = id
	return id
}

// check looks at one accepted response of file, whose row has already drawn
// rowProblems, and returns the problems it finds. Messages are only formatted for the
// problems that will be listed.
func (c *QualityChecker) check(file string, r *Response, rowProblems []Problem) []Problem {
	var codes [3]string
	found := codes[:0]
	if c.straightLining(r.Answers) {
		found = append(found, CodeStraightLining)
	}
	dup, dupFile, dupLine := c.duplicate(file, r)
	if dup {
		found = append(found, CodeDuplicate)
	}
	if c.tooFewAnswers(r.Answers) {
		found = append(found, CodeTooFewAnswers)
	}
	c.count(r, rowProblems, found)
	var problems []Problem
	for _, code := range found {
		if !c.list(code, r.Line) {
			continue
		}
		var msg string
		switch code {
		case CodeStraightLining:
			msg = c.straightLiningMessage(r.Answers)
		case CodeDuplicate:
			msg = c.duplicateMessage(file, r, dupFile, dupLine)
		case CodeTooFewAnswers:
			msg = c.tooFewAnswersMessage(r.Answers)
		}
		problems = append(problems, Problem{File: file, Line: r.Line, Severity: SeverityWarning, Code: code, Message: msg})
	}
	return problems
}

// list reports whether a problem of code on line is to be listed, and counts it among
// the unlisted when not.
func (c *QualityChecker) list(code string, line int) bool {
	note := c.unnoted[code]
	defer func() { c.unnoted[code] = note }()
	if c.listed[code] < maxQualityNotes {
		c.listed[code]++
		note.lastLine = line
		return true
	}
	note.count++
	return false
}

// fileDone returns, for each code with problems past maxQualityNotes in file, one note
// that counts them, and starts afresh for the next file.
func (c *QualityChecker) fileDone(file string) []Problem {
	codes := make([]string, 0, len(c.unnoted))
	for code, note := range c.unnoted {
		if note.count > 0 {
			codes = append(codes, code)
		}
	}
	sort.Strings(codes)
	var notes []Problem
	for _, code := range codes {
		note := c.unnoted[code]
		msg := fmt.Sprintf("%d more rows after this line have the problem %s; they are not listed one by one, but counted in summary.json", note.count, code)
		if code == CodeDuplicate {
			msg += "; so many duplicates suggest that the respondent column does not identify one person (map another with RENKEI_COLUMNS)"
		}
		notes = append(notes, Problem{File: file, Line: note.lastLine, Severity: SeverityWarning, Code: code, Message: msg})
	}
	clear(c.listed)
	clear(c.unnoted)
	return notes
}

// straightLining reports a response that gives one answer to every item it answered —
// at least three, and at least half of all items — reverse-worded items included,
// whose wording asks for the opposite answer.
func (c *QualityChecker) straightLining(answers []int8) bool {
	answered, value := 0, Missing
	for _, a := range answers {
		if a == Missing {
			continue
		}
		if answered > 0 && a != value {
			return false
		}
		value = a
		answered++
	}
	return answered >= 3 && 2*answered >= len(answers)
}

func (c *QualityChecker) straightLiningMessage(answers []int8) string {
	answered, value := 0, Missing
	var reversed []string
	for i, a := range answers {
		if a == Missing {
			continue
		}
		answered, value = answered+1, a
		if c.cb.Items[i].Reverse {
			reversed = append(reversed, c.cb.Items[i].ID)
		}
	}
	msg := fmt.Sprintf("straight-lining: all %d answers are %d", answered, value)
	if len(reversed) > 0 {
		msg += fmt.Sprintf(", the reverse-worded %s included", strings.Join(reversed, ", "))
	}
	return msg + "; the response is scored, but check whether it was answered with care"
}

// duplicate reports a response seen before, and the file and line where it was first
// seen: the same respondent, partnership, wave and phase (a person in two partnerships
// answers once for each, and a training's before and after may fall in one quarter),
// or, without a respondent id, the same row in every field.
func (c *QualityChecker) duplicate(file string, r *Response) (seen bool, firstFile uint16, firstLine uint32) {
	b := c.scratch[:0]
	field := func(s string) { b = append(append(b, s...), 0xff) }
	if r.Respondent != "" {
		b = append(b, 'R')
		field(r.Respondent)
		field(r.Partnership)
	} else {
		b = append(b, 'C')
		for _, s := range []string{r.Partnership, r.Org, r.Partner, r.Role, r.SubmittedAt} {
			field(s)
		}
		for _, a := range r.Answers {
			b = append(b, byte(a))
		}
	}
	wave := r.Wave.Index()
	b = append(b, byte(wave), byte(wave>>8), byte(wave>>16), byte(r.Phase))
	c.scratch = b
	return c.seen.insert(fnv64(b), c.fileID(file), uint32(r.Line))
}

func (c *QualityChecker) duplicateMessage(file string, r *Response, firstFile uint16, firstLine uint32) string {
	where := fmt.Sprintf("line %d", firstLine)
	if first := c.files[firstFile]; first != file {
		where = fmt.Sprintf("%s line %d", first, firstLine)
	}
	if r.Respondent != "" {
		return fmt.Sprintf("duplicate submission: the same respondent already answered for this partnership, wave and phase on %s; both are scored, remove one if it was sent twice", where)
	}
	return fmt.Sprintf("duplicate submission: identical to %s; both are scored, remove one if it was sent twice", where)
}

// tooFewAnswers reports a response that answered too few items of a dimension to
// score it.
func (c *QualityChecker) tooFewAnswers(answers []int8) bool {
	for _, d := range c.cb.Dimensions {
		if answeredOf(d, answers) < d.MinAnswered() {
			return true
		}
	}
	return false
}

func answeredOf(d Dimension, answers []int8) int {
	n := 0
	for _, i := range d.Items {
		if answers[i] != Missing {
			n++
		}
	}
	return n
}

func (c *QualityChecker) tooFewAnswersMessage(answers []int8) string {
	var short []string
	for _, d := range c.cb.Dimensions {
		if n := answeredOf(d, answers); n < d.MinAnswered() {
			short = append(short, fmt.Sprintf("%s (%d of %d answered, %d needed)", d.ID, n, len(d.Items), d.MinAnswered()))
		}
	}
	return "too few answers to score " + strings.Join(short, ", ") + "; the response counts only where it can be scored"
}

func (c *QualityChecker) count(r *Response, rowProblems []Problem, found []string) {
	key := qualityKey{partnership: r.Partnership, wave: r.Wave.Index()}
	g, ok := c.groups[key]
	if !ok {
		key.partnership = strings.Clone(key.partnership) // the reader reuses its buffers
		g = &QualityCounts{ByCode: map[string]int{}}
		c.groups[key] = g
	}
	g.Responses++
	for i, a := range r.Answers {
		if a == Missing {
			g.Missing++
			c.items[i].Missing++
		} else {
			g.Answers++
			c.items[i].Answered++
		}
	}
	flagged := len(found) > 0 // every code the checker finds is a flaw
	for _, p := range rowProblems {
		g.ByCode[p.Code]++
		flagged = flagged || flaggedCodes[p.Code]
	}
	for _, code := range found {
		g.ByCode[code]++
	}
	if flagged {
		g.Flagged++
	}
}

// Summary returns the counts so far.
func (c *QualityChecker) Summary() QualitySummary {
	s := QualitySummary{Total: QualityCounts{ByCode: map[string]int{}}, Items: append([]ItemMissing(nil), c.items...)}
	for k, g := range c.groups {
		s.Total.Add(*g)
		byCode := make(map[string]int, len(g.ByCode))
		for code, n := range g.ByCode {
			byCode[code] = n
		}
		q := QualityGroup{Partnership: k.partnership, Wave: WaveFromIndex(k.wave), QualityCounts: *g}
		q.ByCode = byCode
		s.Groups = append(s.Groups, q)
	}
	sort.Slice(s.Groups, func(i, j int) bool {
		a, b := s.Groups[i], s.Groups[j]
		if a.Partnership != b.Partnership {
			return a.Partnership < b.Partnership
		}
		return a.Wave.Less(b.Wave)
	})
	return s
}

// fnv64 is FNV-1a, 64 bits: a fixed, seedless hash, so runs are reproducible. Two
// different responses share a fingerprint with probability about n²/2⁶⁵ — one in
// three hundred thousand for ten million responses.
func fnv64(b []byte) uint64 {
	h := uint64(14695981039346656037)
	for _, c := range b {
		h ^= uint64(c)
		h *= 1099511628211
	}
	return h ^ h>>32 // the table indexes by the low bits: fold the high ones in
}

// fingerprints is an open-addressing hash set of 64-bit fingerprints (0 marks an empty
// slot), each with the file and line where it was first seen.
type fingerprints struct {
	keys  []uint64
	lines []uint32
	files []uint16
	n     int
}

// insert adds key, first seen in file at line, and reports whether it was there
// already, and where it was first seen.
func (f *fingerprints) insert(key uint64, file uint16, line uint32) (seen bool, firstFile uint16, firstLine uint32) {
	if key == 0 {
		key = 1
	}
	if 4*(f.n+1) > 3*len(f.keys) {
		f.grow()
	}
	mask := uint64(len(f.keys) - 1)
	for i := key & mask; ; i = (i + 1) & mask {
		switch f.keys[i] {
		case key:
			return true, f.files[i], f.lines[i]
		case 0:
			f.keys[i], f.files[i], f.lines[i] = key, file, line
			f.n++
			return false, 0, 0
		}
	}
}

func (f *fingerprints) grow() {
	old := *f
	size := max(1024, 2*len(old.keys))
	*f = fingerprints{keys: make([]uint64, size), lines: make([]uint32, size), files: make([]uint16, size)}
	for i, k := range old.keys {
		if k != 0 {
			f.insert(k, old.files[i], old.lines[i])
		}
	}
}

package survey

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"
	"sync"
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

// The two quality rules on a response's own answers, each defined once here: the
// general path (QualityChecker.straightLining, tooFewAnswers) and the fast path
// (patternTallies.findings) count answers their own way and ask these.

// tooFew is the too-few-answers rule: a response that answered n of the dimension's
// items has too few to score it (fewer than MinAnswered).
func (d Dimension) tooFew(n int) bool { return n < d.MinAnswered() }

// straightLined is the straight-lining rule: a response that answered answered of
// its items items, all with one value (oneValue), reverse-worded ones included, is
// straight-lining when it answered at least three and at least half of all items.
func straightLined(answered, items int, oneValue bool) bool {
	return oneValue && answered >= 3 && 2*answered >= items
}

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

// Rate returns the share of the item's cells left unanswered, NaN when it had none.
func (m ItemMissing) Rate() float64 {
	if m.Answered+m.Missing == 0 {
		return math.NaN()
	}
	return float64(m.Missing) / float64(m.Answered+m.Missing)
}

// QualitySummary is what a QualityChecker found: totals, each item's missing answers, and
// the counts of each partnership in each wave (sorted by partnership, then wave).
type QualitySummary struct {
	Total  QualityCounts
	Items  []ItemMissing
	Groups []QualityGroup
}

// QualityChecker looks at every accepted response as it is read, for what no single
// cell shows: straight-lining, duplicate submissions, and dimensions with too few
// answers to score. Each finding is a Problem of the response's row. It also counts,
// per partnership and wave, the responses, the missing answers and the problems found.
// Give the same checker to the Reader of every input file (ReadOptions.Quality), so
// that a duplicate across files is found too.
//
// Rows may be checked in any order (the fast reader checks pieces of a file in
// parallel): what is listed is decided when a file ends — the first maxQualityNotes
// problems of each code by line — and duplicates are resolved then, by first place in
// the input. Finding duplicates needs memory of what was seen; dupRecorder keeps it
// bounded (1.5 MiB, spilling to a temporary file beyond that). Everything else grows
// with partnerships × waves. A checker is safe for concurrent use; call Close when
// done with it.
type QualityChecker struct {
	cb      *Codebook
	keys    *Keys
	mu      sync.Mutex
	files   []string
	fileIDs map[string]uint16
	groups  []qualityGroup // per partnership × wave id of keys
	items   []ItemMissing
	scratch []byte
	dups    dupRecorder
	lists   [3]boundedProblems // in the current file: straight-lining, duplicates, too few answers
	// dupLines holds, per file id, the lines of the rows that duplicate an earlier one,
	// in the order resolve found them: 8 bytes a duplicate.
	dupLines map[uint16][]int
	// twins finds, as dups does, the rows of a respondent who answered earlier in the
	// same partnership and wave in another phase (before and after a training in one
	// quarter): twinLines holds their lines per file id, duplicates included.
	twins     dupRecorder
	twinLines map[uint16][]int
}

// Indices of QualityChecker.lists, in the order a row's findings are listed.
const (
	listStraight = iota
	listDuplicate
	listTooFew
)

var listCodes = [3]string{CodeStraightLining, CodeDuplicate, CodeTooFewAnswers}

// qualityGroup counts one partnership in one wave.
type qualityGroup struct {
	responses, answers, missing, flagged int
	found                                [3]int         // per list: straight-lining, duplicates, too few answers
	byCode                               map[string]int // the problems of the rows' cells
}

// maxQualityNotes is how many problems of one code the checker lists for one file; the
// rest are counted, and summed up in one note. A file where every other row is a
// duplicate is better told so once than in a hundred thousand rows of quality.csv, and
// the problems kept stay bounded.
const maxQualityNotes = 1000

// boundedProblems keeps the maxQualityNotes problems of one code with the lowest lines
// (a max-heap by line), and counts them all.
type boundedProblems struct {
	kept  []Problem
	count int
}

// offer counts a problem on line, and keeps it, made by mk, if it is among the first.
func (l *boundedProblems) offer(line int, mk func() Problem) {
	l.count++
	switch {
	case len(l.kept) < maxQualityNotes:
		l.kept = append(l.kept, mk())
		for i := len(l.kept) - 1; i > 0; {
			parent := (i - 1) / 2
			if l.kept[parent].Line >= l.kept[i].Line {
				break
			}
			l.kept[parent], l.kept[i] = l.kept[i], l.kept[parent]
			i = parent
		}
	case line < l.kept[0].Line:
		l.kept[0] = mk()
		for i := 0; ; {
			big, left, right := i, 2*i+1, 2*i+2
			if left < len(l.kept) && l.kept[left].Line > l.kept[big].Line {
				big = left
			}
			if right < len(l.kept) && l.kept[right].Line > l.kept[big].Line {
				big = right
			}
			if big == i {
				break
			}
			l.kept[big], l.kept[i] = l.kept[i], l.kept[big]
			i = big
		}
	}
}

// NewQualityChecker returns a checker for responses to cb.
func NewQualityChecker(cb *Codebook) *QualityChecker {
	c := &QualityChecker{cb: cb, keys: NewKeys(), fileIDs: map[string]uint16{}}
	for _, it := range cb.Items {
		c.items = append(c.items, ItemMissing{Item: it.ID})
	}
	return c
}

// Close releases the temporary file of the duplicate check, if one was needed.
func (c *QualityChecker) Close() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	return errors.Join(c.dups.close(), c.twins.close())
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

func (c *QualityChecker) group(pw uint32) *qualityGroup {
	for int(pw) >= len(c.groups) {
		c.groups = append(c.groups, qualityGroup{})
	}
	return &c.groups[pw]
}

// check looks at one accepted response of file, whose partnership × wave id is pw
// and whose row has already drawn rowProblems (the general path, one row at a time).
func (c *QualityChecker) check(file string, r *Response, pw uint32, rowProblems []Problem) {
	straight, few := c.straightLining(r.Answers), c.tooFewAnswers(r.Answers)
	flawed := straight || few
	for _, p := range rowProblems {
		flawed = flawed || flaggedCodes[p.Code]
	}
	key := appendDupKey(c.scratch[:0], r)
	c.scratch = key
	rec := dupRecord{fp: fingerprint(key), pos: uint64(r.Line), pw: pw}
	if flawed {
		rec.pw |= dupOtherFlaw
	}
	if r.Respondent != "" {
		rec.pw |= dupRespondent
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	rec.pos |= uint64(c.fileID(file)) << 32
	g := c.group(pw)
	g.responses++
	for i, a := range r.Answers {
		if a == Missing {
			g.missing++
			c.items[i].Missing++
		} else {
			g.answers++
			c.items[i].Answered++
		}
	}
	for _, p := range rowProblems {
		if g.byCode == nil {
			g.byCode = map[string]int{}
		}
		g.byCode[p.Code]++
	}
	c.found(file, g, r.Line, r.Answers, straight, few)
	if flawed {
		g.flagged++
	}
	c.dups.add(rec)
	if r.Respondent != "" {
		// The key is the duplicate key with the phase left out: the same bytes the fast
		// reader's key is (it reads files without a phase), so that a second answer is
		// found across files read on either path.
		rr := *r
		rr.Phase = PhaseNone
		c.scratch = appendDupKey(c.scratch[:0], &rr)
		c.twins.add(dupRecord{fp: fingerprint(c.scratch), pos: rec.pos, pw: pw | dupRespondent})
	}
}

// commit records a batch of responses of file checked by the fast reader: per
// response its duplicate key's fingerprint, its findings (fastStraight, fastTooFew,
// fastRespondent) and its number of answers; per item the answers in the batch.
func (c *QualityChecker) commit(file string, b *Batch, fps []uint64, flags []uint8, nanswers []uint16, answered []int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	fid := uint64(c.fileID(file)) << 32
	for j, n := range answered {
		c.items[j].Answered += n
		c.items[j].Missing += b.Len - n
	}
	for i := 0; i < b.Len; i++ {
		pw := b.PW[i]
		g := c.group(pw)
		g.responses++
		g.answers += int(nanswers[i])
		g.missing += b.Items - int(nanswers[i])
		straight, few := flags[i]&fastStraight != 0, flags[i]&fastTooFew != 0
		rec := dupRecord{fp: fps[i], pos: fid | uint64(b.Line[i]), pw: pw}
		if straight || few {
			c.found(file, g, b.Line[i], b.Answer(i), straight, few)
			g.flagged++
			rec.pw |= dupOtherFlaw
		}
		if flags[i]&fastRespondent != 0 {
			rec.pw |= dupRespondent
			// A file without a phase column: its duplicate key is the twin key too.
			c.twins.add(dupRecord{fp: fps[i], pos: rec.pos, pw: pw | dupRespondent})
		}
		c.dups.add(rec)
	}
}

// found counts and offers for listing what a row of file on line showed; c.mu is held.
func (c *QualityChecker) found(file string, g *qualityGroup, line int, answers []int8, straight, few bool) {
	if straight {
		g.found[listStraight]++
		c.lists[listStraight].offer(line, func() Problem {
			return Problem{File: file, Line: line, Severity: SeverityWarning, Code: CodeStraightLining, Message: c.straightLiningMessage(answers)}
		})
	}
	if few {
		g.found[listTooFew]++
		c.lists[listTooFew].offer(line, func() Problem {
			return Problem{File: file, Line: line, Severity: SeverityWarning, Code: CodeTooFewAnswers, Message: c.tooFewAnswersMessage(answers)}
		})
	}
}

// appendDupKey appends the duplicate key of r: the same respondent, partnership, wave
// and phase (a person in two partnerships answers once for each, and a training's
// before and after may fall in one quarter), or, without a respondent id, the same
// row in every field. The fast reader builds the same bytes from a row's cells with
// the same pieces (appendRespondentKey or appendRowKey, then appendWavePhase).
func appendDupKey(b []byte, r *Response) []byte {
	if r.Respondent != "" {
		b = appendRespondentKey(b, r.Respondent, r.Partnership)
	} else {
		b = appendRowKey(b, r.Partnership, r.Org, r.Partner, r.Role, r.SubmittedAt, r.Answers)
	}
	return appendWavePhase(b, r.Wave.Index(), r.Phase)
}

// appendRespondentKey appends the start of the duplicate key of a row with a
// respondent id: the respondent and the partnership.
func appendRespondentKey[T string | []byte](b []byte, respondent T, partnership string) []byte {
	return appendKeyField(appendKeyField(append(b, 'R'), respondent), partnership)
}

// appendRowKey appends the start of the duplicate key of a row without a respondent
// id: every field, and the answers.
func appendRowKey[T string | []byte](b []byte, partnership, org, partner, role string, submitted T, answers []int8) []byte {
	b = append(b, 'C')
	for _, s := range [...]string{partnership, org, partner, role} {
		b = appendKeyField(b, s)
	}
	b = appendKeyField(b, submitted)
	for _, a := range answers {
		b = append(b, byte(a))
	}
	return b
}

// appendKeyField appends a field of a duplicate key and its end (0xff, which no
// UTF-8 text holds).
func appendKeyField[T string | []byte](b []byte, s T) []byte { return append(append(b, s...), 0xff) }

func appendWavePhase(b []byte, wave int, phase Phase) []byte {
	return append(b, byte(wave), byte(wave>>8), byte(wave>>16), byte(phase))
}

// fileDone resolves the duplicates of file, and returns the problems listed for it in
// line order and the notes that count the rest; it starts afresh for the next file.
func (c *QualityChecker) fileDone(file string) (listed, notes []Problem, err error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	fid := c.fileID(file)
	err = c.twins.resolve(fid, func(r dupRecord, _ uint64) {
		if c.twinLines == nil {
			c.twinLines = map[uint16][]int{}
		}
		c.twinLines[fid] = append(c.twinLines[fid], int(uint32(r.pos)))
	})
	if err != nil {
		return nil, nil, err
	}
	err = c.dups.resolve(fid, func(r dupRecord, original uint64) {
		if c.dupLines == nil {
			c.dupLines = map[uint16][]int{}
		}
		c.dupLines[fid] = append(c.dupLines[fid], int(uint32(r.pos)))
		g := c.group(r.pw & dupPWMask)
		g.found[listDuplicate]++
		if r.pw&dupOtherFlaw == 0 {
			g.flagged++
		}
		line := int(uint32(r.pos))
		c.lists[listDuplicate].offer(line, func() Problem {
			return Problem{File: file, Line: line, Severity: SeverityWarning, Code: CodeDuplicate,
				Message: c.duplicateMessage(file, r.pw&dupRespondent != 0, uint16(original>>32), uint32(original))}
		})
	})
	if err != nil {
		return nil, nil, err
	}
	for i := range c.lists {
		l := &c.lists[i]
		sort.Slice(l.kept, func(a, b int) bool { return l.kept[a].Line < l.kept[b].Line })
		listed = append(listed, l.kept...)
	}
	sort.SliceStable(listed, func(a, b int) bool { return listed[a].Line < listed[b].Line })
	for _, i := range []int{listDuplicate, listStraight, listTooFew} { // by code
		l := &c.lists[i]
		more := l.count - len(l.kept)
		if more == 0 {
			continue
		}
		code := listCodes[i]
		msg := fmt.Sprintf("%d more rows after this line have the problem %s; they are not listed one by one, but counted in summary.json", more, code)
		if code == CodeDuplicate {
			msg += "; so many duplicates suggest that the respondent column does not identify one person (map another with RENKEI_COLUMNS)"
		}
		notes = append(notes, Problem{File: file, Line: l.kept[len(l.kept)-1].Line, Severity: SeverityWarning, Code: code, Message: msg})
	}
	sort.SliceStable(notes, func(a, b int) bool { return notes[a].Line < notes[b].Line })
	c.lists = [3]boundedProblems{}
	return listed, notes, nil
}

// Duplicates returns the lines of file, in increasing order, whose rows duplicate a
// row at an earlier place in the input (the same file, or one read before it): the
// rows to leave out of every aggregate (ReadOptions.Skip), so that a person counts
// once. The first place of each duplicate key is the one scored. It is complete once
// the file has been read to its end.
func (c *QualityChecker) Duplicates(file string) []int {
	c.mu.Lock()
	defer c.mu.Unlock()
	id, ok := c.fileIDs[file]
	if !ok {
		return nil
	}
	lines := slices.Clone(c.dupLines[id])
	slices.Sort(lines)
	return lines
}

// WaveTwins lists, in increasing order, the lines of file whose row is a second
// answer of a respondent in one partnership and wave, in another phase than the
// first place (the same phase is a duplicate, listed by Duplicates): the before/after
// comparison reads both, but a wave's own tables must count the person once — by the
// first place in the input, as for duplicates. Only rows with a respondent id count;
// complete once file is read.
func (c *QualityChecker) WaveTwins(file string) []int {
	c.mu.Lock()
	defer c.mu.Unlock()
	id, ok := c.fileIDs[file]
	if !ok {
		return nil
	}
	dup := map[int]bool{}
	for _, l := range c.dupLines[id] {
		dup[l] = true
	}
	var lines []int
	for _, l := range c.twinLines[id] {
		if !dup[l] {
			lines = append(lines, l)
		}
	}
	slices.Sort(lines)
	return lines
}

// straightLining reports whether a response's answers are straight-lining
// (straightLined): one answer to every item answered, reverse-worded items included,
// whose wording asks for the opposite answer.
func (c *QualityChecker) straightLining(answers []int8) bool {
	answered, value, oneValue := 0, Missing, true
	for _, a := range answers {
		if a == Missing {
			continue
		}
		if answered > 0 && a != value {
			oneValue = false
			break
		}
		value = a
		answered++
	}
	return straightLined(answered, len(answers), oneValue)
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

func (c *QualityChecker) duplicateMessage(file string, byRespondent bool, firstFile uint16, firstLine uint32) string {
	where := fmt.Sprintf("line %d", firstLine)
	if first := c.files[firstFile]; first != file {
		where = fmt.Sprintf("%s line %d", first, firstLine)
	}
	if byRespondent {
		return fmt.Sprintf("duplicate submission: the same respondent already answered for this partnership, wave and phase on %s; only the first is scored, remove one if it was sent twice", where)
	}
	return fmt.Sprintf("duplicate submission: identical to %s; only the first is scored, remove one if it was sent twice", where)
}

// tooFewAnswers reports a response that answered too few items of a dimension to
// score it (Dimension.tooFew).
func (c *QualityChecker) tooFewAnswers(answers []int8) bool {
	for _, d := range c.cb.Dimensions {
		if d.tooFew(answeredOf(d, answers)) {
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
		if n := answeredOf(d, answers); d.tooFew(n) {
			short = append(short, fmt.Sprintf("%s (%d of %d answered, %d needed)", d.ID, n, len(d.Items), d.MinAnswered()))
		}
	}
	return "too few answers to score " + strings.Join(short, ", ") + "; the response counts only where it can be scored"
}

// Summary returns the counts so far.
func (c *QualityChecker) Summary() QualitySummary {
	c.mu.Lock()
	defer c.mu.Unlock()
	s := QualitySummary{Total: QualityCounts{ByCode: map[string]int{}}, Items: append([]ItemMissing(nil), c.items...)}
	for pw := range c.groups {
		g := &c.groups[pw]
		if g.responses == 0 {
			continue
		}
		q := QualityGroup{QualityCounts: QualityCounts{Responses: g.responses, Answers: g.answers, Missing: g.missing, Flagged: g.flagged, ByCode: map[string]int{}}}
		q.Partnership, q.Wave = c.keys.PartnershipWave(uint32(pw))
		for code, n := range g.byCode {
			q.ByCode[code] += n
		}
		for i, n := range g.found {
			if n > 0 {
				q.ByCode[listCodes[i]] += n
			}
		}
		s.Total.Add(q.QualityCounts)
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

package survey

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math/bits"
	"renkei/internal/crash"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf8"

	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/transform"
)

// The fast path reads a file in pieces of fastChunk bytes, on several goroutines at
// once: each claims the next piece, reads it with a positional read into its own
// buffer and parses the lines that start in it with a hand-written scanner — no
// encoding/csv, no string per cell; key cells are looked up by their bytes and turned
// into text once, when first seen. It handles exactly the files whose rows need none
// of the general path's care: comma-separated, no quotes, every answer one digit on
// the scale or blank, keys without surrounding space, valid text. A piece with
// anything else (a quote, a label or "NA", a short row, a bad wave, a NUL byte...)
// stops the fast path there: the pieces before it are committed, and the general
// path (encoding/csv) reads the file on from the first line of that piece, so every
// problem is reported by the same code with its line. Shift_JIS and CRLF files stay
// fast: in Shift_JIS no byte of a two-byte character is below 0x40, so a comma, quote
// or line break byte is always one.
//
// A piece is committed — its responses handed on, its rows counted, its quality
// findings recorded — only once every piece before it is known to be clean, so that
// what the general path reads next has not been counted already. Pieces are committed
// in whatever order they finish; everything downstream is a count, so the result
// does not depend on it, nor on the number of goroutines.
const (
	fastChunk  = 64 << 10
	fastTail   = 4 << 10  // read past a piece for its last line, at first
	fastMargin = 64 << 10 // the most read past a piece; a longer line goes to the general path
)

// fastChunkSize is fastChunk; tests lower it to cut small files into many pieces.
var fastChunkSize = fastChunk

// sizedReaderAt returns r as an io.ReaderAt of known size: a file or an in-memory
// reader.
func sizedReaderAt(r io.Reader) (io.ReaderAt, int64, bool) {
	ra, ok := r.(io.ReaderAt)
	if !ok {
		return nil, 0, false
	}
	switch v := r.(type) {
	case interface{ Size() int64 }:
		return ra, v.Size(), true
	case interface{ Stat() (fs.FileInfo, error) }:
		st, err := v.Stat()
		if err != nil || !st.Mode().IsRegular() {
			return nil, 0, false
		}
		return ra, st.Size(), true
	}
	return nil, 0, false
}

// locateData finds where the header of a file read at random ends: the first line
// break outside quotes. It returns the offset after it and the number of lines the
// header spans, or ok false when the header is not within the first MiB.
func locateData(ra io.ReaderAt, size int64) (start int64, lines int, ok bool) {
	head := make([]byte, min(size, 1<<20))
	if n, err := ra.ReadAt(head, 0); n < len(head) && err != nil {
		return 0, 0, false
	}
	quoted := false
	lines = 1
	for i, b := range head {
		switch {
		case b == '"':
			quoted = !quoted
		case b == '\n' && quoted:
			lines++
		case b == '\n':
			return int64(i + 1), lines, true
		}
	}
	return 0, 0, false
}

// Roles of a column in the fast path; a role ≥ 0 is the index of an item.
const (
	roleIgnore = -1 - iota
	rolePartnership
	roleWave
	roleRespondent
	roleOrg
	roleRole
	roleSubmitted
)

// fastPlan says how the fast path reads a file's columns.
type fastPlan struct {
	roles              []int
	items              int
	lowDigit, topDigit byte
	respondent         bool // the file has a respondent column
	answers            []fastItem
	// Columns of the key fields, −1 when absent.
	partnership, wave, org, role, respondentCol, submitted int
}

// fastItem is an answer column: its column, item, and place in its dimension's pattern.
type fastItem struct {
	col, item int
	dim       int
	mul       uint16
}

// plan returns how to read r on the fast path, or nil when it cannot.
func (r *Reader) plan() *fastPlan {
	if r.src == nil || r.csv.Comma != ',' || r.cb.Min < 0 || r.cb.Max > 9 {
		return nil
	}
	if r.enc != EncodingUTF8 && r.enc != EncodingShiftJIS {
		return nil
	}
	if r.fieldCol[fPartnership] < 0 || r.fieldCol[fPhase] >= 0 || r.fieldCol[fPartner] >= 0 || r.fieldCol[fGroup] >= 0 {
		return nil
	}
	p := &fastPlan{roles: make([]int, r.columns), items: len(r.cb.Items), lowDigit: '0' + byte(r.cb.Min), topDigit: '0' + byte(r.cb.Max)}
	for i := range p.roles {
		p.roles[i] = roleIgnore
	}
	fields := map[int]int{fPartnership: rolePartnership, fWave: roleWave, fRespondent: roleRespondent, fOrg: roleOrg, fRole: roleRole, fSubmittedAt: roleSubmitted}
	for f, role := range fields {
		if c := r.fieldCol[f]; c >= 0 {
			p.roles[c] = role
		}
	}
	for j, c := range r.itemCol {
		if c >= 0 {
			p.roles[c] = j
		}
	}
	p.respondent = r.fieldCol[fRespondent] >= 0
	p.partnership, p.wave, p.org, p.role = r.fieldCol[fPartnership], r.fieldCol[fWave], r.fieldCol[fOrg], r.fieldCol[fRole]
	p.respondentCol, p.submitted = r.fieldCol[fRespondent], r.fieldCol[fSubmittedAt]
	for c, role := range p.roles {
		if role >= 0 {
			it := fastItem{col: c, item: role}
			if r.patterns != nil {
				it.dim, it.mul = r.patterns.itemDim[role], r.patterns.itemMul[role]
			}
			p.answers = append(p.answers, it)
		}
	}
	return p
}

// ReadAll reads every row and hands the accepted responses to sink in batches, on up
// to workers goroutines at once (fast path, fastpath.go) or on one (the general
// path). sink is called concurrently, each goroutine with its own worker number below
// workers; a batch is valid only during the call. The Reader's Problems and Rows are
// complete when ReadAll returns nil.
func (r *Reader) ReadAll(ctx context.Context, workers int, sink func(worker int, b *Batch)) error {
	if p := r.plan(); p != nil && workers >= 1 {
		done, err := r.readFast(ctx, p, workers, sink)
		if err != nil || done {
			return err
		}
	}
	b := &Batch{Keys: r.keys, File: r.name, Items: len(r.cb.Items)}
	for n := 0; ; n++ {
		if n%4096 == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
		if n%65536 == 0 && r.progress != nil && r.size > 0 {
			r.progress(min(r.size, r.dataStart+r.csv.InputOffset()), r.size)
		}
		resp, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return err
		}
		b.appendResponse(resp, r.lastPW)
		if b.Len == 1024 {
			sink(0, b)
			b.reset()
		}
	}
	if b.Len > 0 {
		sink(0, b)
	}
	return nil
}

// fastRun is the shared state of one file's fast read.
type fastRun struct {
	r      *Reader
	plan   *fastPlan
	sink   func(int, *Batch)
	chunks int
	next   atomic.Int64
	done   atomic.Int64 // bytes committed, for progress
	mu     sync.Mutex
	cond   *sync.Cond
	parsed []bool  // per piece: parsed, and clean
	lines  []int64 // per piece: line breaks in its bytes
	clean  int     // pieces known clean from the start
	before []int64 // before[i]: line breaks before piece i, for i ≤ clean
	stop   int     // the first piece that is not clean (chunks when none)
	err    error
}

// readFast reads what it can of the file on the fast path. It returns done when the
// whole file was read; otherwise the general path reads on from where it stopped.
func (r *Reader) readFast(ctx context.Context, p *fastPlan, workers int, sink func(int, *Batch)) (done bool, err error) {
	data := r.size - r.dataStart
	chunk := int64(fastChunkSize)
	run := &fastRun{r: r, plan: p, sink: sink, chunks: int((data + chunk - 1) / chunk)}
	run.cond = sync.NewCond(&run.mu)
	run.parsed = make([]bool, run.chunks)
	run.lines = make([]int64, run.chunks)
	run.before = make([]int64, run.chunks+1)
	run.stop = run.chunks
	workers = max(1, min(workers, run.chunks))
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			// A panic here is a bug: it stops the read as an error (a crash.Panic) that
			// the command reports as one, instead of ending the process.
			defer crash.Recover(func(p *crash.Panic) { run.fail(p) })
			run.work(ctx, newFastWorker(run, w))
		}()
	}
	wg.Wait()
	if run.err != nil {
		return false, run.err
	}
	if run.stop == run.chunks {
		if r.rows == 0 {
			return false, r.fileError(0, "the file has a header but no responses")
		}
		return true, r.finish()
	}
	// The general path reads on from the first line that starts in the unclean piece.
	start := r.dataStart + int64(run.stop)*chunk
	line := r.dataLine + int(run.before[run.stop])
	if run.stop > 0 {
		var b [1]byte
		if _, err := r.src.ReadAt(b[:], start-1); err != nil {
			return false, err
		}
		if b[0] != '\n' {
			sr := io.NewSectionReader(r.src, start, r.size-start)
			br := make([]byte, fastMargin)
			for {
				n, err := sr.Read(br)
				if i := bytes.IndexByte(br[:n], '\n'); i >= 0 {
					start += int64(i) + 1
					line++
					break
				}
				start += int64(n)
				if err != nil {
					break
				}
			}
		}
	}
	return false, r.restartAt(start, line)
}

// restartAt points the general path at offset start of the file, line number line.
func (r *Reader) restartAt(start int64, line int) error {
	var text io.Reader = io.NewSectionReader(r.src, start, r.size-start)
	if r.enc == EncodingShiftJIS {
		text = transform.NewReader(text, japanese.ShiftJIS.NewDecoder())
	}
	cr := newCSVReader(text, r.csv.Comma)
	r.csv = cr
	r.lineBase = line - 1
	return nil
}

func (run *fastRun) fail(err error) {
	run.mu.Lock()
	if run.err == nil {
		run.err = err
	}
	run.stop = min(run.stop, 0)
	run.cond.Broadcast()
	run.mu.Unlock()
}

func (run *fastRun) work(ctx context.Context, w *fastWorker) {
	for {
		c := int(run.next.Add(1) - 1)
		run.mu.Lock()
		stop := run.stop
		run.mu.Unlock()
		if c >= run.chunks || c > stop {
			return
		}
		if err := ctx.Err(); err != nil {
			run.fail(err)
			return
		}
		clean, err := w.parse(c)
		if err != nil {
			run.fail(err)
			return
		}
		run.mu.Lock()
		if !clean {
			run.stop = min(run.stop, c)
			run.cond.Broadcast()
			run.mu.Unlock()
			continue
		}
		run.parsed[c], run.lines[c] = true, w.lines
		for run.clean < run.chunks && run.parsed[run.clean] {
			run.before[run.clean+1] = run.before[run.clean] + run.lines[run.clean]
			run.clean++
		}
		run.cond.Broadcast()
		for run.clean < c && run.stop > c {
			run.cond.Wait()
		}
		if run.stop < c {
			run.mu.Unlock()
			continue // a piece before this one went to the general path, which reads this one too
		}
		base := run.r.dataLine + int(run.before[c])
		run.mu.Unlock()
		w.commit(base)
		if p := run.r.progress; p != nil {
			p(run.done.Add(int64(fastChunkSize)), run.r.size)
		}
	}
}

// fastWorker is one goroutine of a fast read.
type fastWorker struct {
	run    *fastRun
	id     int
	buf    []byte
	text   []byte // decoding scratch
	pt     *patternTallies
	bounds []int // per column: the offset of the comma before it (−1 for the first)

	parts, orgs, roles, waves keyCache
	partList                  []fastPartnership // values of parts
	waveList                  []int32           // Wave.Index by wave slot, the values of waves (−1: not a wave)

	// What the piece being parsed found.
	batch    Batch
	fps      []uint64 // duplicate key fingerprints
	flags    []uint8  // fastStraight, fastTooFew, fastRespondent
	answered []int    // per item: answers
	nanswers []uint16 // per response: answers
	lines    int64    // line breaks in the piece's bytes
	dupKey   []byte
	dec      transform.Transformer
}

// fastKey is an org's or role's id and text; bad when the general path must read it.
type fastKey struct {
	id   uint32
	name string
	bad  bool
}

// fastPartnership is a partnership cell's id and text, and the partnership × wave ids
// seen with it: by wave slot, the id + 1 (0 when not seen yet).
type fastPartnership struct {
	fastKey
	pws []uint32
}

const (
	fastStraight = 1 << iota
	fastTooFew
	fastRespondent
)

func newFastWorker(run *fastRun, id int) *fastWorker {
	r := run.r
	w := &fastWorker{run: run, id: id, answered: make([]int, len(r.cb.Items)), pt: r.patterns, bounds: make([]int, r.columns+1)}
	w.batch = Batch{Keys: r.keys, File: r.name, Items: len(r.cb.Items), sjis: r.enc == EncodingShiftJIS}
	if w.pt != nil {
		w.batch.Dimensions = len(r.cb.Dimensions)
	}
	if r.enc == EncodingShiftJIS {
		w.dec = japanese.ShiftJIS.NewDecoder()
	}
	return w
}

// decode returns the text of cell, and whether it is valid for the file's encoding.
func (w *fastWorker) decode(cell []byte) ([]byte, bool) {
	if ascii(cell) {
		return cell, true
	}
	if w.dec == nil {
		return cell, utf8.Valid(cell)
	}
	w.dec.Reset()
	need := 3 * len(cell)
	if cap(w.text) < need {
		w.text = make([]byte, need)
	}
	n, _, err := w.dec.Transform(w.text[:need], cell, true)
	out := w.text[:n]
	return out, err == nil && !bytes.ContainsRune(out, utf8.RuneError)
}

func ascii(b []byte) bool {
	for len(b) >= 8 {
		if binary.LittleEndian.Uint64(b)&0x8080808080808080 != 0 {
			return false
		}
		b = b[8:]
	}
	for _, c := range b {
		if c >= 0x80 {
			return false
		}
	}
	return true
}

// key returns the id of an org or role cell (kind KeyOrg or KeyRole), or −1 when the
// general path must read it. The cache holds the id itself: one lookup per cell.
func (w *fastWorker) key(kind KeyKind, cell []byte) int64 {
	cache := &w.orgs
	if kind == KeyRole {
		cache = &w.roles
	}
	if v, ok := cache.get(cell); ok {
		return int64(v)
	}
	k := w.newKey(kind, cell)
	v := int32(k.id)
	if k.bad {
		v = -1
	}
	cache.put(cell, v)
	return int64(v)
}

func (w *fastWorker) newKey(kind KeyKind, cell []byte) fastKey {
	text, valid := w.decode(cell)
	name := string(text)
	k := fastKey{name: name, bad: !valid || strings.TrimSpace(name) != name || kind == KeyPartnership && name == ""}
	if !k.bad {
		k.id = w.run.r.keys.Intern(kind, name)
	}
	return k
}

// partnership returns the partnership of a cell, as an index into w.partList.
func (w *fastWorker) partnership(cell []byte) int32 {
	if i, ok := w.parts.get(cell); ok {
		return i
	}
	i := int32(len(w.partList))
	w.parts.put(cell, i)
	w.partList = append(w.partList, fastPartnership{fastKey: w.newKey(KeyPartnership, cell)})
	return i
}

// maxWaveCells is how many wave cells a worker remembers: waves given as dates with a
// time of day can differ in every row, and are then parsed each time.
const maxWaveCells = 1 << 12

// wave returns the slot in w.waveList of a wave cell's wave, or −1 when it is not one.
// Cells that name one wave differently ("2026Q1", "2026-05-14") share its slot.
func (w *fastWorker) wave(cell []byte) int32 {
	if slot, ok := w.waves.get(cell); ok {
		return slot
	}
	slot := int32(-1)
	if text, valid := w.decode(cell); valid {
		if wv, err := w.run.r.calendar.ParseWave(string(text)); err == nil {
			idx := int32(wv.Index())
			if slot = int32(slices.Index(w.waveList, idx)); slot < 0 {
				slot = int32(len(w.waveList))
				w.waveList = append(w.waveList, idx)
			}
		}
	}
	if w.waves.n < maxWaveCells {
		w.waves.put(cell, slot)
	}
	return slot
}

// pw returns the partnership × wave id of partnership p (an index of w.partList) in
// the wave of slot.
func (w *fastWorker) pw(p *fastPartnership, slot int32) uint32 {
	if int(slot) < len(p.pws) && p.pws[slot] != 0 {
		return p.pws[slot] - 1
	}
	keys := w.run.r.keys
	keys.mu.Lock()
	id := keys.pwID(p.id, w.waveList[slot])
	keys.mu.Unlock()
	if int(slot) >= len(p.pws) {
		p.pws = append(p.pws, make([]uint32, int(slot)+1-len(p.pws))...)
	}
	p.pws[slot] = id + 1
	return id
}

// trimmed reports whether a respondent or time cell has no surrounding space.
func (w *fastWorker) trimmed(cell []byte) bool {
	if len(cell) == 0 {
		return true
	}
	first, last := cell[0], cell[len(cell)-1]
	if first > ' ' && first < 0x80 && last > ' ' && last < 0x80 {
		return true
	}
	text, valid := w.decode(cell)
	return valid && strings.TrimSpace(string(text)) == string(text)
}

// parse reads piece c into w's batch, and reports whether it is clean.
func (w *fastWorker) parse(c int) (clean bool, err error) {
	r := w.run.r
	chunk := int64(fastChunkSize)
	s := r.dataStart + int64(c)*chunk
	e := min(s+chunk, r.size)
	lo, hi := s-1, min(e+fastTail, r.size)
	buf, err := w.read(lo, hi)
	if err != nil {
		return false, err
	}
	w.reset()
	n := len(buf)
	w.lines = int64(bytes.Count(buf[1:1+int(e-s)], []byte{'\n'}))
	// The first line that starts in the piece, and its number within it.
	first, rel := 1, 0
	if c > 0 {
		j := bytes.IndexByte(buf, '\n')
		if j < 0 || int64(j)+1 >= e-lo {
			return true, nil // a line from an earlier piece runs through this one
		}
		first = j + 1
		if j > 0 {
			rel = 1
		}
	}
	// The lines run to the end of the one that holds the piece's last byte.
	end := int(e - lo)
	k := bytes.IndexByte(buf[end-1:], '\n')
	if k < 0 && hi < r.size {
		hi = min(e+fastMargin, r.size)
		if buf, err = w.read(lo, hi); err != nil {
			return false, err
		}
		w.batch.text = w.buf
		n = len(buf)
		k = bytes.IndexByte(buf[end-1:], '\n')
	}
	switch {
	case k >= 0:
		end += k
	case hi == r.size:
		end = n
	default:
		return false, nil // a line longer than the margin
	}
	region := buf[first:end]
	if bytes.IndexByte(region, '"') >= 0 || bytes.IndexByte(region, 0) >= 0 {
		return false, nil
	}
	crs := bytes.Count(region, []byte{'\r'})
	checkText := !ascii(region)
	for pos := first; pos < end; rel++ {
		lineEnd, next := end, end
		if k := bytes.IndexByte(buf[pos:end], '\n'); k >= 0 {
			lineEnd, next = pos+k, pos+k+1
		}
		line, lineStart := buf[pos:lineEnd], pos
		pos = next
		if len(line) > 0 && line[len(line)-1] == '\r' {
			line = line[:len(line)-1]
			crs--
		}
		if len(line) == 0 {
			continue
		}
		if len(line) > maxCellBytes {
			return false, nil
		}
		if checkText && !ascii(line) {
			if _, valid := w.decode(line); !valid {
				return false, nil
			}
		}
		if !w.parseLine(line, lineStart, rel) {
			return false, nil
		}
	}
	return crs == 0, nil
}

// read reads bytes lo to hi of the file into w.buf.
func (w *fastWorker) read(lo, hi int64) ([]byte, error) {
	r := w.run.r
	n := int(hi - lo)
	if cap(w.buf) < n {
		w.buf = make([]byte, n, max(n, fastChunkSize+fastTail+1))
	}
	buf := w.buf[:n]
	if m, err := r.src.ReadAt(buf, lo); m < n {
		if err == nil {
			err = io.ErrUnexpectedEOF
		}
		return nil, &FileError{File: r.name, Err: fmt.Errorf("reading: %w", err)}
	}
	return buf, nil
}

func (w *fastWorker) reset() {
	w.batch.reset()
	w.batch.text = w.buf
	w.fps, w.flags, w.nanswers = w.fps[:0], w.flags[:0], w.nanswers[:0]
	clear(w.answered)
}

// commas writes the offsets of line's commas into bounds[1:], and returns how many
// there are, up to len(bounds)−1. It looks at eight bytes at a time: a byte of the
// word x ^ ",,,,,,,," is zero where line has a comma, and (x&0x7f…+0x7f…)|x|0x7f… has
// the high bit of every byte that is not.
func commas(line []byte, bounds []int) int {
	const ones, low7, comma = 0x0101010101010101, 0x7f7f7f7f7f7f7f7f, ',' * 0x0101010101010101
	n, most := 0, len(bounds)-1
	i := 0
	for ; i+8 <= len(line); i += 8 {
		x := binary.LittleEndian.Uint64(line[i:]) ^ comma
		m := ^((x&low7 + low7) | x | low7)
		for m != 0 {
			if n == most {
				return n + 1
			}
			n++
			bounds[n] = i + bits.TrailingZeros64(m)>>3
			m &= m - 1
		}
	}
	for ; i < len(line); i++ {
		if line[i] == ',' {
			if n == most {
				return n + 1
			}
			n++
			bounds[n] = i
		}
	}
	return n
}

// parseLine reads one line (without its line break), at offset off of w.buf, as a
// response, and reports whether the fast path could read it exactly.
func (w *fastWorker) parseLine(line []byte, off, rel int) bool {
	p := w.run.plan
	cols := len(p.roles)
	bounds := w.bounds
	bounds[0] = -1
	if commas(line, bounds) != cols-1 {
		return blankLine(line) // a short or long row: skipped when every cell is empty
	}
	bounds[cols] = len(line)
	if blankLine(line) {
		return true // encoding/csv gives empty cells; the general path skips the row
	}
	b := &w.batch
	row := len(b.Answers)
	b.Answers = slices.Grow(b.Answers, p.items)[:row+p.items]
	answers := b.Answers[row:]
	for j := range answers {
		answers[j] = Missing
	}
	prow := len(b.Patterns)
	b.Patterns = slices.Grow(b.Patterns, b.Dimensions)[:prow+b.Dimensions]
	pats := b.Patterns[prow:]
	clear(pats)
	answered := w.answered
	low, top := p.lowDigit, p.topDigit
	for _, it := range p.answers {
		start, end := bounds[it.col]+1, bounds[it.col+1]
		switch end - start {
		case 0:
			continue
		case 1:
		default:
			return false
		}
		d := line[start]
		if d < low || d > top {
			return false
		}
		answers[it.item] = int8(d - '0')
		answered[it.item]++
		if len(pats) > 0 {
			pats[it.dim] += uint16(d-low+1) * it.mul
		}
	}
	cell := func(col int) []byte {
		if col < 0 {
			return nil
		}
		return line[bounds[col]+1 : bounds[col+1]]
	}
	part := w.partnership(cell(p.partnership))
	slot := w.wave(cell(p.wave))
	var org, role int64
	if p.org >= 0 {
		org = w.key(KeyOrg, cell(p.org))
	}
	if p.role >= 0 {
		role = w.key(KeyRole, cell(p.role))
	}
	pa := &w.partList[part]
	if pa.bad || slot < 0 || org < 0 || role < 0 {
		return false
	}
	resp, sub := cell(p.respondentCol), cell(p.submitted)
	if !w.trimmed(resp) || !w.trimmed(sub) {
		return false
	}
	var sp span
	if p.respondentCol >= 0 {
		sp.respondent = [2]uint32{uint32(off + bounds[p.respondentCol] + 1), uint32(off + bounds[p.respondentCol+1])}
	}
	if p.submitted >= 0 {
		sp.submitted = [2]uint32{uint32(off + bounds[p.submitted] + 1), uint32(off + bounds[p.submitted+1])}
	}
	b.PW = append(b.PW, w.pw(pa, slot))
	b.Org = append(b.Org, uint32(org))
	b.Role = append(b.Role, uint32(role))
	b.Line = append(b.Line, rel)
	b.spans = append(b.spans, sp)
	b.Len++
	q := w.run.r.quality
	if q == nil {
		return true
	}
	var straight, tooFew bool
	nans := 0
	if w.pt != nil {
		straight, tooFew, nans = w.pt.findings(w.run.r.cb, pats)
	} else {
		straight, tooFew = q.straightLining(answers), q.tooFewAnswers(answers)
		for _, a := range answers {
			if a != Missing {
				nans++
			}
		}
	}
	w.nanswers = append(w.nanswers, uint16(nans))
	var flags uint8
	if straight {
		flags |= fastStraight
	}
	if tooFew {
		flags |= fastTooFew
	}
	// The duplicate key, as appendDupKey builds it from a Response (no partner, no
	// phase: the fast path reads files without those columns).
	k := w.dupKey[:0]
	if len(resp) > 0 {
		flags |= fastRespondent
		r, _ := w.decode(resp)
		k = appendRespondentKey(k, r, pa.name)
	} else {
		keys := w.run.r.keys
		orgName, roleName := keys.Name(KeyOrg, uint32(org)), keys.Name(KeyRole, uint32(role))
		s, _ := w.decode(sub)
		k = appendRowKey(k, pa.name, orgName, "", roleName, s, answers)
	}
	k = appendWavePhase(k, int(w.waveList[slot]), PhaseNone)
	w.dupKey = k
	w.fps = append(w.fps, fingerprint(k))
	w.flags = append(w.flags, flags)
	return true
}

// blankLine reports whether line holds only commas: a row of empty cells.
func blankLine(line []byte) bool {
	for _, c := range line {
		if c != ',' {
			return false
		}
	}
	return true
}

// commit hands on the responses of the piece just parsed, whose first line is base.
func (w *fastWorker) commit(base int) {
	run, r, b := w.run, w.run.r, &w.batch
	for i := range b.Line {
		b.Line[i] += base
	}
	run.mu.Lock()
	r.rows += b.Len
	r.fastRows += b.Len
	for j, n := range w.answered {
		r.labels[j].numbers += n
	}
	run.mu.Unlock()
	if b.Len == 0 {
		return
	}
	if r.quality != nil {
		r.quality.commit(r.name, b, w.fps, w.flags, w.nanswers, w.answered)
	}
	if len(r.skip) > 0 {
		if b.DropLines(r.skip); b.Len == 0 {
			return
		}
	}
	run.sink(w.id, b)
}

package analysis

import (
	"encoding/binary"

	"renkei/survey"
)

// groupLayout places the counts of one group in a compact block of bytes. A group
// needs, per variable (each dimension, then health), the histogram of its respondents'
// score numerators — which gives n, mean, SD and median exactly — and per dimension the
// answered items per scale point after reverse-coding (the distribution); and which
// items have any answer at all (trends compare questionnaires across waves).
//
// At ten million rows there are over a hundred thousand groups, so the block is kept
// small: one byte per histogram bin, over only the numerators a score can take (a mean
// of two, three or four answers on 1–5 takes 25 of the 49 values of 0…48, in twelfths);
// 16-bit distribution counts, four to a 64-bit word, every dimension's points one
// after the other, so that a response adds its whole distribution with one addition
// per word. A group whose counts outgrow that (a bin past
// 255, or more rows than the 16-bit counts can take) is widened once to 32-bit counters
// held apart. A histogram over too wide a range for a flat array (long dimensions on
// long scales) is kept as a map instead.
//
//	block: flags u8 | pad u8 | rows u16 | wide index u32 | answered-item bits |
//	       distribution words (⌈dimensions·points/4⌉) | histogram bins (u8)
type groupLayout struct {
	dims, vars, points int
	items              int     // items of the codebook
	maskWords          int     // 64-bit words of answered-item bits
	distWords          int     // ⌈dimensions·points/4⌉: count dimension·points + point is in word count/4
	maskOff, distOff   int     // byte offsets in the block
	histOff            []int   // per variable: byte offset of its bins; −1 when kept sparse
	binOf              [][]int // per dense variable: numerator → bin (−1 unreachable)
	valueOf            [][]int // per dense variable: bin → numerator
	size               int     // bytes per block, a multiple of 8
	wideDist           int     // in a wide block: first distribution counter (dimension·points + point)
	wideHist           []int   // in a wide block: first bin of each dense variable
	wideSize           int
	rowLimit           int // rows a block takes before its 16-bit distribution counts could overflow
}

const blockHeader = 8

func newGroupLayout(cb *survey.Codebook, sc *Scorer) *groupLayout {
	l := &groupLayout{dims: len(cb.Dimensions), vars: len(cb.Dimensions) + 1, points: cb.Points(), items: len(cb.Items)}
	l.maskWords = (len(cb.Items) + 63) / 64
	l.distWords = (l.dims*l.points + 3) / 4
	l.maskOff = blockHeader
	l.distOff = l.maskOff + 8*l.maskWords
	off := l.distOff + 8*l.distWords
	l.wideDist = 0
	wide := l.dims * l.points
	most := 1
	var dimValues [][]bool
	for _, dim := range cb.Dimensions {
		most = max(most, len(dim.Items))
	}
	dense := sc.DimensionMax() < denseLimit
	for d, dim := range cb.Dimensions {
		if !dense {
			dimValues = append(dimValues, nil)
			continue
		}
		reach := make([]bool, sc.DimensionMax()+1)
		for m := max(sc.minAnswered[d], 1); m <= len(dim.Items); m++ {
			for sum := 0; sum <= m*(l.points-1); sum++ {
				reach[sum*sc.weight[d][m]] = true
			}
		}
		dimValues = append(dimValues, reach)
	}
	// Health takes every sum of one reachable value per dimension.
	health := []bool{true}
	if !dense || len(cb.Dimensions)*sc.DimensionMax() >= denseLimit {
		health = nil
	}
	for _, reach := range dimValues {
		if health == nil {
			break
		}
		next := make([]bool, len(health)+len(reach)-1)
		for a, ok := range health {
			if !ok {
				continue
			}
			for b, ok := range reach {
				if ok {
					next[a+b] = true
				}
			}
		}
		health = next
	}
	for v := 0; v < l.vars; v++ {
		reach := health
		if v < l.dims {
			reach = dimValues[v]
		}
		if reach == nil {
			l.histOff = append(l.histOff, -1)
			l.binOf = append(l.binOf, nil)
			l.valueOf = append(l.valueOf, nil)
			l.wideHist = append(l.wideHist, -1)
			continue
		}
		binOf := make([]int, len(reach))
		var valueOf []int
		for x, ok := range reach {
			binOf[x] = -1
			if ok {
				binOf[x] = len(valueOf)
				valueOf = append(valueOf, x)
			}
		}
		l.histOff = append(l.histOff, off)
		l.binOf = append(l.binOf, binOf)
		l.valueOf = append(l.valueOf, valueOf)
		l.wideHist = append(l.wideHist, wide)
		off += len(valueOf)
		wide += len(valueOf)
	}
	l.size = (off + 7) &^ 7
	l.wideSize = wide
	l.rowLimit = min(0xffff/most, 0xffff)
	return l
}

// rowScore is what one response adds to each of its groups.
type rowScore struct {
	num    []int    // per variable: score numerator, −1 when missing
	at     []int32  // per variable: its bin's byte in a block, −1 when missing or sparse
	wideAt []int32  // per variable: its bin in a wide block, −1 when missing or sparse
	dist   []uint64 // distWords words of four 16-bit counts: answers per dimension and point
	mask   []uint64 // answered items
}

func (l *groupLayout) newRowScore() rowScore {
	return rowScore{num: make([]int, l.vars), at: make([]int32, l.vars), wideAt: make([]int32, l.vars),
		dist: make([]uint64, l.distWords), mask: make([]uint64, l.maskWords)}
}

// place sets the bins of variable v for numerator x (−1 when missing).
func (l *groupLayout) place(rs *rowScore, v, x int) {
	rs.num[v] = x
	if x < 0 || l.histOff[v] < 0 {
		rs.at[v], rs.wideAt[v] = -1, -1
		return
	}
	bin := l.binOf[v][x]
	rs.at[v], rs.wideAt[v] = int32(l.histOff[v]+bin), int32(l.wideHist[v]+bin)
}

// sparse reports whether some variable of the layout is kept sparse.
func (l *groupLayout) sparse() bool {
	for _, o := range l.histOff {
		if o < 0 {
			return true
		}
	}
	return false
}

// groupStore holds the blocks of a set of groups, indexed from 0.
type groupStore struct {
	lay        *groupLayout
	sparseVars bool     // the layout keeps some variable sparse
	pages      [][]byte // blocks, pageBlocks to a page: no block moves as the store grows
	wide       [][]uint32
	sparse     map[int32][]map[uint32]uint32 // per group, per variable kept sparse
	n          int32
	items      []itemCounts // per-item answer counts of the groups that keep them (below)
	itemsOf    []int32      // per group: 1 + its index in items; 0 (or past the end) when none
	itemPage   []uint64     // where the next groups' narrow item counts are carved from
}

// pageBlocks is how many blocks a page of a groupStore holds.
const pageBlocks = 128

func (s *groupStore) newGroup() int32 {
	g := s.n
	s.n++
	if int(g)%pageBlocks == 0 {
		s.pages = append(s.pages, make([]byte, pageBlocks*s.lay.size))
	}
	return g
}

func (s *groupStore) block(g int32) []byte {
	size := s.lay.size
	o := int(g%pageBlocks) * size
	return s.pages[g/pageBlocks][o : o+size : o+size]
}

const wideFlag = 1

// add adds one response's score to group g.
func (s *groupStore) add(g int32, rs *rowScore) {
	l := s.lay
	b := s.block(g)
	for w, m := range rs.mask {
		o := l.maskOff + 8*w
		binary.LittleEndian.PutUint64(b[o:], binary.LittleEndian.Uint64(b[o:])|m)
	}
	if b[0]&wideFlag == 0 {
		rows := binary.LittleEndian.Uint16(b[2:])
		fits := int(rows) < l.rowLimit
		for _, o := range rs.at {
			if o >= 0 && b[o] == 0xff {
				fits = false
			}
		}
		if fits {
			binary.LittleEndian.PutUint16(b[2:], rows+1)
			dist := b[l.distOff : l.distOff+8*len(rs.dist)]
			for i, d := range rs.dist {
				binary.LittleEndian.PutUint64(dist[8*i:], binary.LittleEndian.Uint64(dist[8*i:])+d)
			}
			for _, o := range rs.at {
				if o >= 0 {
					b[o]++
				}
			}
			if s.sparseVars {
				s.addSparseVars(g, rs)
			}
			return
		}
		s.widen(g)
	}
	w := s.wide[binary.LittleEndian.Uint32(b[4:])]
	for d := 0; d < l.dims; d++ {
		for p := 0; p < l.points; p++ {
			f := d*l.points + p
			w[l.wideDist+f] += uint32(rs.dist[f/4] >> (16 * (f % 4)) & 0xffff)
		}
	}
	for _, o := range rs.wideAt {
		if o >= 0 {
			w[o]++
		}
	}
	if s.sparseVars {
		s.addSparseVars(g, rs)
	}
}

func (s *groupStore) addSparseVars(g int32, rs *rowScore) {
	for v, x := range rs.num {
		if x >= 0 && s.lay.histOff[v] < 0 {
			s.addSparse(g, v, x)
		}
	}
}

func (s *groupStore) addSparse(g int32, v, x int) { s.addSparseN(g, v, x, 1) }

func (s *groupStore) addSparseN(g int32, v, x, c int) {
	if s.sparse == nil {
		s.sparse = map[int32][]map[uint32]uint32{}
	}
	m := s.sparse[g]
	if m == nil {
		m = make([]map[uint32]uint32, s.lay.vars)
		s.sparse[g] = m
	}
	if m[v] == nil {
		m[v] = map[uint32]uint32{}
	}
	m[v][uint32(x)] += uint32(c)
}

// widen moves group g's counts to 32-bit counters.
func (s *groupStore) widen(g int32) {
	l := s.lay
	b := s.block(g)
	w := make([]uint32, l.wideSize)
	for d := 0; d < l.dims; d++ {
		for p := 0; p < l.points; p++ {
			w[l.wideDist+d*l.points+p] = uint32(s.smallDist(b, d, p))
		}
	}
	for v := range l.vars {
		if l.histOff[v] < 0 {
			continue
		}
		for bin := range l.valueOf[v] {
			w[l.wideHist[v]+bin] = uint32(b[l.histOff[v]+bin])
		}
	}
	b[0] |= wideFlag
	binary.LittleEndian.PutUint32(b[4:], uint32(len(s.wide)))
	s.wide = append(s.wide, w)
}

func (s *groupStore) smallDist(b []byte, d, p int) uint64 {
	f := d*s.lay.points + p
	return binary.LittleEndian.Uint64(b[s.lay.distOff+8*(f/4):]) >> (16 * (f % 4)) & 0xffff
}

// dist returns the answers of dimension d at scale point p (0-based, after
// reverse-coding) in group g.
func (s *groupStore) dist(g int32, d, p int) uint32 {
	b := s.block(g)
	if b[0]&wideFlag != 0 {
		return s.wide[binary.LittleEndian.Uint32(b[4:])][s.lay.wideDist+d*s.lay.points+p]
	}
	return uint32(s.smallDist(b, d, p))
}

// addDist adds the answers of dimension d of group g per scale point into out.
func (s *groupStore) addDist(g int32, d int, out []int) {
	l := s.lay
	b := s.block(g)
	if b[0]&wideFlag != 0 {
		w := s.wide[binary.LittleEndian.Uint32(b[4:])][l.wideDist+d*l.points:]
		for p := range out {
			out[p] += int(w[p])
		}
		return
	}
	for p := range out {
		out[p] += int(s.smallDist(b, d, p))
	}
}

// answered reports whether item has any answer in group g.
func (s *groupStore) answered(g int32, item int) bool {
	b := s.block(g)
	return binary.LittleEndian.Uint64(b[s.lay.maskOff+8*(item/64):])&(1<<(item%64)) != 0
}

// bins appends the non-empty bins of variable v in group g, in increasing value order.
func (s *groupStore) bins(g int32, v int, values, counts []int) ([]int, []int) {
	l := s.lay
	if l.histOff[v] < 0 {
		m := s.sparse[g]
		if m == nil || m[v] == nil {
			return values, counts
		}
		h := histogram{sparse: m[v]}
		vs, cs := h.bins()
		return append(values, vs...), append(counts, cs...)
	}
	b := s.block(g)
	if b[0]&wideFlag != 0 {
		w := s.wide[binary.LittleEndian.Uint32(b[4:])][l.wideHist[v]:]
		for bin, x := range l.valueOf[v] {
			if c := w[bin]; c > 0 {
				values, counts = append(values, x), append(counts, int(c))
			}
		}
		return values, counts
	}
	h := b[l.histOff[v] : l.histOff[v]+len(l.valueOf[v])]
	for bin, c := range h {
		if c > 0 {
			values, counts = append(values, l.valueOf[v][bin]), append(counts, int(c))
		}
	}
	return values, counts
}

// count returns the number of values counted in variable v of group g.
func (s *groupStore) count(g int32, v int) int {
	l := s.lay
	if l.histOff[v] < 0 {
		n := 0
		if m := s.sparse[g]; m != nil {
			for _, c := range m[v] {
				n += int(c)
			}
		}
		return n
	}
	b := s.block(g)
	n := 0
	if b[0]&wideFlag != 0 {
		w := s.wide[binary.LittleEndian.Uint32(b[4:])][l.wideHist[v]:]
		for bin := range l.valueOf[v] {
			n += int(w[bin])
		}
		return n
	}
	for _, c := range b[l.histOff[v] : l.histOff[v]+len(l.valueOf[v])] {
		n += int(c)
	}
	return n
}

// mergeFrom adds group og of o to group g.
func (s *groupStore) mergeFrom(g int32, o *groupStore, og int32) {
	l := s.lay
	b := s.block(g)
	ob := o.block(og)
	for w := 0; w < l.maskWords; w++ {
		p := l.maskOff + 8*w
		binary.LittleEndian.PutUint64(b[p:], binary.LittleEndian.Uint64(b[p:])|binary.LittleEndian.Uint64(ob[p:]))
	}
	if b[0]&wideFlag == 0 {
		s.widen(g)
	}
	w := s.wide[binary.LittleEndian.Uint32(b[4:])]
	for d := 0; d < l.dims; d++ {
		for p := 0; p < l.points; p++ {
			w[l.wideDist+d*l.points+p] += o.dist(og, d, p)
		}
	}
	var values, counts []int
	for v := range l.vars {
		values, counts = o.bins(og, v, values[:0], counts[:0])
		for i, x := range values {
			if l.histOff[v] < 0 {
				s.addSparseN(g, v, x, counts[i])
				continue
			}
			w[l.wideHist[v]+l.binOf[v][x]] += uint32(counts[i])
		}
	}
	s.mergeItems(g, o, og)
}

// Per-item answer counts (Result.ItemAnswers, for the Likert charts) are kept for the
// whole-partnership groups only, apart from the blocks: answers per item and scale
// point after reverse-coding (lane item·points + point), 16-bit counts four to a
// 64-bit word, so that a response adds a dimension's share with a few word additions
// (patterns.go), widened once to 32-bit counts when a group's rows could overflow them.
// With 16 items on 1–5 that is 160 bytes a group: about 16,000 partnership × wave
// groups, 2.6 MB, at ten million rows of the throughput workload. Org and role groups
// keep none: they would add about six times as much (some 18 MB at ten million rows)
// for counts no output shows.

// itemCounts are one group's per-item answer counts.
type itemCounts struct {
	words []uint64 // four 16-bit lanes a word; nil once wide
	wide  []uint32 // one count a lane, once widened
	rows  int      // responses added while narrow: no lane can exceed it
}

// keepItems makes group g keep per-item answer counts.
func (s *groupStore) keepItems(g int32) {
	for int(g) >= len(s.itemsOf) {
		s.itemsOf = append(s.itemsOf, 0)
	}
	if s.itemsOf[g] == 0 {
		// Carved from pages, so that a shard's counts lie together in memory rather
		// than among everyone's small allocations.
		n := (s.lay.items*s.lay.points + 3) / 4
		if len(s.itemPage) < n {
			s.itemPage = make([]uint64, itemPageGroups*n)
		}
		words := s.itemPage[:n:n]
		s.itemPage = s.itemPage[n:]
		s.items = append(s.items, itemCounts{words: words})
		s.itemsOf[g] = int32(len(s.items))
	}
}

// itemPageGroups is how many groups' item counts a page of a groupStore holds.
const itemPageGroups = 64

// itemCounts returns the per-item answer counts of group g, nil when it keeps none.
func (s *groupStore) itemCounts(g int32) *itemCounts {
	if int(g) >= len(s.itemsOf) || s.itemsOf[g] == 0 {
		return nil
	}
	return &s.items[s.itemsOf[g]-1]
}

// get returns the count of lane l.
func (c *itemCounts) get(l int) uint32 {
	if c.wide != nil {
		return c.wide[l]
	}
	return uint32(c.words[l/4] >> (16 * (l % 4)) & 0xffff)
}

// narrow reports whether one more response fits the 16-bit counts, counting it; when
// it does not, the counts are widened.
func (c *itemCounts) narrow() bool {
	if c.wide == nil && c.rows < 0xffff {
		c.rows++
		return true
	}
	c.widen()
	return false
}

func (c *itemCounts) widen() {
	if c.wide != nil {
		return
	}
	wide := make([]uint32, 4*len(c.words))
	for l := range wide {
		wide[l] = c.get(l)
	}
	c.wide, c.words = wide, nil
}

// addItemCounts adds the answers to item in group g per scale point into out.
func (s *groupStore) addItemCounts(g int32, item int, out []int) {
	c := s.itemCounts(g)
	if c == nil {
		return
	}
	for p := range out {
		out[p] += int(c.get(item*s.lay.points + p))
	}
}

// countItems adds one response's answers to per-item counts c (nil: none kept). Only
// the items of a dimension are counted, as the answer patterns count them.
func countItems(cb *survey.Codebook, c *itemCounts, answers []int8) {
	if c == nil {
		return
	}
	narrow := c.narrow()
	points := cb.Points()
	for _, dim := range cb.Dimensions {
		for _, i := range dim.Items {
			if a := answers[i]; a != survey.Missing {
				l := i*points + cb.Items[i].Score(int(a)) - cb.Min
				if narrow {
					c.words[l/4] += 1 << (16 * (l % 4))
				} else {
					c.wide[l]++
				}
			}
		}
	}
}

// mergeItems adds the per-item counts of group og of o to group g.
func (s *groupStore) mergeItems(g int32, o *groupStore, og int32) {
	oc := o.itemCounts(og)
	if oc == nil {
		return
	}
	s.keepItems(g)
	c := s.itemCounts(g)
	c.widen()
	for l := range c.wide {
		c.wide[l] += oc.get(l)
	}
}

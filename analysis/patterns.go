package analysis

import "renkei/survey"

// patternTables score a response from its answer patterns: per dimension, the answers
// of its items encoded as one small integer (Σ code_t·base^t, code 0 for missing, else
// answer − min + 1, base = points + 1, as reliabilitySums counts them). A table entry
// holds everything the pattern adds to a group: the score numerator (−1 when the
// dimension cannot be scored), the distribution words and the answered-item bits, so
// that a response costs one lookup per dimension instead of a loop over its items.
//
// Tables exist when every dimension has at most maxPatterns patterns and the codebook
// at most 64 items (4 items on 1–5: 1,296 patterns of 28 + 8·distWords bytes each).
type patternTables struct {
	base int
	dims []patternTable
}

type patternTable struct {
	num    []int32
	at     []int32  // the bin's byte in a block
	wideAt []int32  // the bin in a wide block
	dist   []uint64 // per pattern, the dimension's share of the distribution words
	first  int      // the first distribution word the dimension touches
	words  int      // how many it touches
	mask   []uint64
	items  []int16 // per pattern, per item of the dimension: its per-item count lane (item·points + point), −1 unanswered
	// The same as additions to words of 16-bit lanes (groupstore.go, itemCounts):
	// itemWords per pattern, from word itemFirst on.
	itemDelta            []uint64
	itemFirst, itemWords int
}

func newPatternTables(cb *survey.Codebook, sc *Scorer, l *groupLayout) *patternTables {
	if len(cb.Items) > 64 {
		return nil
	}
	t := &patternTables{base: cb.Points() + 1}
	answers := make([]int8, len(cb.Items))
	dims := make([]int, len(cb.Dimensions))
	rs := l.newRowScore()
	for d, dim := range cb.Dimensions {
		n := survey.PatternCount(len(dim.Items), cb.Points(), maxPatterns)
		if n == 0 {
			return nil
		}
		pt := patternTable{num: make([]int32, n), at: make([]int32, n), wideAt: make([]int32, n), mask: make([]uint64, n)}
		pt.first = d * l.points / 4
		pt.words = ((d+1)*l.points+3)/4 - pt.first
		pt.dist = make([]uint64, n*pt.words)
		pt.items = make([]int16, n*len(dim.Items))
		lo, hi := len(cb.Items)*cb.Points(), 0
		for _, i := range dim.Items {
			lo, hi = min(lo, i*cb.Points()), max(hi, (i+1)*cb.Points())
		}
		pt.itemFirst = lo / 4
		pt.itemWords = (hi+3)/4 - pt.itemFirst
		pt.itemDelta = make([]uint64, n*pt.itemWords)
		for idx := range n {
			for i := range answers {
				answers[i] = survey.Missing
			}
			rest := idx
			for _, i := range dim.Items {
				if code := rest % t.base; code > 0 {
					answers[i] = int8(code - 1 + cb.Min)
				}
				rest /= t.base
			}
			scoreAnswers(cb, sc, l, answers, dims, &rs)
			pt.num[idx] = int32(rs.num[d])
			pt.at[idx], pt.wideAt[idx] = rs.at[d], rs.wideAt[d]
			copy(pt.dist[idx*pt.words:], rs.dist[pt.first:pt.first+pt.words])
			pt.mask[idx] = rs.mask[0]
			for t, i := range dim.Items {
				pt.items[idx*len(dim.Items)+t] = -1
				if a := answers[i]; a != survey.Missing {
					l := i*cb.Points() + cb.Items[i].Score(int(a)) - cb.Min
					pt.items[idx*len(dim.Items)+t] = int16(l)
					pt.itemDelta[idx*pt.itemWords+l/4-pt.itemFirst] += 1 << (16 * (l % 4))
				}
			}
		}
		t.dims = append(t.dims, pt)
	}
	return t
}

// patterns writes the answer pattern of every dimension of answers into pats.
func (t *patternTables) patterns(cb *survey.Codebook, answers []int8, pats []uint16) {
	for d, dim := range cb.Dimensions {
		idx, mul := 0, 1
		for _, i := range dim.Items {
			if a := answers[i]; a != survey.Missing {
				idx += (int(a) - cb.Min + 1) * mul
			}
			mul *= t.base
		}
		pats[d] = uint16(idx)
	}
}

// score fills rs from a response's answer patterns.
func (t *patternTables) score(l *groupLayout, pats []uint16, rs *rowScore) {
	health := 0
	var mask uint64
	clear(rs.dist)
	for d, p := range pats {
		e := &t.dims[d]
		x := int(e.num[p])
		rs.num[d], rs.at[d], rs.wideAt[d] = x, e.at[p], e.wideAt[p]
		if x < 0 {
			health = -1
		} else if health >= 0 {
			health += x
		}
		for i, x := range e.dist[int(p)*e.words : (int(p)+1)*e.words] {
			rs.dist[e.first+i] += x
		}
		mask |= e.mask[p]
	}
	l.place(rs, len(pats), health)
	rs.mask[0] = mask
}

// countItems adds a response's answers, from its answer patterns, to per-item counts c
// (nil: none kept), as countItems (groupstore.go) does from its answers.
func (t *patternTables) countItems(c *itemCounts, pats []uint16) {
	if c == nil {
		return
	}
	if c.narrow() {
		for d, p := range pats {
			e := &t.dims[d]
			words := c.words[e.itemFirst : e.itemFirst+e.itemWords]
			for i, x := range e.itemDelta[int(p)*e.itemWords : (int(p)+1)*e.itemWords] {
				words[i] += x
			}
		}
		return
	}
	for d, p := range pats {
		e := &t.dims[d]
		k := len(e.items) / len(e.num)
		for _, l := range e.items[int(p)*k : (int(p)+1)*k] {
			if l >= 0 {
				c.wide[l]++
			}
		}
	}
}

// scoreAnswers fills rs from a response's answers, item by item: the reference the
// pattern tables are built from.
func scoreAnswers(cb *survey.Codebook, sc *Scorer, l *groupLayout, answers []int8, dims []int, rs *rowScore) {
	health := sc.Score(answers, dims)
	for d, x := range dims {
		l.place(rs, d, x)
	}
	l.place(rs, len(dims), health)
	clear(rs.dist)
	clear(rs.mask)
	for d, dim := range cb.Dimensions {
		for _, i := range dim.Items {
			a := answers[i]
			if a == survey.Missing {
				continue
			}
			p := cb.Items[i].Score(int(a)) - cb.Min
			f := d*l.points + p
			rs.dist[f/4] += 1 << (16 * (f % 4))
			rs.mask[i/64] |= 1 << (i % 64)
		}
	}
}

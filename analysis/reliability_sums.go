package analysis

import (
	"math"
	"math/bits"

	"renkei/survey"
)

// pairSums are the exact sums behind one entry of a pairwise-complete covariance
// matrix: over the responses that answered both items i and j, their count and the
// sums of x_i, x_j, x_i², x_j² and x_i·x_j. On the diagonal (i = j) they run over every
// answer to the item. Values enter reverse-coded and shifted to start at 0, which
// changes no covariance and keeps every sum a small whole number.
type pairSums struct {
	n, si, sj, sii, sjj, sij int64
}

func (p *pairSums) add(o *pairSums) {
	p.n += o.n
	p.si += o.si
	p.sj += o.sj
	p.sii += o.sii
	p.sjj += o.sjj
	p.sij += o.sij
}

// cov returns the sample covariance (n−1) of the pair over its complete observations,
// R's cov(x, use = "pairwise") entry. The numerator n·Σxy − Σx·Σy is formed exactly in
// 128-bit arithmetic, so one rounding is all that enters.
func (p *pairSums) cov() float64 {
	if p.n < 2 {
		return math.NaN()
	}
	num := exactDiff(uint64(p.n), uint64(p.sij), uint64(p.si), uint64(p.sj))
	return num / float64(p.n) / float64(p.n-1)
}

// exactDiff returns a·b − c·d for non-negative whole numbers, computed without
// overflow or cancellation and rounded once to float64.
func exactDiff(a, b, c, d uint64) float64 {
	aHi, aLo := bits.Mul64(a, b)
	cHi, cLo := bits.Mul64(c, d)
	neg := aHi < cHi || aHi == cHi && aLo < cLo
	if neg {
		aHi, aLo, cHi, cLo = cHi, cLo, aHi, aLo
	}
	lo, borrow := bits.Sub64(aLo, cLo, 0)
	hi, _ := bits.Sub64(aHi, cHi, borrow)
	v := float64(hi)*0x1p64 + float64(lo)
	if neg {
		return -v
	}
	return v
}

// dimensionSums is the partial result of one dimension in one wave: the pairwise sums
// of every pair of its items (upper triangle with the diagonal, row by row), the
// responses that answered at least one of its items, and those that answered all.
//
// A dimension with few items on a short scale counts answer patterns instead, one
// counter per combination of its items' answers (missing included), which costs one
// increment per response instead of a sum per pair of items; fold turns the counts into
// the same pairwise sums, exactly.
type dimensionSums struct {
	pairs    []pairSums
	rows     int64
	complete int64
	patterns []uint64 // nil unless counting patterns: index Σ code_t·base^t, code 0 missing, else answer − min + 1
}

func (d *dimensionSums) add(o *dimensionSums) {
	d.rows += o.rows
	d.complete += o.complete
	for i := range d.pairs {
		d.pairs[i].add(&o.pairs[i])
	}
	for i, c := range o.patterns {
		d.patterns[i] += c
	}
}

// maxPatterns is the most answer patterns a dimension is counted by (8 bytes each per
// wave): 4 items on a 5-point scale have 6⁴ = 1,296, 4 items on 7 points 8⁴ = 4,096.
var maxPatterns = 4096

// folded returns the sums with the pattern counts turned into pairwise sums.
func (d *dimensionSums) folded(cb *survey.Codebook, dim survey.Dimension) dimensionSums {
	out := dimensionSums{pairs: append([]pairSums(nil), d.pairs...), rows: d.rows, complete: d.complete}
	k, base := len(dim.Items), int64(cb.Points()+1)
	x := make([]int64, k)
	for idx, c64 := range d.patterns {
		if c64 == 0 || idx == 0 {
			continue
		}
		c := int64(c64)
		rest, answered := int64(idx), 0
		for t, i := range dim.Items {
			code := rest % base
			rest /= base
			x[t] = -1
			if code > 0 {
				x[t] = int64(cb.Items[i].Score(int(code)-1+cb.Min) - cb.Min)
				answered++
			}
		}
		out.rows += c
		if answered == k {
			out.complete += c
		}
		p := 0
		for t := 0; t < k; t++ {
			for u := t; u < k; u++ {
				if x[t] >= 0 && x[u] >= 0 {
					ps := &out.pairs[p]
					ps.n += c
					ps.si += c * x[t]
					ps.sj += c * x[u]
					ps.sii += c * x[t] * x[t]
					ps.sjj += c * x[u] * x[u]
					ps.sij += c * x[t] * x[u]
				}
				p++
			}
		}
	}
	return out
}

// pairIndex is the position of the pair (t, u), t ≤ u, of k items in the upper
// triangle stored row by row.
func pairIndex(k, t, u int) int { return t*k - t*(t-1)/2 + u - t }

// reliabilitySums accumulates, per wave and dimension, what Cronbach's alpha, the item
// statistics and omega need: exact integer sums, so that accumulators of disjoint parts
// of the data merge into exactly the accumulator of the whole. Memory grows with waves ×
// Σ(items per dimension)², never with responses.
type reliabilitySums struct {
	cb       *survey.Codebook
	waves    map[int32][]dimensionSums
	lastWave int32
	last     []dimensionSums // the sums of lastWave: rows usually come wave by wave
	values   []int64         // scratch: the answers of one dimension, −1 when missing
}

func newReliabilitySums(cb *survey.Codebook) reliabilitySums {
	most := 0
	for _, d := range cb.Dimensions {
		most = max(most, len(d.Items))
	}
	return reliabilitySums{cb: cb, waves: map[int32][]dimensionSums{}, values: make([]int64, most)}
}

func (s *reliabilitySums) newWave() []dimensionSums {
	w := make([]dimensionSums, len(s.cb.Dimensions))
	for d, dim := range s.cb.Dimensions {
		k := len(dim.Items)
		w[d].pairs = make([]pairSums, k*(k+1)/2)
		if n := survey.PatternCount(k, s.cb.Points(), maxPatterns); n > 0 {
			w[d].patterns = make([]uint64, n)
		}
	}
	return w
}

func (s *reliabilitySums) wave(w int32) []dimensionSums {
	if s.last != nil && s.lastWave == w {
		return s.last
	}
	sums, ok := s.waves[w]
	if !ok {
		sums = s.newWave()
		s.waves[w] = sums
	}
	s.lastWave, s.last = w, sums
	return sums
}

// add accumulates one response's answers in wave w.
func (s *reliabilitySums) add(w int32, answers []int8) {
	sums := s.wave(w)
	cb := s.cb
	base := cb.Points() + 1
	for d, dim := range cb.Dimensions {
		if pat := sums[d].patterns; pat != nil {
			idx, mul := 0, 1
			for _, i := range dim.Items {
				if a := answers[i]; a != survey.Missing {
					idx += (int(a) - cb.Min + 1) * mul
				}
				mul *= base
			}
			pat[idx]++
			continue
		}
		k := len(dim.Items)
		x := s.values[:k]
		answered := 0
		for t, i := range dim.Items {
			x[t] = -1
			if a := answers[i]; a != survey.Missing {
				x[t] = int64(cb.Items[i].Score(int(a)) - cb.Min)
				answered++
			}
		}
		if answered == 0 {
			continue
		}
		ds := &sums[d]
		ds.rows++
		if answered == k {
			ds.complete++
		}
		p := 0
		for t := 0; t < k; t++ {
			xt := x[t]
			if xt < 0 {
				p += k - t
				continue
			}
			for u := t; u < k; u++ {
				if xu := x[u]; xu >= 0 {
					ps := &ds.pairs[p]
					ps.n++
					ps.si += xt
					ps.sj += xu
					ps.sii += xt * xt
					ps.sjj += xu * xu
					ps.sij += xt * xu
				}
				p++
			}
		}
	}
}

// merge adds the sums of o, fed with other responses to the same codebook.
func (s *reliabilitySums) merge(o *reliabilitySums) {
	for w, osums := range o.waves {
		sums := s.wave(w)
		for d := range sums {
			sums[d].add(&osums[d])
		}
	}
}

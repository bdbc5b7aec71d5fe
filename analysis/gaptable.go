package analysis

import (
	"iter"

	"renkei/survey"
)

// GapTable holds a run's gaps in order. A large run has hundreds of thousands (2,000
// partnerships with three or four member organisations over eight waves: about
// 280,000), so a row keeps its names as indices into one table of distinct names and
// its numbers unboxed — about 140 bytes, half of a Gap — and rows are kept in blocks,
// so that growing the table never copies it.
type GapTable struct {
	text   strtab
	blocks [][]gapRecord
	n      int
}

// gapBlock is the number of rows in a block of a GapTable.
const gapBlock = 4096

// The positions of a gapRecord's names and numbers.
const (
	gapPartnership = iota
	gapKind
	gapDimension
	gapFlag
	gapGroupA
	gapPartnerA
	gapGroupB
	gapPartnerB
	gapTexts
)

const (
	gapMeanA = iota
	gapSDA
	gapMeanB
	gapSDB
	gapDiff
	gapCILow
	gapCIHigh
	gapT
	gapDF
	gapP
	gapPAdj
	gapNumbers
)

type gapRecord struct {
	text        [gapTexts]int32
	wave        int32
	n           [2]int32
	suppression [2]Suppression
	suppressed  [2]bool
	num         [gapNumbers]float64
}

// NewGapTable returns a table holding gaps, in the order given.
func NewGapTable(gaps ...Gap) *GapTable {
	t := &GapTable{}
	for _, g := range gaps {
		t.add(g)
	}
	return t
}

// Len returns the number of rows; 0 for a nil table.
func (t *GapTable) Len() int {
	if t == nil {
		return 0
	}
	return t.n
}

// At returns row i.
func (t *GapTable) At(i int) Gap {
	r := t.record(i)
	side := func(s, group, partner, mean, sd int) GapSide {
		return GapSide{
			Group: t.text.names[r.text[group]], Partner: t.text.names[r.text[partner]],
			Suppressed: r.suppressed[s], Suppression: r.suppression[s], N: int(r.n[s]),
			Mean: r.num[mean], SD: r.num[sd],
		}
	}
	return Gap{
		Partnership: t.text.names[r.text[gapPartnership]],
		Wave:        survey.WaveFromIndex(int(r.wave)),
		Kind:        GapKind(t.text.names[r.text[gapKind]]),
		Dimension:   t.text.names[r.text[gapDimension]],
		A:           side(0, gapGroupA, gapPartnerA, gapMeanA, gapSDA),
		B:           side(1, gapGroupB, gapPartnerB, gapMeanB, gapSDB),
		Diff:        r.num[gapDiff], CILow: r.num[gapCILow], CIHigh: r.num[gapCIHigh],
		T: r.num[gapT], DF: r.num[gapDF], P: r.num[gapP], PAdj: r.num[gapPAdj],
		Flag: Flag(t.text.names[r.text[gapFlag]]),
	}
}

// All yields the rows in order; none for a nil table.
func (t *GapTable) All() iter.Seq[Gap] {
	return func(yield func(Gap) bool) {
		for i := range t.Len() {
			if !yield(t.At(i)) {
				return
			}
		}
	}
}

func (t *GapTable) record(i int) *gapRecord { return &t.blocks[i/gapBlock][i%gapBlock] }

func (t *GapTable) add(g Gap) {
	if t.n%gapBlock == 0 {
		t.blocks = append(t.blocks, make([]gapRecord, gapBlock))
	}
	r := t.record(t.n)
	t.n++
	for i, s := range [gapTexts]string{g.Partnership, string(g.Kind), g.Dimension, string(g.Flag), g.A.Group, g.A.Partner, g.B.Group, g.B.Partner} {
		r.text[i] = t.text.id(s)
	}
	r.wave = int32(g.Wave.Index())
	r.n = [2]int32{int32(g.A.N), int32(g.B.N)}
	r.suppression = [2]Suppression{g.A.Suppression, g.B.Suppression}
	r.suppressed = [2]bool{g.A.Suppressed, g.B.Suppressed}
	r.num = [gapNumbers]float64{g.A.Mean, g.A.SD, g.B.Mean, g.B.SD, g.Diff, g.CILow, g.CIHigh, g.T, g.DF, g.P, g.PAdj}
}

// The few fields flagGaps reads and writes, without building a Gap.

func (t *GapTable) kind(i int) GapKind { return GapKind(t.text.names[t.record(i).text[gapKind]]) }

func (t *GapTable) suppressed(i int) bool {
	s := t.record(i).suppressed
	return s[0] || s[1]
}

func (t *GapTable) number(i, which int) float64 { return t.record(i).num[which] }

func (t *GapTable) setPAdj(i int, q float64) { t.record(i).num[gapPAdj] = q }

func (t *GapTable) setFlag(i int, f Flag) { t.record(i).text[gapFlag] = t.text.id(string(f)) }

// series identifies the row's series: its partnership, kind, pair and dimension.
func (t *GapTable) series(i int) [5]int32 {
	r := t.record(i)
	return [5]int32{r.text[gapPartnership], r.text[gapKind], r.text[gapGroupA], r.text[gapGroupB], r.text[gapDimension]}
}

func (t *GapTable) wave(i int) int32 { return t.record(i).wave }

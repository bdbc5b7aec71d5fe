package analysis

import (
	"iter"
	"sort"
)

// GapTable holds a run's gaps in order, in pieces. A large run has hundreds of
// thousands (2,000 partnerships with three or four member organisations over eight
// waves: about 340,000 at ten million rows), more memory than the groups they compare:
// so the table Seams makes keeps, per row, only what is costly to compute or was
// decided run-wide — the p-value and t quantile of its test (an incomplete beta each),
// the adjusted p-value and the flag — and computes a piece's rows again from the
// groups when they are read, to the same bits (the Result and relation aggregator it
// was made from must not change). A piece is the gaps of a span of partnerships;
// pieces may be read concurrently. NewGapTable makes a table of given rows.
type GapTable struct {
	n      int
	starts []int                        // per piece its first row, then n
	piece  func(i int, out []Gap) []Gap // appends the rows of piece i: computed (compared only), or given
	// Per row of a computed table, nil for one of given rows: the p-value and t
	// quantile of its test (Gap.test), its adjusted p-value and its flag (1 + its
	// index in gapFlags; 0 for none).
	p, q, pAdj []float64
	flag       []int8
}

// gapBlock is the number of rows in a piece of a table made by NewGapTable.
const gapBlock = 4096

// NewGapTable returns a table holding gaps, in the order given.
func NewGapTable(gaps ...Gap) *GapTable {
	rows := append([]Gap(nil), gaps...)
	t := &GapTable{n: len(rows)}
	for s := 0; s < len(rows); s += gapBlock {
		t.starts = append(t.starts, s)
	}
	t.starts = append(t.starts, len(rows))
	t.piece = func(i int, out []Gap) []Gap { return append(out, rows[t.starts[i]:t.starts[i+1]]...) }
	return t
}

// Len returns the number of rows; 0 for a nil table.
func (t *GapTable) Len() int {
	if t == nil {
		return 0
	}
	return t.n
}

// Pieces returns the number of pieces; 0 for a nil table.
func (t *GapTable) Pieces() int {
	if t == nil || len(t.starts) == 0 {
		return 0
	}
	return len(t.starts) - 1
}

// Piece appends the rows of piece i to out.
func (t *GapTable) Piece(i int, out []Gap) []Gap {
	first := len(out)
	out = t.piece(i, out)
	if t.pAdj == nil {
		return out
	}
	for j := range out[first:] {
		g, row := &out[first+j], t.starts[i]+j
		g.finish(t.p[row], t.q[row])
		g.PAdj, g.Flag = t.pAdj[row], ""
		if f := t.flag[row]; f > 0 {
			g.Flag = gapFlags[f-1]
		}
	}
	return out
}

// newComputedGapTable returns a table whose piece i, starting at row starts[i], compute
// appends compared only; the rest of each row comes from tests, pAdj and flags (see
// GapTable).
func newComputedGapTable(starts []int, tests gapTests, pAdj []float64, flags []int8, compute func(i int, out []Gap) []Gap) *GapTable {
	n := len(pAdj)
	return &GapTable{n: n, starts: append(starts, n), piece: compute, p: tests.p, q: tests.q, pAdj: pAdj, flag: flags}
}

// At returns row i, computing its piece.
func (t *GapTable) At(i int) Gap { return t.rows([]int{i})[0] }

// rows returns rows at, ascending, computing each piece they lie in once.
func (t *GapTable) rows(at []int) []Gap {
	var out, piece []Gap
	p := -1
	for _, i := range at {
		if q := sort.SearchInts(t.starts, i+1) - 1; q != p {
			p, piece = q, t.Piece(q, piece[:0])
		}
		out = append(out, piece[i-t.starts[p]])
	}
	return out
}

// All yields the rows in order; none for a nil table.
func (t *GapTable) All() iter.Seq[Gap] {
	return func(yield func(Gap) bool) {
		var rows []Gap
		for p := range t.Pieces() {
			rows = t.Piece(p, rows[:0])
			for _, g := range rows {
				if !yield(g) {
					return
				}
			}
		}
	}
}

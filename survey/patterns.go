package survey

// Answer patterns: the answers of one dimension encoded as one small integer,
// Σ code_t·(points+1)^t over the dimension's items t in codebook order, code 0 for a
// missing answer and answer − min + 1 otherwise. The fast reader computes them while it
// parses (Batch.Patterns), so that a response's dimension costs one table lookup
// downstream instead of a loop over its items. analysis counts patterns in the same
// encoding for reliability and scores them with its own tables.

// MaxPatterns is the most answer patterns a dimension is encoded with; a dimension
// with more (long dimensions on long scales) has none.
const MaxPatterns = 4096

// PatternCount returns how many answer patterns a dimension of k items on a scale of
// points has, or 0 when that is more than limit.
func PatternCount(k, points, limit int) int {
	n := 1
	for range k {
		n *= points + 1
		if n > limit {
			return 0
		}
	}
	return n
}

// patternTallies are the survey's view of answer patterns (analysis has its own
// patternTables, which score them): per item, its dimension and its place value; per
// dimension and pattern, the answers given, which values, and whether they are too few.
type patternTallies struct {
	itemDim  []int
	itemMul  []uint16
	answered [][]uint8
	values   [][]uint16 // bit v − min set when some item was answered v
	tooFew   [][]bool   // Dimension.tooFew of the answers given
	min      int
}

// newPatternTallies returns the tables of cb, or nil when a dimension has too many
// patterns or an answer value cannot be a bit of 16.
func newPatternTallies(cb *Codebook) *patternTallies {
	if cb.Points() > 16 {
		return nil
	}
	base := cb.Points() + 1
	t := &patternTallies{itemDim: make([]int, len(cb.Items)), itemMul: make([]uint16, len(cb.Items)), min: cb.Min}
	for d, dim := range cb.Dimensions {
		n := PatternCount(len(dim.Items), cb.Points(), MaxPatterns)
		if n == 0 {
			return nil
		}
		mul := 1
		for _, i := range dim.Items {
			t.itemDim[i], t.itemMul[i] = d, uint16(mul)
			mul *= base
		}
		answered, values, tooFew := make([]uint8, n), make([]uint16, n), make([]bool, n)
		for idx := range n {
			rest := idx
			for range dim.Items {
				if code := rest % base; code > 0 {
					answered[idx]++
					values[idx] |= 1 << (code - 1)
				}
				rest /= base
			}
			tooFew[idx] = dim.tooFew(int(answered[idx]))
		}
		t.answered, t.values, t.tooFew = append(t.answered, answered), append(t.values, values), append(t.tooFew, tooFew)
	}
	return t
}

// findings returns what the quality checks see in a response with answer patterns
// pats: straight-lining (straightLined), a dimension with too few answers
// (Dimension.tooFew, looked up), and the answers in all. The rules are the general
// path's (QualityChecker.straightLining, tooFewAnswers); only the counting is by table.
func (t *patternTallies) findings(cb *Codebook, pats []uint16) (straight, tooFew bool, answered int) {
	var values uint16
	for d, p := range pats {
		answered += int(t.answered[d][p])
		values |= t.values[d][p]
		if t.tooFew[d][p] {
			tooFew = true
		}
	}
	return straightLined(answered, len(cb.Items), values&(values-1) == 0), tooFew, answered
}

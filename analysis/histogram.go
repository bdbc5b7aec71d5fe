package analysis

import (
	"math"
	"math/big"
	"math/bits"
	"sort"
)

// denseLimit is the largest value range a histogram keeps in a flat array; wider ranges
// (many items per dimension on a long scale) use a map.
const denseLimit = 1024

// histogram counts whole-number values 0…max. It is the mergeable partial result behind
// every group statistic: n, mean, variance and median follow from it exactly, and two
// histograms of disjoint data add up to the histogram of their union.
type histogram struct {
	dense  counters          // when the range is below denseLimit
	sparse map[uint32]uint32 // otherwise
	n      int
}

func newHistogram(max int) histogram {
	if max < denseLimit {
		return histogram{dense: newCounters(max + 1)}
	}
	return histogram{sparse: map[uint32]uint32{}}
}

func (h *histogram) add(v int) {
	h.n++
	if h.sparse == nil {
		h.dense.inc(v)
		return
	}
	h.sparse[uint32(v)]++
}

func (h *histogram) merge(o *histogram) {
	h.n += o.n
	if h.sparse == nil {
		h.dense.add(&o.dense)
		return
	}
	for v, c := range o.sparse {
		h.sparse[v] += c
	}
}

// bins returns the non-empty bins in increasing value order.
func (h *histogram) bins() (values []int, counts []int) {
	if h.sparse == nil {
		for v := 0; v < h.dense.len(); v++ {
			if c := h.dense.get(v); c > 0 {
				values = append(values, v)
				counts = append(counts, int(c))
			}
		}
		return values, counts
	}
	for v := range h.sparse {
		values = append(values, int(v))
	}
	sort.Ints(values)
	for _, v := range values {
		counts = append(counts, int(h.sparse[uint32(v)]))
	}
	return values, counts
}

// moments returns the mean and the sample variance (n−1) of min + value/den over the
// counted values. Sums are exact integers and the variance's numerator n·Σx² − (Σx)² is formed
// in 128-bit arithmetic (math/big when Σx² itself passes 64 bits), so no cancellation
// error enters, whatever the number of values.
func (h *histogram) moments(den, min int) (mean, variance float64) {
	values, counts := h.bins()
	return moments(values, counts, h.n, den, min)
}

// moments is histogram.moments over the non-empty bins (values with their counts, n
// in all).
func moments(values, counts []int, n0, den, min int) (mean, variance float64) {
	if n0 == 0 {
		return math.NaN(), math.NaN()
	}
	var sum, sumSq, sumSqHi uint64 // Σx² in 128 bits: x² < 2⁶⁴, but Σx²·c need not be
	for i, v := range values {
		x, c := uint64(v), uint64(counts[i])
		sum += x * c
		hi, lo := bits.Mul64(x*x, c)
		var carry uint64
		sumSq, carry = bits.Add64(sumSq, lo, 0)
		sumSqHi += hi + carry
	}
	n := uint64(n0)
	// One rounding only: the numerator and the denominator are exact integers.
	mean = float64(int64(sum)+int64(n)*int64(min)*int64(den)) / float64(n*uint64(den))
	if n < 2 {
		return mean, math.NaN()
	}
	if sumSqHi != 0 {
		return mean, wideVariance(n, sum, sumSqHi, sumSq, den)
	}
	aHi, aLo := bits.Mul64(n, sumSq)
	bHi, bLo := bits.Mul64(sum, sum)
	lo, borrow := bits.Sub64(aLo, bLo, 0)
	hi, _ := bits.Sub64(aHi, bHi, borrow)
	num := float64(hi)*0x1p64 + float64(lo)
	return mean, num / float64(n) / float64(n-1) / float64(den) / float64(den)
}

// wideVariance is moments' variance when Σx² passes 64 bits (many items per dimension on
// a long scale make values of ~10⁷, and many respondents): the same exact numerator,
// formed in math/big.
func wideVariance(n, sum, sumSqHi, sumSqLo uint64, den int) float64 {
	num := new(big.Int).Lsh(new(big.Int).SetUint64(sumSqHi), 64)
	num.Or(num, new(big.Int).SetUint64(sumSqLo))
	num.Mul(num, new(big.Int).SetUint64(n))
	s := new(big.Int).SetUint64(sum)
	num.Sub(num, s.Mul(s, s))
	f, _ := new(big.Float).SetInt(num).Float64()
	return f / float64(n) / float64(n-1) / float64(den) / float64(den)
}

// median returns the median of min + value/den: the middle value, or the mean of the
// two middle values when n is even (R's median).
func (h *histogram) median(den, min int) float64 {
	values, counts := h.bins()
	return median(values, counts, h.n, den, min)
}

// median is histogram.median over the non-empty bins.
func median(values, counts []int, n, den, min int) float64 {
	if n == 0 {
		return math.NaN()
	}
	lo, hi := (n-1)/2, n/2 // 0-based ranks of the middle values
	var vlo, vhi int
	seen := 0
	for i, c := range counts {
		if seen <= lo && lo < seen+c {
			vlo = values[i]
		}
		if seen <= hi && hi < seen+c {
			vhi = values[i]
			break
		}
		seen += c
	}
	return float64(vlo+vhi+2*min*den) / float64(2*den)
}

package analysis

import (
	"math"
	"slices"
	"testing"
)

func histogramOf(max int, values, counts []int) histogram {
	h := newHistogram(max)
	for i, v := range values {
		for range counts[i] {
			h.add(v)
		}
	}
	return h
}

// TestHistogramAgainstR checks moments and median against histogramRefs, computed in
// testdata/reference.R with mean, var and median.
func TestHistogramAgainstR(t *testing.T) {
	for _, ref := range histogramRefs {
		t.Run(ref.name, func(t *testing.T) {
			h := histogramOf(ref.max, ref.values, ref.counts)
			if dense := h.sparse == nil; dense != (ref.max < denseLimit) {
				t.Errorf("dense = %v for max %d", dense, ref.max)
			}
			mean, variance := h.moments(ref.den, ref.min)
			if !near(mean, ref.mean, tolerance) {
				t.Errorf("mean = %.17g, R %.17g", mean, ref.mean)
			}
			if !near(variance, ref.variance, tolerance) {
				t.Errorf("variance = %.17g, R %.17g", variance, ref.variance)
			}
			if got := h.median(ref.den, ref.min); !near(got, ref.median, tolerance) {
				t.Errorf("median = %.17g, R %.17g", got, ref.median)
			}
			values, counts := h.bins()
			if !slices.Equal(values, ref.values) || !slices.Equal(counts, ref.counts) {
				t.Errorf("bins() = %v, %v, want %v, %v", values, counts, ref.values, ref.counts)
			}
		})
	}
}

func TestHistogramTooFewValues(t *testing.T) {
	for _, max := range []int{48, 5000} {
		h := newHistogram(max)
		mean, variance := h.moments(1, 1)
		if !math.IsNaN(mean) || !math.IsNaN(variance) || !math.IsNaN(h.median(1, 1)) {
			t.Errorf("max %d, empty: mean %g, variance %g, median %g, want NaN", max, mean, variance, h.median(1, 1))
		}
		h.add(max)
		want := 1 + float64(max)/2
		mean, variance = h.moments(2, 1)
		if mean != want || !math.IsNaN(variance) || h.median(2, 1) != want {
			t.Errorf("max %d, one value: mean %g, variance %g, median %g, want %g, NaN, %g", max, mean, variance, h.median(2, 1), want, want)
		}
	}
}

// TestHistogramHugeCounts checks that ten million values keep the moments exact. For
// c1 values a and c2 values b (n = c1 + c2), read as value/den, in closed form:
//
//	mean     = (c1·a + c2·b) / (n·den)
//	variance = c1·c2·(b − a)² / (n·(n − 1)·den²)
//	median   = a when c1 > n/2, (a + b)/2 when c1 = c2
func TestHistogramHugeCounts(t *testing.T) {
	tests := []struct {
		name       string
		max, den   int
		a, b       int
		c1, c2     int
		wantMedian float64 // numerator, over den
	}{
		{"DenseEvenSplit", 48, 12, 47, 48, 5_000_000, 5_000_000, 47.5},
		{"DenseUneven", 192, 48, 0, 192, 3_333_333, 6_666_667, 192},
		{"SparseNeighbours", 300_000, 300, 299_999, 300_000, 5_000_000, 5_000_000, 299_999.5},
		{"SparseOdd", 300_000, 300, 1_000, 299_999, 5_000_001, 4_999_998, 1_000},
		// The health histogram of four 16-item dimensions on 1–7 (denominator
		// lcm(8…16) = 720720, health over 4·720720, top 6·4·720720): Σx²·c passes 2⁶⁴
		// with 200,000 values.
		{"SparseWideSquares", 17_297_280, 2_882_880, 0, 17_297_280, 100_000, 100_000, 8_648_640},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := histogramOf(tt.max, []int{tt.a, tt.b}, []int{tt.c1, tt.c2})
			n := float64(tt.c1 + tt.c2)
			den := float64(tt.den)
			wantMean := (float64(tt.c1)*float64(tt.a) + float64(tt.c2)*float64(tt.b)) / (n * den)
			d := float64(tt.b - tt.a)
			wantVar := float64(tt.c1) * float64(tt.c2) * d * d / (n * (n - 1)) / (den * den)
			mean, variance := h.moments(tt.den, 0)
			if !near(mean, wantMean, 1e-15) {
				t.Errorf("mean = %.17g, want %.17g", mean, wantMean)
			}
			if !near(variance, wantVar, 1e-14) {
				t.Errorf("variance = %.17g, want %.17g (relative error %.2g)", variance, wantVar, math.Abs(variance-wantVar)/wantVar)
			}
			if got, want := h.median(tt.den, 0), tt.wantMedian/den; got != want {
				t.Errorf("median = %.17g, want %.17g", got, want)
			}
		})
	}
}

// TestHistogramMerge checks that histograms of two parts of the data add up to the
// histogram of the whole, dense and sparse, including counts past 255.
func TestHistogramMerge(t *testing.T) {
	for _, max := range []int{48, 1023, 1024, 300_000} {
		values := []int{0, 1, 7, 7, max / 3, max / 2, max, max, max - 1}
		for range 300 {
			values = append(values, max/2)
		}
		whole := newHistogram(max)
		for _, v := range values {
			whole.add(v)
		}
		wantValues, wantCounts := whole.bins()
		for _, split := range []int{0, 1, 4, 9, 100, len(values) - 1, len(values)} {
			a, b := newHistogram(max), newHistogram(max)
			for _, v := range values[:split] {
				a.add(v)
			}
			for _, v := range values[split:] {
				b.add(v)
			}
			a.merge(&b)
			values, counts := a.bins()
			if a.n != whole.n || !slices.Equal(values, wantValues) || !slices.Equal(counts, wantCounts) {
				t.Errorf("max %d, split at %d: merged n %d, bins %v %v; want %d, %v %v", max, split, a.n, values, counts, whole.n, wantValues, wantCounts)
			}
		}
	}
}

package stats

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"
)

// Adjustment is a method of adjusting p-values for multiple testing.
type Adjustment string

// Adjustments, as R's p.adjust methods.
const (
	AdjustBH   Adjustment = "bh"   // Benjamini–Hochberg, p.adjust(p, "BH"): controls the false discovery rate
	AdjustHolm Adjustment = "holm" // Holm, p.adjust(p, "holm"): controls the family-wise error rate
	AdjustNone Adjustment = "none" // no adjustment
)

// ParseAdjustment reads an adjustment name in any letter case.
func ParseAdjustment(s string) (Adjustment, error) {
	switch a := Adjustment(strings.ToLower(strings.TrimSpace(s))); a {
	case AdjustBH, AdjustHolm, AdjustNone:
		return a, nil
	}
	return "", fmt.Errorf("unknown adjustment %q; use bh, holm or none", s)
}

// AdjustP returns the p-values adjusted by method, as R's p.adjust. NaN p-values are
// left out of the family and stay NaN.
func AdjustP(p []float64, method Adjustment) []float64 {
	out := make([]float64, len(p))
	// The p-values that are not NaN, in index order; sorted below with ties kept in
	// index order (a stable sort, faster as one with the index as the tie-break).
	type ranked struct {
		p float64
		i int
	}
	var idx []ranked
	for i, v := range p {
		out[i] = v
		if !math.IsNaN(v) {
			idx = append(idx, ranked{v, i})
		}
	}
	m := float64(len(idx))
	switch method {
	case AdjustBH:
		slices.SortFunc(idx, func(a, b ranked) int {
			if c := cmp.Compare(b.p, a.p); c != 0 {
				return c
			}
			return a.i - b.i
		})
		running := math.Inf(1)
		for k, r := range idx {
			rank := m - float64(k) // largest first: rank m, m−1, …
			running = math.Min(running, m/rank*r.p)
			out[r.i] = math.Min(1, running)
		}
	case AdjustHolm:
		slices.SortFunc(idx, func(a, b ranked) int {
			if c := cmp.Compare(a.p, b.p); c != 0 {
				return c
			}
			return a.i - b.i
		})
		running := 0.0
		for k, r := range idx {
			running = math.Max(running, (m-float64(k))*r.p)
			out[r.i] = math.Min(1, running)
		}
	}
	return out
}

package analysis

import (
	"fmt"
	"math"
	"slices"
	"testing"

	"renkei/survey"
)

// TestGapTableKeepsRows: what goes into a GapTable comes out the same, in order, across
// piece boundaries, read whole or row by row.
func TestGapTableKeepsRows(t *testing.T) {
	var gaps []Gap
	for i := range 2*gapBlock + 17 {
		g := Gap{
			Partnership: fmt.Sprintf("P%04d", i%97), Wave: survey.Wave{Year: 2024 + i%3, Quarter: 1 + i%4},
			Kind: []GapKind{GapDirected, GapOrgs, GapLayers}[i%3], Dimension: []string{"trust", survey.HealthDimension}[i%2],
			A:    GapSide{Group: fmt.Sprintf("O%d", i%7), Partner: fmt.Sprintf("O%d", i%5), N: i, Mean: 3 + float64(i)/1e4, SD: 0.5},
			B:    GapSide{Group: "O9", Suppressed: i%11 == 0, Suppression: Suppression(i % 3), N: i % 13, Mean: math.NaN(), SD: 1.25},
			Diff: float64(i) / 7, CILow: -1, CIHigh: math.Inf(1), T: 2, DF: 33.5, P: 0.01, PAdj: math.NaN(),
		}
		if i%5 == 0 {
			g.Flag = FlagLayerGap
		}
		gaps = append(gaps, g)
	}
	table := NewGapTable(gaps...)
	if table.Len() != len(gaps) {
		t.Fatalf("Len = %d, want %d", table.Len(), len(gaps))
	}
	same := func(a, b Gap) bool { return fmt.Sprintf("%#v", a) == fmt.Sprintf("%#v", b) } // NaN ≠ NaN for ==
	for i, got := range slices.Collect(table.All()) {
		if !same(got, gaps[i]) {
			t.Fatalf("row %d:\n got %#v\nwant %#v", i, got, gaps[i])
		}
	}
	for _, i := range []int{0, gapBlock - 1, gapBlock, len(gaps) - 1} {
		if got := table.At(i); !same(got, gaps[i]) {
			t.Errorf("At(%d):\n got %#v\nwant %#v", i, got, gaps[i])
		}
	}
	if table.Pieces() != 3 {
		t.Errorf("Pieces = %d, want 3", table.Pieces())
	}
	var empty *GapTable
	if empty.Len() != 0 || empty.Pieces() != 0 || len(slices.Collect(empty.All())) != 0 {
		t.Error("a nil table is not empty")
	}
	if NewGapTable().Len() != 0 {
		t.Error("a new table is not empty")
	}
}

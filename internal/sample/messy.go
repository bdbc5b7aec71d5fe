package sample

import (
	"math/rand/v2"
	"slices"
	"strconv"
)

// alteration turns one clean record into a messy one.
type alteration func(rng *rand.Rand, cells []string)

// itemCell replaces one answered, non-reversed item cell with text.
func itemCell(text string) alteration {
	return func(rng *rand.Rand, cells []string) {
		var candidates []int
		for i := range numItems {
			if !isReverse(i) && cells[itemColumn+i] != "" {
				candidates = append(candidates, itemColumn+i)
			}
		}
		if len(candidates) == 0 {
			candidates = append(candidates, itemColumn)
		}
		cells[candidates[rng.IntN(len(candidates))]] = text
	}
}

// setColumn replaces column col with text.
func setColumn(col int, text string) alteration {
	return func(_ *rand.Rand, cells []string) { cells[col] = text }
}

// straightLine answers every item with the top of the scale, reverse items
// included.
func straightLine(_ *rand.Rand, cells []string) {
	for i := range numItems {
		cells[itemColumn+i] = strconv.Itoa(scaleMax)
	}
}

// duplicate leaves the row as it is; addMessyRows repeats it.
func duplicate(*rand.Rand, []string) {}

const (
	partnershipColumn = 1
	waveColumn        = 2
	maxDuplicateGap   = 5 // a duplicate follows its original within this many rows
)

// messyKinds lists every messy row, one alteration each.
func messyKinds() []alteration {
	return []alteration{
		itemCell(labelsEN[4]), // Strongly agree
		itemCell("agree"),
		itemCell(labelsEN[2]), // Neither agree nor disagree
		itemCell(labelsJA[4]), // とてもそう思う
		itemCell(labelsJA[1]), // あまりそう思わない
		itemCell("NA"),
		itemCell("N/A"),
		itemCell("-"),
		itemCell("無回答"),
		itemCell("7"),
		itemCell("maybe"),
		setColumn(partnershipColumn, ""),
		setColumn(waveColumn, "spring"),
		straightLine,
		straightLine,
		straightLine,
		duplicate,
		duplicate,
	}
}

// isDuplicate reports whether kind k of messyKinds is a duplicate.
func isDuplicate(k int) bool { return k >= len(messyKinds())-2 }

// addMessyRows alters a handful of rows of stable partnerships, one per
// segment of the file so that they are spread out, and repeats two rows
// exactly a few rows after their original. It returns the final records.
func addMessyRows(rng *rand.Rand, recs []record) [][]string {
	kinds := messyKinds()
	order := rng.Perm(len(kinds))
	dupOf := make([]int, len(recs)) // 1 + index of the row a copy follows, 0 for none
	for seg, k := range order {
		i, ok := pickEligible(rng, recs, seg*len(recs)/len(kinds), (seg+1)*len(recs)/len(kinds))
		if !ok {
			continue
		}
		kinds[k](rng, recs[i].cells)
		if isDuplicate(k) {
			at := min(i+1+rng.IntN(maxDuplicateGap), len(recs)-1)
			dupOf[at] = i + 1
		}
	}
	rows := make([][]string, 0, len(recs)+2)
	for i, r := range recs {
		rows = append(rows, r.cells)
		if dupOf[i] > 0 {
			rows = append(rows, slices.Clone(recs[dupOf[i]-1].cells))
		}
	}
	return rows
}

// pickEligible picks a row of a stable partnership in recs[lo:hi].
func pickEligible(rng *rand.Rand, recs []record, lo, hi int) (int, bool) {
	var eligible []int
	for i := lo; i < hi; i++ {
		if recs[i].m.p.story == storyStable {
			eligible = append(eligible, i)
		}
	}
	if len(eligible) == 0 {
		return 0, false
	}
	return eligible[rng.IntN(len(eligible))], true
}

package survey

import (
	"math/rand/v2"
	"testing"
)

// TestPatternFindingsAgree: the fast path's findings from answer patterns are the
// general path's straightLining and tooFewAnswers, and its count of answers, for every
// answer vector of a small codebook and for random ones of the built-in codebook.
func TestPatternFindingsAgree(t *testing.T) {
	var seen [2]int // responses straight-lining, with too few answers
	check := func(t *testing.T, cb *Codebook, pt *patternTallies, qc *QualityChecker, answers []int8) {
		t.Helper()
		pats := make([]uint16, len(cb.Dimensions))
		want := 0
		for i, a := range answers {
			if a != Missing {
				want++
				pats[pt.itemDim[i]] += uint16(int(a)-cb.Min+1) * pt.itemMul[i]
			}
		}
		straight, tooFew, n := pt.findings(cb, pats)
		if straight != qc.straightLining(answers) || tooFew != qc.tooFewAnswers(answers) || n != want {
			t.Fatalf("answers %v: findings (%v, %v, %d), general path (%v, %v, %d)", answers,
				straight, tooFew, n, qc.straightLining(answers), qc.tooFewAnswers(answers), want)
		}
		if straight {
			seen[0]++
		}
		if tooFew {
			seen[1]++
		}
	}
	t.Run("EveryVector", func(t *testing.T) {
		cb := mustReadCodebook(t, qualityCodebook)
		pt, qc := newPatternTallies(cb), NewQualityChecker(cb)
		answers := make([]int8, len(cb.Items))
		var walk func(i int)
		walk = func(i int) {
			if i == len(answers) {
				check(t, cb, pt, qc, answers)
				return
			}
			answers[i] = Missing
			walk(i + 1)
			for v := cb.Min; v <= cb.Max; v++ {
				answers[i] = int8(v)
				walk(i + 1)
			}
		}
		walk(0)
	})
	t.Run("Builtin", func(t *testing.T) {
		cb := BuiltinCodebook()
		pt, qc := newPatternTallies(cb), NewQualityChecker(cb)
		rng := rand.New(rand.NewPCG(1, 2))
		answers := make([]int8, len(cb.Items))
		for range 20000 {
			// Few distinct values and many blanks, so that both rules fire often.
			lo := cb.Min + rng.IntN(cb.Points())
			for i := range answers {
				if rng.IntN(3) == 0 {
					answers[i] = Missing
				} else {
					answers[i] = int8(min(cb.Max, lo+rng.IntN(2)*rng.IntN(2)))
				}
			}
			check(t, cb, pt, qc, answers)
		}
	})
	if seen[0] == 0 || seen[1] == 0 {
		t.Errorf("straight-lining found %d times, too few answers %d: the cases miss a rule", seen[0], seen[1])
	}
}

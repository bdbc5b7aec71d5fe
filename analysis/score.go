package analysis

import (
	"renkei/survey"
)

// Scorer turns one response's answers into respondent-level scores held as exact
// integers, so that sums over any number of responses, split any way, are exact.
//
// A dimension score is the mean of the dimension's answered items after reverse-coding,
// and is missing when fewer than half of its items are answered. It is held as the
// numerator s of score = scaleMin + s/Denominator, where Denominator is the least common
// multiple of every possible count of answered items, so s is a whole number.
//
// The health index is the mean of the dimension scores and is missing when any
// dimension score is missing: an average over fewer dimensions would be a different
// quantity, not comparable across respondents. Its numerator is the sum of the dimension
// numerators: health = scaleMin + h/(Dimensions·Denominator).
type Scorer struct {
	cb          *survey.Codebook
	Denominator int     // common denominator of dimension scores
	minAnswered []int   // per dimension: answered items needed for a score
	weight      [][]int // per dimension, per answered count m: Denominator/m
}

// NewScorer prepares scoring for cb.
func NewScorer(cb *survey.Codebook) *Scorer {
	s := &Scorer{cb: cb, Denominator: 1}
	for _, d := range cb.Dimensions {
		need := d.MinAnswered()
		s.minAnswered = append(s.minAnswered, need)
		for m := need; m <= len(d.Items); m++ {
			s.Denominator = lcm(s.Denominator, m)
		}
	}
	for _, d := range cb.Dimensions {
		w := make([]int, len(d.Items)+1)
		for m := 1; m <= len(d.Items); m++ {
			w[m] = s.Denominator / m
		}
		s.weight = append(s.weight, w)
	}
	return s
}

// HealthDenominator is the denominator of health numerators.
func (s *Scorer) HealthDenominator() int { return len(s.cb.Dimensions) * s.Denominator }

// DimensionMax is the largest dimension numerator: the top of the scale.
func (s *Scorer) DimensionMax() int { return (s.cb.Max - s.cb.Min) * s.Denominator }

// Score writes each dimension's numerator into dims (−1 when missing) and returns the
// health numerator (−1 when missing). dims must have one slot per dimension.
func (s *Scorer) Score(answers []int8, dims []int) (health int) {
	health = 0
	for d, dim := range s.cb.Dimensions {
		sum, m := 0, 0
		for _, i := range dim.Items {
			a := answers[i]
			if a == survey.Missing {
				continue
			}
			sum += s.cb.Items[i].Score(int(a)) - s.cb.Min
			m++
		}
		if m < s.minAnswered[d] || m == 0 {
			dims[d] = -1
			health = -1
			continue
		}
		dims[d] = sum * s.weight[d][m]
		if health >= 0 {
			health += dims[d]
		}
	}
	return health
}

// Value converts a dimension numerator to a score on the answer scale.
func (s *Scorer) Value(num int) float64 {
	return float64(s.cb.Min) + float64(num)/float64(s.Denominator)
}

func gcd(a, b int) int {
	for b != 0 {
		a, b = b, a%b
	}
	return a
}

func lcm(a, b int) int { return a / gcd(a, b) * b }

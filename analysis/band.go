package analysis

import "fmt"

// Band classifies a mean score.
type Band string

// Bands, after the Wilder Collaboration Factors Inventory's reading of its 1–5 scale.
const (
	BandStrength   Band = "strength"
	BandBorderline Band = "borderline"
	BandConcern    Band = "concern"
)

// Bands holds the band thresholds on a 1–5 scale; they are rescaled linearly to the
// instrument's scale, so 4.0 on 1–5 becomes 4.75 on 1–6 and 0.75·span above the minimum
// on any scale.
type Bands struct {
	Strength   float64 // a mean at or above this is a strength
	Borderline float64 // at or above this (and below Strength) is borderline; below is a concern
}

// DefaultBands are Wilder's thresholds: ≥ 4.0 strength, 3.0–3.99 borderline, < 3.0 concern.
func DefaultBands() Bands { return Bands{Strength: 4.0, Borderline: 3.0} }

// Validate checks that the thresholds lie on the 1–5 scale in order.
func (b Bands) Validate() error {
	if !(b.Borderline >= 1 && b.Borderline < b.Strength && b.Strength <= 5) {
		return fmt.Errorf("band thresholds must satisfy 1 ≤ borderline < strength ≤ 5 on the 1–5 scale, got borderline %g, strength %g", b.Borderline, b.Strength)
	}
	return nil
}

// rescale maps a threshold on 1–5 to the scale min…max.
func rescale(t float64, min, max int) float64 {
	return float64(min) + (t-1)*float64(max-min)/4
}

// Of returns the band of mean on the scale min…max.
func (b Bands) Of(mean float64, min, max int) Band {
	switch {
	case mean >= rescale(b.Strength, min, max):
		return BandStrength
	case mean >= rescale(b.Borderline, min, max):
		return BandBorderline
	}
	return BandConcern
}

// Thresholds returns the strength and borderline thresholds on the scale min…max.
func (b Bands) Thresholds(min, max int) (strength, borderline float64) {
	return rescale(b.Strength, min, max), rescale(b.Borderline, min, max)
}

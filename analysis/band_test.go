package analysis

import (
	"math"
	"strings"
	"testing"
)

func TestBandsOf(t *testing.T) {
	def := DefaultBands()
	below := func(x float64) float64 { return math.Nextafter(x, math.Inf(-1)) }
	tests := []struct {
		name     string
		bands    Bands
		mean     float64
		min, max int
		want     Band
	}{
		// Wilder's 1–5 reading: ≥ 4.0 strength, 3.0–3.99 borderline, < 3.0 concern.
		{"Top", def, 5, 1, 5, BandStrength},
		{"Exactly4IsStrength", def, 4.0, 1, 5, BandStrength},
		{"JustBelow4IsBorderline", def, 3.9999, 1, 5, BandBorderline},
		{"OneUlpBelow4IsBorderline", def, below(4), 1, 5, BandBorderline},
		{"Exactly3IsBorderline", def, 3.0, 1, 5, BandBorderline},
		{"OneUlpBelow3IsConcern", def, below(3), 1, 5, BandConcern},
		{"2.9999IsConcern", def, 2.9999, 1, 5, BandConcern},
		{"Bottom", def, 1, 1, 5, BandConcern},
		// 1–6: 1 + 3·5/4 = 4.75 and 1 + 2·5/4 = 3.5.
		{"1to6Exactly4.75IsStrength", def, 4.75, 1, 6, BandStrength},
		{"1to6BelowStrength", def, below(4.75), 1, 6, BandBorderline},
		{"1to6Unscaled4IsBorderline", def, 4.0, 1, 6, BandBorderline},
		{"1to6Exactly3.5IsBorderline", def, 3.5, 1, 6, BandBorderline},
		{"1to6Unscaled3.4999IsConcern", def, 3.4999, 1, 6, BandConcern},
		// 1–7: 5.5 and 4; 0–10: 7.5 and 5.
		{"1to7Strength", def, 5.5, 1, 7, BandStrength},
		{"1to7Borderline", def, 4, 1, 7, BandBorderline},
		{"1to7Concern", def, below(4), 1, 7, BandConcern},
		{"0to10Strength", def, 7.5, 0, 10, BandStrength},
		{"0to10Concern", def, 4.99, 0, 10, BandConcern},
		// Custom thresholds 4.5 and 2.5 on 1–5 become 1 + 3.5·5/4 = 5.375 and
		// 1 + 1.5·5/4 = 2.875 on 1–6.
		{"CustomStrength", Bands{Strength: 4.5, Borderline: 2.5}, 5.375, 1, 6, BandStrength},
		{"CustomBorderline", Bands{Strength: 4.5, Borderline: 2.5}, 5.37, 1, 6, BandBorderline},
		{"CustomConcern", Bands{Strength: 4.5, Borderline: 2.5}, 2.87, 1, 6, BandConcern},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.bands.Of(tt.mean, tt.min, tt.max); got != tt.want {
				t.Errorf("Of(%.17g, %d, %d) = %s, want %s", tt.mean, tt.min, tt.max, got, tt.want)
			}
		})
	}
}

func TestBandsThresholds(t *testing.T) {
	tests := []struct {
		min, max             int
		strength, borderline float64
		bands                Bands
	}{
		{1, 5, 4, 3, DefaultBands()},
		{1, 6, 4.75, 3.5, DefaultBands()},
		{1, 7, 5.5, 4, DefaultBands()},
		{0, 10, 7.5, 5, DefaultBands()},
		{1, 6, 5.375, 2.875, Bands{Strength: 4.5, Borderline: 2.5}},
	}
	for _, tt := range tests {
		s, b := tt.bands.Thresholds(tt.min, tt.max)
		if s != tt.strength || b != tt.borderline {
			t.Errorf("%+v.Thresholds(%d, %d) = %g, %g, want %g, %g", tt.bands, tt.min, tt.max, s, b, tt.strength, tt.borderline)
		}
	}
}

func TestBandsValidate(t *testing.T) {
	tests := []struct {
		name    string
		bands   Bands
		wantErr bool
	}{
		{"Default", DefaultBands(), false},
		{"WholeScale", Bands{Strength: 5, Borderline: 1}, false},
		{"ErrZeroValue", Bands{}, true},
		{"ErrBorderlineBelowScale", Bands{Strength: 4, Borderline: 0.5}, true},
		{"ErrStrengthAboveScale", Bands{Strength: 5.5, Borderline: 3}, true},
		{"ErrEqual", Bands{Strength: 3, Borderline: 3}, true},
		{"ErrReversed", Bands{Strength: 3, Borderline: 4}, true},
		{"ErrNaNStrength", Bands{Strength: math.NaN(), Borderline: 3}, true},
		{"ErrNaNBorderline", Bands{Strength: 4, Borderline: math.NaN()}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.bands.Validate()
			if (err != nil) != tt.wantErr {
				t.Fatalf("Validate() = %v, want error %v", err, tt.wantErr)
			}
			if err != nil && !strings.Contains(err.Error(), "borderline") {
				t.Errorf("error %q does not name the thresholds", err)
			}
		})
	}
}

func TestOptionsValidate(t *testing.T) {
	tests := []struct {
		name    string
		opt     Options
		wantErr string // substring; empty when valid
	}{
		{"Default", Options{MinGroup: DefaultMinGroup, Bands: DefaultBands()}, ""},
		{"Floor", Options{MinGroup: MinGroupFloor, Bands: DefaultBands()}, ""},
		{"ErrMinGroup2", Options{MinGroup: 2, Bands: DefaultBands()}, "at least 3, got 2"},
		{"ErrMinGroupZero", Options{Bands: DefaultBands()}, "at least 3, got 0"},
		{"ErrBands", Options{MinGroup: 5, Bands: Bands{Strength: 3, Borderline: 4}}, "band thresholds"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.opt.Validate()
			switch {
			case tt.wantErr == "" && err != nil:
				t.Errorf("Validate() = %v, want nil", err)
			case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
				t.Errorf("Validate() = %v, want an error containing %q", err, tt.wantErr)
			}
		})
	}
	if MinGroupFloor != 3 || DefaultMinGroup != 5 {
		t.Errorf("MinGroupFloor, DefaultMinGroup = %d, %d; DESIGN.md says 3 and 5", MinGroupFloor, DefaultMinGroup)
	}
}

package analysis

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
	"testing"

	sampledata "renkei/internal/sample"
	"renkei/survey"
)

// mustResult scores CSV files (name → content) read with the built-in codebook.
func mustResult(tb testing.TB, files map[string][]byte, names ...string) *Result {
	tb.Helper()
	cb := survey.BuiltinCodebook()
	agg := NewAggregator(cb)
	for _, name := range names {
		rd, err := survey.NewReader(bytes.NewReader(files[name]), name, cb, survey.ReadOptions{})
		if err != nil {
			tb.Fatal(err)
		}
		for {
			resp, err := rd.Read()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				tb.Fatal(err)
			}
			agg.Add(resp)
		}
	}
	return agg.Result(Options{MinGroup: DefaultMinGroup, Bands: DefaultBands()})
}

func sampleResult(tb testing.TB) *Result {
	tb.Helper()
	files := map[string][]byte{}
	var names []string
	for _, f := range sampledata.Inputs() {
		files[f.Path] = f.Data
		names = append(names, f.Path)
	}
	return mustResult(tb, files, names...)
}

// TestSampleTrendStory: the sample's story comes out of the default rules, and nothing
// else does — kita-hospital's trust declines, higashi-school improves after its
// training, minami-care has no trend, and no stable partnership gets a trend flag.
func TestSampleTrendStory(t *testing.T) {
	trends := sampleResult(t).Trends(DefaultTrendOptions())
	byRow := map[string]*Trend{}
	for i := range trends {
		tr := &trends[i]
		byRow[tr.Partnership+"/"+tr.Dimension] = tr
	}
	t.Run("KitaHospitalTrustDeclining", func(t *testing.T) {
		tr := byRow["kita-hospital/trust"]
		if !tr.Has(FlagDeclining) || tr.Has(FlagImproving) {
			t.Errorf("flags %v, want declining", tr.Flags)
		}
		if len(tr.Evidence) == 0 || tr.Evidence[0] != EvidenceSlope {
			t.Errorf("evidence %v, want the slope rule", tr.Evidence)
		}
	})
	t.Run("HigashiSchoolImprovingByShift", func(t *testing.T) {
		for _, dim := range []string{"communication", "role_clarity", "health"} {
			tr := byRow["higashi-school/"+dim]
			if !tr.Has(FlagImproving) || tr.Has(FlagDeclining) {
				t.Errorf("%s: flags %v, want improving", dim, tr.Flags)
			}
			if tr.Shift == nil || tr.Shift.Reference != (survey.Wave{Year: 2026, Quarter: 2}) {
				t.Errorf("%s: shift %+v, want one against 2026Q2", dim, tr.Shift)
			}
		}
	})
	t.Run("MinamiCareTooFewWaves", func(t *testing.T) {
		for _, dim := range []string{"trust", "health"} {
			tr := byRow["minami-care/"+dim]
			if tr.Waves != 0 || len(tr.Flags) != 1 || tr.Flags[0] != FlagTooFewWaves {
				t.Errorf("%s: waves %d, flags %v; want 0 and too_few_waves only", dim, tr.Waves, tr.Flags)
			}
		}
	})
	t.Run("StableNotFlagged", func(t *testing.T) {
		story := map[string]bool{"kita-hospital": true, "higashi-school": true, "minami-care": true}
		for _, tr := range trends {
			if story[tr.Partnership] {
				continue
			}
			if len(tr.Flags) > 0 {
				t.Errorf("%s %s: flags %v, want none (slope p %.3g adjusted %.3g, shift p %.3g adjusted %.3g)",
					tr.Partnership, tr.Dimension, tr.Flags, tr.SlopeP, tr.SlopePAdj, tr.Shift.P, tr.ShiftPAdj)
			}
		}
	})
}

// responsesCSV writes a responses file of partnership p: per wave, one row per answer
// pattern, every item answered with the pattern's value (reverse items reversed, so
// every dimension scores the value). Items listed in drop have no column.
func responsesCSV(p string, waves []string, values []int, drop ...string) []byte {
	cb := survey.BuiltinCodebook()
	var b strings.Builder
	b.WriteString("partnership,wave")
	for _, it := range cb.Items {
		if !slices.Contains(drop, it.ID) {
			b.WriteString("," + it.ID)
		}
	}
	b.WriteString("\n")
	for _, w := range waves {
		for _, v := range values {
			b.WriteString(p + "," + w)
			for _, it := range cb.Items {
				if !slices.Contains(drop, it.ID) {
					fmt.Fprintf(&b, ",%d", it.Score(v))
				}
			}
			b.WriteString("\n")
		}
	}
	return []byte(b.String())
}

func TestTrendFlagsFromData(t *testing.T) {
	mid := []int{3, 4, 3, 4, 3, 4}
	cases := []struct {
		name  string
		files map[string][]byte
		dim   string
		waves int
		want  []Flag
	}{
		{
			name: "NotComparableWhenAnItemColumnIsMissing",
			files: map[string][]byte{
				"a.csv": responsesCSV("p", []string{"2025Q1", "2025Q2"}, mid),
				"b.csv": responsesCSV("p", []string{"2025Q3"}, mid, "goal4"),
			},
			dim: "shared_goals", waves: 3, want: []Flag{FlagNotComparable},
		},
		{
			name: "HealthNotComparableEither",
			files: map[string][]byte{
				"a.csv": responsesCSV("p", []string{"2025Q1", "2025Q2"}, mid),
				"b.csv": responsesCSV("p", []string{"2025Q3"}, mid, "goal4"),
			},
			dim: "health", waves: 3, want: []Flag{FlagNotComparable},
		},
		{
			name: "OtherDimensionsStillComparable",
			files: map[string][]byte{
				"a.csv": responsesCSV("p", []string{"2025Q1", "2025Q2"}, mid),
				"b.csv": responsesCSV("p", []string{"2025Q3"}, mid, "goal4"),
			},
			dim: "trust", waves: 3, want: nil,
		},
		{
			name:  "BelowBandWhenTheCILiesBelowBorderline",
			files: map[string][]byte{"a.csv": responsesCSV("p", []string{"2025Q1", "2025Q2", "2025Q3"}, []int{2, 2, 3, 2, 1, 2})},
			dim:   "trust", waves: 3, want: []Flag{FlagBelowBand},
		},
		{
			name:  "NotBelowBandWhenTheCIReachesBorderline",
			files: map[string][]byte{"a.csv": responsesCSV("p", []string{"2025Q1", "2025Q2", "2025Q3"}, []int{2, 4, 3, 2, 1, 4})},
			dim:   "trust", waves: 3, want: nil,
		},
		{
			name:  "TooFewWavesWithTwo",
			files: map[string][]byte{"a.csv": responsesCSV("p", []string{"2025Q1", "2026Q1"}, mid)},
			dim:   "trust", waves: 2, want: []Flag{FlagTooFewWaves},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			names := slices.Sorted(maps.Keys(tc.files))
			trends := mustResult(t, tc.files, names...).Trends(DefaultTrendOptions())
			for _, tr := range trends {
				if tr.Dimension != tc.dim {
					continue
				}
				if tr.Waves != tc.waves || !slices.Equal(tr.Flags, tc.want) {
					t.Errorf("waves %d, flags %v; want %d, %v", tr.Waves, tr.Flags, tc.waves, tc.want)
				}
				return
			}
			t.Fatalf("no trend row for %s", tc.dim)
		})
	}
}

// TestTrendSlopePerQuarter: waves are numbered by quarter, so a gap keeps its place:
// wave means 3.5, 3.625 and 3.75 observed once a year give a slope per wave (quarter)
// of 0.03125 — R: coef(lm(c(3.5, 3.625, 3.75) ~ c(0, 4, 8)))[2].
func TestTrendSlopePerQuarter(t *testing.T) {
	files := map[string][]byte{
		"a.csv": responsesCSV("p", []string{"2024Q1"}, []int{3, 3, 3, 3, 4, 4, 4, 4}),
		"b.csv": responsesCSV("p", []string{"2025Q1"}, []int{3, 3, 3, 4, 4, 4, 4, 4}),
		"c.csv": responsesCSV("p", []string{"2026Q1"}, []int{3, 3, 4, 4, 4, 4, 4, 4}),
	}
	trends := mustResult(t, files, "a.csv", "b.csv", "c.csv").Trends(DefaultTrendOptions())
	tr := trends[0]
	if tr.Waves != 3 || tr.First != (survey.Wave{Year: 2024, Quarter: 1}) || tr.Latest != (survey.Wave{Year: 2026, Quarter: 1}) {
		t.Fatalf("waves %d from %v to %v, want 3 from 2024Q1 to 2026Q1", tr.Waves, tr.First, tr.Latest)
	}
	checkNear(t, "slope", tr.Slope, 0.03125)
	checkNear(t, "Theil–Sen", tr.TheilSen, 0.03125)
	if tr.LastChange.From != (survey.Wave{Year: 2025, Quarter: 1}) {
		t.Errorf("last change from %v, want the previous reported wave 2025Q1", tr.LastChange.From)
	}
}

package reports

import (
	"testing"

	"renkei/analysis"
	"renkei/survey"
)

// TestQualityCountsFailClosed: a quality count goes out only with the disclosure
// control's decision on it, and with the responses the control counted.
func TestQualityCountsFailClosed(t *testing.T) {
	q := &survey.QualitySummary{Groups: []survey.QualityGroup{
		{Partnership: "p", Wave: survey.Wave{Year: 2026, Quarter: 1}, QualityCounts: survey.QualityCounts{Responses: 40, Flagged: 2}},
	}}
	w := survey.Wave{Year: 2026, Quarter: 1}.Index()
	for _, tc := range []struct {
		name      string
		decisions map[analysis.QualityKey]analysis.QualityCount
		shown     int // responses of the wave's entry, 0 when suppressed
	}{
		{"NoDecision", nil, 0},
		{"Hidden", map[analysis.QualityKey]analysis.QualityCount{{Partnership: "p", Wave: w}: {Hidden: true, Responses: 40}}, 0},
		{"ShownAsCounted", map[analysis.QualityKey]analysis.QualityCount{{Partnership: "p", Wave: w}: {Responses: 37}}, 37},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := summaryQualityOf(&Run{Quality: q, QualityCounts: tc.decisions}, 40, 0)
			got := s.Partnerships[0].Waves[0]
			switch {
			case tc.shown == 0 && (!got.Suppressed || got.Responses != nil || got.Flagged != nil):
				t.Errorf("entry %+v, want suppressed with no count", got)
			case tc.shown != 0 && (got.Suppressed || got.Responses == nil || *got.Responses != tc.shown):
				t.Errorf("entry %+v, want %d responses shown", got, tc.shown)
			}
			if p := s.Partnerships[0]; !p.Suppressed || p.Responses != nil {
				t.Errorf("the partnership's total, with no decision on it, is shown: %+v", p)
			}
		})
	}
}

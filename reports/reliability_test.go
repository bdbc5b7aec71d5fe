package reports

import (
	"bytes"
	"encoding/json"
	"math"
	"strings"
	"testing"

	"renkei/analysis"
	"renkei/survey"
)

func TestWriteReliabilityCSV(t *testing.T) {
	nan := math.NaN()
	t.Run("EmptyHasHeader", func(t *testing.T) {
		var b bytes.Buffer
		if err := WriteReliabilityCSV(&b, nil, survey.Calendar{FiscalStart: 1}); err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(b.String(), "wave,dimension,item,n,alpha,std_alpha,alpha_ci_low,alpha_ci_high,average_r,r_drop,alpha_if_dropped,") {
			t.Errorf("got %q", b.String())
		}
	})
	t.Run("RowsPerDimensionAndItem", func(t *testing.T) {
		rel := []analysis.DimensionReliability{
			{AllWaves: true, Dimension: "=trust", N: 40, Complete: 38, Alpha: 0.5, StdAlpha: 0.25, CILow: 0.125, CIHigh: 0.75, AverageR: 0.2, OmegaTotal: nan,
				Warnings: []analysis.Warning{{Code: analysis.WarnLowAlpha, Message: "low"}},
				Items: []analysis.ItemReliability{
					{Item: "t1", N: 39, RDrop: -0.5, AlphaIfDropped: 0.875, Warnings: []analysis.Warning{{Code: analysis.WarnReverseCoding, Message: "check reverse coding of item t1"}}},
					{Item: "t2", N: 40, RDrop: 0.5, AlphaIfDropped: nan},
				}},
			{Wave: survey.Wave{Year: 2026, Quarter: 1}, Dimension: "=trust", N: 3, Suppressed: true, Alpha: nan},
		}
		var b bytes.Buffer
		if err := WriteReliabilityCSV(&b, rel, survey.Calendar{FiscalStart: 4}); err != nil {
			t.Fatal(err)
		}
		want := "wave,dimension,item,n,alpha,std_alpha,alpha_ci_low,alpha_ci_high,average_r,r_drop,alpha_if_dropped,omega_total,n_complete,suppressed,warnings\n" +
			"all,'=trust,,40,0.5,0.25,0.125,0.75,0.2,,,,38,false,low\n" +
			"all,'=trust,t1,39,,,,,,-0.5,0.875,,,false,check reverse coding of item t1\n" +
			"all,'=trust,t2,40,,,,,,0.5,,,,false,\n" +
			"FY2026Q1,'=trust,,,,,,,,,,,,true,\n"
		if b.String() != want {
			t.Errorf("got\n%s\nwant\n%s", b.String(), want)
		}
	})
}

// TestSummaryReliabilityWarningsNameTheirItem: in summary.json an item's warning sits
// on its dimension with the item named, and a suppressed set carries no statistic.
func TestSummaryReliabilityWarningsNameTheirItem(t *testing.T) {
	rel := []analysis.DimensionReliability{
		{AllWaves: true, Dimension: "trust", N: 40, Alpha: 0.5, StdAlpha: 0.5, CILow: 0.4, CIHigh: 0.6, AverageR: 0.2, OmegaTotal: 0.5,
			Items: []analysis.ItemReliability{{Item: "t1", N: 39, RDrop: -0.5, AlphaIfDropped: 0.875,
				Warnings: []analysis.Warning{{Code: analysis.WarnReverseCoding, Message: "check reverse coding of item t1"}}}}},
		{Wave: survey.Wave{Year: 2026, Quarter: 1}, Dimension: "trust", N: 3, Suppressed: true, Alpha: math.NaN()},
	}
	out, err := json.Marshal(summaryReliabilities(rel, survey.Calendar{FiscalStart: 1}))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		`"warnings":[{"code":"check_reverse_coding","item":"t1","message":"check reverse coding of item t1"}]`,
		`{"wave":"2026Q1","dimension":"trust","suppressed":true}`,
	} {
		if !strings.Contains(string(out), want) {
			t.Errorf("summary lacks %s:\n%s", want, out)
		}
	}
}

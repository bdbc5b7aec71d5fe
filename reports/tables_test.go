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

func TestSafeText(t *testing.T) {
	cases := []struct{ name, in, want string }{
		{"Plain", "kita-hospital", "kita-hospital"},
		{"Empty", "", ""},
		{"Formula", "=HYPERLINK(\"x\")", "'=HYPERLINK(\"x\")"},
		{"Plus", "+81 3", "'+81 3"},
		{"Minus", "-cmd", "'-cmd"},
		{"At", "@SUM(A1)", "'@SUM(A1)"},
		{"Tab", "\tx", "'\tx"},
		{"CarriageReturn", "\rx", "'\rx"},
		{"Japanese", "みなと病院", "みなと病院"},
		{"InnerEquals", "a=b", "a=b"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := SafeText(tc.in); got != tc.want {
				t.Errorf("SafeText(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestNumberKeepsFullPrecision(t *testing.T) {
	for _, v := range []float64{1.0 / 3, 4.666666666666667, 0.1 + 0.2, 1e-12, 123456.789} {
		s := number(v)
		var back float64
		if err := json.Unmarshal([]byte(s), &back); err != nil || back != v {
			t.Errorf("number(%v) = %q does not read back exactly", v, s)
		}
	}
	if number(math.NaN()) != "" {
		t.Error("NaN must be an empty cell")
	}
}

func TestWriteQualityCSV(t *testing.T) {
	t.Run("EmptyHasHeader", func(t *testing.T) {
		var b bytes.Buffer
		if err := WriteQualityCSV(&b, nil); err != nil {
			t.Fatal(err)
		}
		if b.String() != "file,line,column,severity,code,message\n" {
			t.Errorf("got %q", b.String())
		}
	})
	t.Run("HostileTextNeutralised", func(t *testing.T) {
		var b bytes.Buffer
		ps := []survey.Problem{
			{File: "=evil.csv", Line: 3, Column: 2, Severity: survey.SeverityError, Code: survey.CodeBadAnswer, Message: "@SUM(1)"},
			{File: "a.csv", Severity: survey.SeverityInfo, Code: survey.CodeLabelAnswer, Message: "whole file"},
		}
		if err := WriteQualityCSV(&b, ps); err != nil {
			t.Fatal(err)
		}
		want := "file,line,column,severity,code,message\n'=evil.csv,3,2,error,bad_answer,'@SUM(1)\na.csv,,,info,label_answer,whole file\n"
		if b.String() != want {
			t.Errorf("got\n%s\nwant\n%s", b.String(), want)
		}
	})
}

// TestSuppressedRowsCarryNothing: a suppressed group is written with every statistic
// empty, in CSV and in JSON.
func TestSuppressedRowsCarryNothing(t *testing.T) {
	cb := survey.BuiltinCodebook()
	agg := analysis.NewAggregator(cb)
	for i := 0; i < 2; i++ {
		answers := make([]int8, len(cb.Items))
		for j := range answers {
			answers[j] = int8(1 + (i+j)%5)
		}
		agg.Add(&survey.Response{Partnership: "=tiny", Wave: survey.Wave{Year: 2026, Quarter: 1}, Answers: answers})
	}
	res := agg.Result(analysis.Options{MinGroup: 5, Bands: analysis.DefaultBands()})
	var csvOut bytes.Buffer
	if err := WriteScoresCSV(&csvOut, res, survey.Calendar{FiscalStart: 4}); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(csvOut.String()), "\n")
	if got, want := lines[1], "'=tiny,FY2026Q1,all,,communication,,,,,,,,,true,,fewer_than_k"; got != want {
		t.Errorf("suppressed row:\n got %s\nwant %s", got, want)
	}
	var jsonOut bytes.Buffer
	if err := WriteSummaryJSON(&jsonOut, &Run{Version: "test", Calendar: survey.Calendar{FiscalStart: 1}, Result: res}); err != nil {
		t.Fatal(err)
	}
	var s struct {
		Partnerships []struct {
			ID         string           `json:"id"`
			Suppressed bool             `json:"suppressed"`
			Scores     []map[string]any `json:"scores"`
		} `json:"partnerships"`
	}
	if err := json.Unmarshal(jsonOut.Bytes(), &s); err != nil {
		t.Fatal(err)
	}
	if len(s.Partnerships) != 1 || !s.Partnerships[0].Suppressed {
		t.Fatalf("partnerships = %+v", s.Partnerships)
	}
	for _, sc := range s.Partnerships[0].Scores {
		for k := range sc {
			if k != "dimension" && k != "suppressed" {
				t.Errorf("suppressed score carries %q", k)
			}
		}
	}
}

func TestMDText(t *testing.T) {
	cases := []struct{ name, in, want string }{
		{"Plain", "kita-hospital", "kita-hospital"},
		{"PipeWouldSplitTheCell", "a|b", `a\|b`},
		{"HTML", "<img src=x>", `\<img src=x\>`},
		{"Link", "[x](http://e)", `\[x\](http://e)`},
		{"Emphasis", "*x*_y_", `\*x\*\_y\_`},
		{"NewlineWouldEndTheRow", "a\nb", "a b"},
		{"Japanese", "みなと病院", "みなと病院"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := mdText(tc.in); got != tc.want {
				t.Errorf("mdText(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestWriteTrendsCSVEmptyHasHeader(t *testing.T) {
	var b bytes.Buffer
	if err := WriteTrendsCSV(&b, nil, survey.Calendar{FiscalStart: 1}); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(b.String(), "partnership,dimension,waves,slope,slope_ci_low,slope_ci_high,theil_sen,kendall_tau,kendall_p,last_change,last_change_p,last_change_g,flag,") {
		t.Errorf("header %q does not start with the contract's columns", b.String())
	}
}

// TestEmptyTablesHaveHeaders: a table with no rows still names its columns (gocsv
// writes the header from the row type), so scripts can read it.
func TestEmptyTablesHaveHeaders(t *testing.T) {
	var rel, supp bytes.Buffer
	if err := WriteReliabilityCSV(&rel, nil, survey.Calendar{}); err != nil {
		t.Fatal(err)
	}
	if got := rel.String(); got != "wave,dimension,item,n,alpha,std_alpha,alpha_ci_low,alpha_ci_high,average_r,r_drop,alpha_if_dropped,omega_total,n_complete,suppressed,warnings\n" {
		t.Errorf("empty reliability.csv = %q", got)
	}
	agg := analysis.NewAggregator(survey.BuiltinCodebook())
	if err := WriteSuppressedCSV(&supp, agg.Result(analysis.Options{MinGroup: 5, Bands: analysis.DefaultBands()}), survey.Calendar{}); err != nil {
		t.Fatal(err)
	}
	if got := supp.String(); got != "partnership,wave,breakdown,group,dimension,rule,reason\n" {
		t.Errorf("empty suppressed.csv = %q", got)
	}
}

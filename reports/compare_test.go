package reports

import (
	"bytes"
	"strings"
	"testing"

	"renkei/analysis"
)

func TestWriteCompareCSV(t *testing.T) {
	t.Run("NothingToCompareHasHeader", func(t *testing.T) {
		var b bytes.Buffer
		if err := WriteCompareCSV(&b, nil); err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(b.String(), "scope,dimension,design,n_before,n_after,n_pairs,mean_before,mean_after,diff,diff_ci_low,diff_ci_high,t,df,p,p_holm,effect,effect_ci_low,effect_ci_high,rank_stat,rank_p,") {
			t.Errorf("header %q breaks the DESIGN contract", b.String())
		}
	})
	t.Run("SuppressedRowCarriesNoStatistics", func(t *testing.T) {
		cmp := &analysis.Comparison{MinGroup: 5, Scopes: []analysis.ScopeComparison{{
			Scope: "=tiny", Design: analysis.DesignPaired, Suppressed: true,
			Rows: []analysis.ChangeRow{{Dimension: "trust", Suppressed: true}},
		}}}
		var b bytes.Buffer
		if err := WriteCompareCSV(&b, cmp); err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(strings.TrimSpace(b.String()), "\n")
		if want := "'=tiny,trust,paired" + strings.Repeat(",", 34) + "true"; lines[1] != want {
			t.Errorf("got  %s\nwant %s", lines[1], want)
		}
		var table bytes.Buffer
		if err := WriteCompareTable(&table, cmp); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(table.String(), "=tiny: fewer than 5 respondents on a side; not shown") {
			t.Errorf("table:\n%s", table.String())
		}
	})
}

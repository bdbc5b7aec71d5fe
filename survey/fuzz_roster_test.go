package survey

import (
	"bytes"
	"sort"
	"testing"
)

func FuzzRoster(f *testing.F) {
	f.Add([]byte(RosterHeader + "\np1,First,A,person,top,1\np1,,A,,frontline,3\np1,,B,agency-level,,5\n"))
	f.Add([]byte("\xEF\xBB\xBFexpected,org,partnership\n3,A,p\n"))
	f.Add(mustShiftJIS(RosterHeader + "\n市役所,市の連携,福祉課,組織,,12\n"))
	f.Add([]byte(RosterHeader + "\np,n,A,,,3\np,n,A,,top,4\n"))
	f.Add([]byte(RosterHeader + "\np,\"n,A,,,3\n"))
	f.Add([]byte("partnership,org,expected,org\n"))
	f.Add([]byte(""))
	f.Fuzz(func(t *testing.T, data []byte) {
		ro, err := ReadRoster(bytes.NewReader(data), "fuzz.csv")
		if err != nil {
			requireFileError(t, err)
			return
		}
		if len(ro.Partnerships) == 0 {
			t.Fatal("a roster without partnerships was accepted")
		}
		if !sort.SliceIsSorted(ro.Partnerships, func(i, j int) bool { return ro.Partnerships[i].ID < ro.Partnerships[j].ID }) {
			t.Fatal("partnerships are not sorted")
		}
		for _, p := range ro.Partnerships {
			if p.ID == "" || len(p.Members) == 0 || ro.Partnership(p.ID) == nil {
				t.Fatalf("malformed partnership %+v", p)
			}
			seen := map[[2]string]bool{}
			for _, m := range p.Members {
				if m.Org == "" || m.Expected < 0 || seen[[2]string{m.Org, m.Role}] {
					t.Fatalf("malformed or repeated member %+v of %s", m, p.ID)
				}
				seen[[2]string{m.Org, m.Role}] = true
			}
		}
	})
}

func FuzzActions(f *testing.F) {
	f.Add(BuiltinActionsCSV())
	f.Add([]byte(ActionsHeader + "\nd,strength,en,x\n"))
	f.Add([]byte(ActionsHeader + "\nd,,fr,x\n"))
	f.Add(mustShiftJIS(ActionsHeader + "\ntrust,concern,ja,目的を伝える。\n"))
	f.Add([]byte(""))
	f.Fuzz(func(t *testing.T, data []byte) {
		a, err := ReadActions(bytes.NewReader(data), "fuzz.csv")
		if err != nil {
			requireFileError(t, err)
			return
		}
		for _, r := range a.Rows {
			if r.Dimension == "" || r.Text == "" || (r.Lang != "en" && r.Lang != "ja") {
				t.Fatalf("malformed action %+v", r)
			}
			if len(a.For(r.Dimension, r.Band, r.Lang)) == 0 {
				t.Fatalf("action %+v is not found by For", r)
			}
		}
	})
}

package sample

import (
	"bytes"
	"encoding/csv"
	"slices"
	"strconv"
)

// rosterPath is the sample roster, relative to this package's directory.
const rosterPath = "sample/roster.csv"

// Roster story constants: in nishi-housing the city office expects three times as
// many respondents as its panel holds (staff who never answer), so its side is
// under-represented; kita-dental and minami-care are person-level links.
const (
	underRepresentedPartnership = "nishi-housing"
	underRepresentedOrg         = "Nishi City Office Welfare Division"
	underRepresentedFactor      = 3
)

var personLevel = map[string]bool{"kita-dental": true, "minami-care": true}

// rosterNames are the partnerships' display names.
var rosterNames = map[string]string{
	"kita-hospital":     "Kita hospital discharge support",
	"minami-care":       "Minami care coordination",
	"kita-pharmacy":     "Kita medication support",
	"minami-dayservice": "Minami day service network",
	"hokubu-dementia":   "Hokubu dementia support",
	"kita-dental":       "Kita home dental care",
	"minami-rehab":      "Minami rehabilitation link",
	"higashi-school":    "Higashi school welfare",
	"midori-npo":        "Midori family support",
	"nishi-city-office": "Nishi city welfare",
	"higashi-youth":     "Higashi youth support",
	"nishi-housing":     "Nishi housing support",
	"chuo-foodbank":     "Chuo food bank network",
	"nishi-employment":  "Nishi employment support",
}

// rosterCSV renders the sample roster: per partnership, member org and role, the
// respondents expected each wave — the panel members of the last wave, or that
// wave's responses (the export's included) where they are more — in partnership
// order, then org and role order. It draws no random numbers of its own, so the
// other sample files do not change with it.
func rosterCSV(seed uint64) []byte {
	recs, panels := simulatePanel(seed)
	last := map[[3]string]int{} // the last wave's responses per partnership, org and role
	for _, r := range recs {
		if r.wave == numWaves-1 {
			last[[3]string{r.m.p.id, r.resp.org, r.resp.role}]++
		}
	}
	export, _ := csv.NewReader(bytes.NewReader(exportCSV(seed))).ReadAll()
	for _, row := range export[1:] {
		last[[3]string{row[0], row[2], row[3]}]++
	}
	records := [][]string{{"partnership", "name", "org", "kind", "role", "expected"}}
	for i, p := range partnerships() {
		counts := map[[2]string]int{}
		for _, r := range panels[i] {
			counts[[2]string{r.org, r.role}]++
		}
		for key, n := range last {
			if key[0] == p.id && n > counts[[2]string{key[1], key[2]}] {
				counts[[2]string{key[1], key[2]}] = n
			}
		}
		kind := "agency"
		if personLevel[p.id] {
			kind = "person"
		}
		orgs := slices.Clone(p.orgs)
		slices.Sort(orgs)
		for _, org := range orgs {
			for _, role := range []string{roleFrontline, roleMiddle, roleTop} {
				n := counts[[2]string{org, role}]
				if p.id == underRepresentedPartnership && org == underRepresentedOrg {
					n *= underRepresentedFactor
				}
				if n > 0 {
					records = append(records, []string{p.id, rosterNames[p.id], org, kind, role, strconv.Itoa(n)})
				}
			}
		}
	}
	return encodeCSV(records, false)
}

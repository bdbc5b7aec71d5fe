package sample

import (
	"bytes"
	"encoding/csv"
	"math/rand/v2"
)

// The spreadsheet export from a Japanese partner office.
const (
	exportPartnership = "nishi-city-office"
	exportWave        = numWaves - 1 // 2026Q4
	exportBlankRate   = 0.04
	excelDate         = "2006/01/02"
)

// exportCSV renders the export in UTF-8 with CRLF line endings.
func exportCSV(seed uint64) []byte {
	rng := rand.New(rand.NewPCG(seed, streamExport))
	m := findModel(newModels(seed), exportPartnership)
	if m == nil {
		return nil
	}
	head := []string{"partnership", "wave", "org", "role"}
	head = append(head, questionsJA[:]...)
	roles := exportRoles(rng)
	members := make([]member, len(roles))
	rows := [][]string{head}
	for j, role := range roles {
		members[j] = newMember(rng, m.p)
		members[j].role = role
		date := dayInWave(rng, exportWave).Format(excelDate)
		rows = append(rows, []string{m.p.id, date, members[j].org, role})
	}
	for j, mu := range m.latent(rng, members, exportWave) {
		vals, blank := answers(rng, mu, exportBlankRate)
		for i, v := range vals {
			cell := ""
			if !blank[i] {
				cell = labelsJA[written(i, v)-scaleMin]
			}
			rows[j+1] = append(rows[j+1], cell)
		}
	}
	return encodeCSV(rows, true)
}

// exportRoles returns the roles of the export's rows: a shuffled mix of
// 2 top, 4 middle and 6 frontline.
func exportRoles(rng *rand.Rand) []string {
	var roles []string
	for _, rc := range []struct {
		role string
		n    int
	}{{roleTop, 2}, {roleMiddle, 4}, {roleFrontline, 6}} {
		for range rc.n {
			roles = append(roles, rc.role)
		}
	}
	rng.Shuffle(len(roles), func(i, j int) { roles[i], roles[j] = roles[j], roles[i] })
	return roles
}

func findModel(ms []*model, id string) *model {
	for _, m := range ms {
		if m.p.id == id {
			return m
		}
	}
	return nil
}

// encodeCSV writes records with encoding/csv (RFC 4180 quoting), with CRLF
// line endings when crlf is set and LF otherwise.
func encodeCSV(records [][]string, crlf bool) []byte {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.UseCRLF = crlf
	// Writing to a bytes.Buffer cannot fail, and the default delimiter is valid.
	_ = w.WriteAll(records)
	return buf.Bytes()
}

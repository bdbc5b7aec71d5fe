package sample

// phaseColumn is the index of phase in a responses.csv record.
const phaseColumn = 6

// cohortCSV renders the rows of responses.csv whose phase is phase — the
// higashi-school training cohort on one side — with the responses.csv header:
// the two files 'renkei compare compare/before.csv compare/after.csv' reads.
func cohortCSV(seed uint64, phase string) []byte {
	rows := [][]string{responsesHeader()}
	for _, row := range responseRows(seed) {
		if row[phaseColumn] == phase {
			rows = append(rows, row)
		}
	}
	return encodeCSV(rows, false)
}

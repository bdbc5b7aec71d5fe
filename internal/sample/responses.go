package sample

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
	"time"
)

// Panel sizes and rates.
const (
	rosterSize      = 48
	smallRosterSize = 6
	turnoverRate    = 0.1
	minPerWave      = 27
	maxPerWave      = 43
	smallMin        = 2
	smallMax        = 4
	extraMin        = 4 // non-cohort respondents of higashi-school in the training waves
	extraMax        = 13
	altWaveRate     = 0.03 // waves written 2025-Q3
	dateWaveRate    = 0.03 // waves written as an ISO date
	itemColumn      = 8    // index of comm1 in a responses.csv record
)

// Phases of the training cohort.
const (
	phaseBefore = "before"
	phaseAfter  = "after"
)

// responsesHeader returns the header of responses.csv.
func responsesHeader() []string {
	head := []string{"respondent", "partnership", "wave", "org", "partner", "role", "phase", "submitted_at"}
	return append(head, itemIDs()...)
}

// respondent is a panel member with a pseudonymous id.
type respondent struct {
	id string
	member
}

// record is one row of responses.csv with the keys it is sorted by.
type record struct {
	m         *model
	resp      *respondent
	wave      int
	submitted time.Time
	cells     []string
}

// panel simulates the respondents of every partnership over the waves.
type panel struct {
	rng    *rand.Rand
	models []*model
	count  int
}

func (pn *panel) newRespondent(p partnership) *respondent {
	pn.count++
	return &respondent{id: fmt.Sprintf("R%04d", pn.count), member: newMember(pn.rng, p)}
}

// simulateResponses returns the (clean) responses of every wave, ordered by
// wave, submission date, partnership and respondent.
func simulateResponses(seed uint64) []record {
	recs, _ := simulatePanel(seed)
	return recs
}

// simulatePanel returns the clean responses and every partnership's panel as it
// stands in the last wave (by model index).
func simulatePanel(seed uint64) ([]record, [][]*respondent) {
	pn := &panel{rng: rand.New(rand.NewPCG(seed, streamPanel)), models: newModels(seed)}
	rosters := make([][]*respondent, len(pn.models))
	for i, m := range pn.models {
		size := rosterSize
		if m.p.story == storySmall {
			size = smallRosterSize
		}
		rosters[i] = make([]*respondent, size)
		for s := range rosters[i] {
			rosters[i][s] = pn.newRespondent(m.p)
		}
	}
	var recs []record
	for w := range numWaves {
		for i, m := range pn.models {
			if w > 0 {
				pn.turnover(m, rosters[i], w)
			}
			slots, phases := pn.selectSlots(m, len(rosters[i]), w)
			recs = append(recs, pn.wave(m, rosters[i], slots, phases, w)...)
		}
	}
	slices.SortStableFunc(recs, compareRecords)
	return recs, rosters
}

func compareRecords(a, b record) int {
	return cmp.Or(
		cmp.Compare(a.wave, b.wave),
		a.submitted.Compare(b.submitted),
		cmp.Compare(a.m.index, b.m.index),
		cmp.Compare(a.resp.id, b.resp.id),
	)
}

// isTrainingWave reports whether w is the before (2026Q2) or after (2026Q3)
// wave of the higashi-school training.
func isTrainingWave(m *model, w int) bool {
	return m.p.story == storyTraining && (w == trainingWave-1 || w == trainingWave)
}

// turnover replaces some members of roster before wave w. The training
// cohort stays between its before and after waves.
func (pn *panel) turnover(m *model, roster []*respondent, w int) {
	for s := range roster {
		leaves := pn.rng.Float64() < turnoverRate
		locked := m.p.story == storyTraining && w == trainingWave && s < trainingCohort
		if leaves && !locked {
			roster[s] = pn.newRespondent(m.p)
		}
	}
}

// selectSlots picks the roster slots that answer in wave w and their phase.
func (pn *panel) selectSlots(m *model, size, w int) (slots []int, phases []string) {
	switch {
	case m.p.story == storySmall:
		slots = pn.pick(size, smallMin+pn.rng.IntN(smallMax-smallMin+1), 0)
	case isTrainingWave(m, w):
		phase := phaseBefore
		if w == trainingWave {
			phase = phaseAfter
		}
		for s := range trainingCohort {
			slots = append(slots, s)
			phases = append(phases, phase)
		}
		extra := extraMin + pn.rng.IntN(extraMax-extraMin+1)
		slots = append(slots, pn.pick(size-trainingCohort, extra, trainingCohort)...)
	default:
		slots = pn.pick(size, minPerWave+pn.rng.IntN(maxPerWave-minPerWave+1), 0)
	}
	for len(phases) < len(slots) {
		phases = append(phases, "")
	}
	return slots, phases
}

// pick returns k distinct slots out of offset..offset+n-1, ascending.
func (pn *panel) pick(n, k, offset int) []int {
	perm := pn.rng.Perm(n)[:min(k, n)]
	slices.Sort(perm)
	for i := range perm {
		perm[i] += offset
	}
	return perm
}

// wave draws the questionnaires of the roster slots answering m in wave w.
func (pn *panel) wave(m *model, roster []*respondent, slots []int, phases []string, w int) []record {
	recs := make([]record, len(slots))
	members := make([]member, len(slots))
	for j, s := range slots {
		r := roster[s]
		submitted := dayInWave(pn.rng, w)
		cells := []string{r.id, m.p.id, writtenWave(pn.rng, w, submitted), r.org, r.partner, r.role, phases[j], submitted.Format(time.DateOnly)}
		recs[j] = record{m: m, resp: r, wave: w, submitted: submitted, cells: cells}
		members[j] = r.member
	}
	for j, mu := range m.latent(pn.rng, members, w) {
		vals, blank := answers(pn.rng, mu, blankRate)
		for i, v := range vals {
			cell := ""
			if !blank[i] {
				cell = strconv.Itoa(written(i, v))
			}
			recs[j].cells = append(recs[j].cells, cell)
		}
	}
	return recs
}

// writtenWave is wave w as a respondent's row writes it: mostly 2025Q1, a
// few 2025-Q1 and a few the submission date.
func writtenWave(rng *rand.Rand, w int, submitted time.Time) string {
	switch x := rng.Float64(); {
	case x < altWaveRate:
		return fmt.Sprintf("%d-Q%d", firstWaveYear+w/4, w%4+1)
	case x < altWaveRate+dateWaveRate:
		return submitted.Format(time.DateOnly)
	}
	return waveLabel(w)
}

// responsesCSV renders responses.csv for seed, messy rows included.
func responsesCSV(seed uint64) []byte {
	return encodeCSV(append([][]string{responsesHeader()}, responseRows(seed)...), false)
}

// responseRows returns the data rows of responses.csv for seed, messy rows included.
func responseRows(seed uint64) [][]string {
	recs := simulateResponses(seed)
	return addMessyRows(rand.New(rand.NewPCG(seed, streamMessy)), recs)
}

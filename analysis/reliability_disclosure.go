package analysis

import (
	"math"

	"renkei/analysis/disclosure"
)

// RegisterReliability adds the responses behind each reliability row to the run's
// disclosure control d: those that answered an item of the dimension (N), those that
// answered all of them (Complete), and those that answered each item (the items' N),
// in one wave or over all waves. ApplyReliability then takes d's decisions.
func (r *Result) RegisterReliability(rows []DimensionReliability, d *Disclosure) [][]disclosure.SetID {
	t := d.Table
	dimIndex := map[string]int{}
	for i, dim := range r.Codebook.Dimensions {
		dimIndex[dim.ID] = i
	}
	itemIndex := map[string]int{}
	for i, it := range r.Codebook.Items {
		itemIndex[it.ID] = i
	}
	ids := make([][]disclosure.SetID, len(rows))
	for i, row := range rows {
		sel := disclosure.All
		if !row.AllWaves {
			sel = sel.With(disclosure.Wave, int32(row.Wave.Index()))
		}
		dim := dimIndex[row.Dimension]
		ids[i] = []disclosure.SetID{
			d.Auditor.Select(t.UniverseAnswered(dim), sel, priorityReliability),
			d.Auditor.Select(t.UniverseComplete(dim), sel, priorityReliability),
		}
		for _, it := range row.Items {
			ids[i] = append(ids[i], d.Auditor.Select(t.UniverseItem(itemIndex[it.Item]), sel, priorityReliability))
		}
		if row.Suppressed {
			d.Auditor.Hide(ids[i][0], disclosure.FewerThanK)
		}
	}
	floorPeople(d, rows, ids)
	return ids
}

// floorPeople tells the auditor how many people the rows over all waves hold at
// least: a respondent answers in many waves, so a set over all of them counts
// responses, not people. The people number at least the largest wave's responses
// (one wave counts each person once), which is what a row over all waves is given:
// when every wave is smaller than k, it shows nothing, whoever answered.
func floorPeople(d *Disclosure, rows []DimensionReliability, ids [][]disclosure.SetID) {
	type slot struct {
		dim string
		set int
	}
	largest := map[slot]int{}
	for i, row := range rows {
		if !row.AllWaves {
			for j, id := range ids[i] {
				k := slot{row.Dimension, j}
				largest[k] = max(largest[k], d.Auditor.N(id))
			}
		}
	}
	for i, row := range rows {
		if row.AllWaves {
			for j, id := range ids[i] {
				d.Auditor.People(id, largest[slot{row.Dimension, j}])
			}
		}
	}
}

// ApplyReliability suppresses each row whose responses, complete responses or any
// item's answers d's auditor decided to hide, after Run: the row then shows no
// statistic, as a row of fewer than k does.
func ApplyReliability(rows []DimensionReliability, ids [][]disclosure.SetID, d *Disclosure) {
	for i, set := range ids {
		hidden := false
		for _, id := range set {
			hidden = hidden || d.Auditor.Reason(id) != disclosure.Published
		}
		if hidden && !rows[i].Suppressed {
			row := &rows[i]
			*row = DimensionReliability{AllWaves: row.AllWaves, Wave: row.Wave, Dimension: row.Dimension, N: row.N, Complete: row.Complete,
				Suppressed: true, Alpha: math.NaN(), StdAlpha: math.NaN(), CILow: math.NaN(), CIHigh: math.NaN(),
				AverageR: math.NaN(), OmegaTotal: math.NaN()}
		}
	}
}

// QualityKey names a count of the quality checks: a partnership in one wave, or over
// all waves (Wave < 0).
type QualityKey struct {
	Partnership string
	Wave        int // survey.Wave.Index, or −1
}

// RegisterQuality adds the responses behind the quality checks' counts — per
// partnership and wave, per partnership, and the run's total — to d. The run's total
// is registered first in priority: it describes the whole input, which its owner
// holds; it is what the other counts give way to. ApplyQuality returns what to hide.
func RegisterQuality(keys []QualityKey, d *Disclosure) []disclosure.SetID {
	t := d.Table
	ids := make([]disclosure.SetID, len(keys)+1)
	ids[0] = d.Auditor.Select(0, disclosure.All, priorityWhole+1)
	largest := map[string]int{} // per partnership, its largest wave's responses
	for i, k := range keys {
		sel := disclosure.All.With(disclosure.Partnership, t.id(atomPartnership, k.Partnership))
		if k.Wave >= 0 {
			sel = sel.With(disclosure.Wave, int32(k.Wave))
		}
		ids[i+1] = d.Auditor.Select(0, sel, priorityCounts)
		if k.Wave >= 0 {
			largest[k.Partnership] = max(largest[k.Partnership], d.Auditor.N(ids[i+1]))
		}
	}
	// A partnership over all its waves holds at least its largest wave's people, and
	// the run at least the sum of those (people of two partnerships are two): see
	// floorPeople.
	total := 0
	for _, n := range largest {
		total += n
	}
	d.Auditor.People(ids[0], total)
	for i, k := range keys {
		if k.Wave < 0 {
			d.Auditor.People(ids[i+1], largest[k.Partnership])
		}
	}
	return ids
}

// QualityCount is what the disclosure control says of one count of the quality
// checks: whether it is hidden, and how many responses it counts — each person once
// in a wave (duplicates dropped, a wave's before and after answers counted once), as
// every other table counts them, where the quality checks count every row read.
type QualityCount struct {
	Hidden    bool
	Responses int
}

// QualityTotal is the key of the run's total in ApplyQuality's answer.
var QualityTotal = QualityKey{Wave: -1}

// ApplyQuality returns, after Run, what d's auditor decided of each key's count, and
// of the run's total (QualityTotal).
func ApplyQuality(keys []QualityKey, ids []disclosure.SetID, d *Disclosure) map[QualityKey]QualityCount {
	out := map[QualityKey]QualityCount{QualityTotal: {Responses: d.Auditor.N(ids[0])}}
	for i, k := range keys {
		id := ids[i+1]
		out[k] = QualityCount{Hidden: d.Auditor.Reason(id) != disclosure.Published, Responses: d.Auditor.N(id)}
	}
	return out
}

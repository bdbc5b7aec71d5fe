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

package analysis

import (
	"cmp"
	"slices"

	"renkei/analysis/disclosure"
)

// DirectedSets are the directed cells (org A rating partner B, in one partnership and
// wave) registered with the run's disclosure control, one set per variable.
type DirectedSets struct {
	keys []directedKey
	ids  []disclosure.SetID
}

// RegisterDirected adds every directed cell of a, on every variable, to the run's
// disclosure control d, as the set of org A's respondents in that partnership and wave
// who rated partner B and have a score on the variable: so that the directed views of
// gaps.csv are checked against scores.csv's orgs and roles, the comparison, the
// response rates and each other, as every table is. res must be the run's Result; a
// is settled with it (as Seams would).
func (a *RelationAggregator) RegisterDirected(res *Result, d *Disclosure) *DirectedSets {
	a.settle(res)
	t := d.Table
	ds := &DirectedSets{}
	vars := len(a.cb.Dimensions) + 1
	for _, k := range sortedRelationKeys(a.cells) {
		if a.cells[k].hist == nil {
			continue
		}
		n := a.names.names
		sel := disclosure.All.With(disclosure.Partnership, t.id(atomPartnership, n[k.partnership])).With(disclosure.Wave, k.wave).
			With(disclosure.Org, t.id(atomOrg, n[k.org])).With(disclosure.Partner, t.id(atomPartner, n[k.partner]))
		for v := range vars {
			ds.keys = append(ds.keys, directedKey{k, v})
			ds.ids = append(ds.ids, d.Auditor.Select(t.UniverseScored(v), sel, priorityDirected))
		}
	}
	return ds
}

// ApplyDirected hands d's decisions on the directed cells to a, after Run: Seams then
// hides each cell its own rule or the control hides.
func (a *RelationAggregator) ApplyDirected(ds *DirectedSets, d *Disclosure) {
	a.directed = make(map[directedKey]Suppression, len(ds.keys))
	for i, k := range ds.keys {
		a.directed[k] = suppressionOf(d.Auditor.Reason(ds.ids[i]))
	}
}

// sortedRelationKeys returns the keys of cells in a fixed order, so that the sets are
// registered the same way in every run.
func sortedRelationKeys(cells map[relationKey]*relationCell) []relationKey {
	keys := make([]relationKey, 0, len(cells))
	for k := range cells {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(x, y relationKey) int {
		return cmp.Or(cmp.Compare(x.partnership, y.partnership), cmp.Compare(x.wave, y.wave),
			cmp.Compare(x.org, y.org), cmp.Compare(x.partner, y.partner))
	})
	return keys
}

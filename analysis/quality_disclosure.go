package analysis

import "renkei/analysis/disclosure"

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

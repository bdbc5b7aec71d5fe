package survey

import "sync"

// KeyKind names a column whose values Keys interns.
type KeyKind uint8

// The interned columns.
const (
	KeyPartnership KeyKind = iota
	KeyOrg
	KeyRole
	numKeyKinds
)

// Keys interns the values of the key columns — partnerships, orgs, roles — and the
// partnership × wave pairs as small integers, shared by every file of a run and safe
// for concurrent use. The fast reader turns each distinct cell into text once, when it
// is first seen; batches of responses (Batch) then carry these ids instead of strings.
// Id 0 of a kind is the empty value; partnership × wave ids count from 0.
//
// Memory grows with the number of distinct values, like the groups of a result.
type Keys struct {
	mu    sync.Mutex
	kinds [numKeyKinds]interned[string]
	pws   interned[pwKey]
}

// interned numbers values from 0 in the order they are first seen.
type interned[V comparable] struct {
	index  map[V]uint32
	values []V // by id
}

// id returns the id of v, adding it when new.
func (t *interned[V]) id(v V) uint32 {
	if id, ok := t.index[v]; ok {
		return id
	}
	id := uint32(len(t.values))
	t.index[v] = id
	t.values = append(t.values, v)
	return id
}

type pwKey struct {
	partnership uint32
	wave        int32 // Wave.Index
}

// NewKeys returns an empty set of keys.
func NewKeys() *Keys {
	k := &Keys{pws: interned[pwKey]{index: map[pwKey]uint32{}}}
	for i := range k.kinds {
		k.kinds[i] = interned[string]{index: map[string]uint32{"": 0}, values: []string{""}}
	}
	return k
}

// Intern returns the id of s in kind, adding it when new.
func (k *Keys) Intern(kind KeyKind, s string) uint32 {
	k.mu.Lock()
	defer k.mu.Unlock()
	return k.intern(kind, s)
}

func (k *Keys) intern(kind KeyKind, s string) uint32 { return k.kinds[kind].id(s) }

// Name returns the value of id in kind.
func (k *Keys) Name(kind KeyKind, id uint32) string {
	k.mu.Lock()
	defer k.mu.Unlock()
	return k.kinds[kind].values[id]
}

// PartnershipWaveID returns the id of a partnership (by its id) in a wave, adding it
// when new.
func (k *Keys) PartnershipWaveID(partnership uint32, w Wave) uint32 {
	k.mu.Lock()
	defer k.mu.Unlock()
	return k.pwID(partnership, int32(w.Index()))
}

func (k *Keys) pwID(partnership uint32, wave int32) uint32 {
	return k.pws.id(pwKey{partnership, wave})
}

// PartnershipWave returns the partnership and the wave of a partnership × wave id.
func (k *Keys) PartnershipWave(id uint32) (partnership string, wave Wave) {
	k.mu.Lock()
	defer k.mu.Unlock()
	pw := k.pws.values[id]
	return k.kinds[KeyPartnership].values[pw.partnership], WaveFromIndex(int(pw.wave))
}

// PartnershipWaves returns the number of partnership × wave ids handed out.
func (k *Keys) PartnershipWaves() int {
	k.mu.Lock()
	defer k.mu.Unlock()
	return len(k.pws.values)
}

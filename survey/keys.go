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
	kinds [numKeyKinds]keyNames
	pw    map[pwKey]uint32
	pws   []pwKey
}

type keyNames struct {
	index map[string]uint32
	names []string
}

type pwKey struct {
	partnership uint32
	wave        int32 // Wave.Index
}

// NewKeys returns an empty set of keys.
func NewKeys() *Keys {
	k := &Keys{pw: map[pwKey]uint32{}}
	for i := range k.kinds {
		k.kinds[i] = keyNames{index: map[string]uint32{"": 0}, names: []string{""}}
	}
	return k
}

// Intern returns the id of s in kind, adding it when new.
func (k *Keys) Intern(kind KeyKind, s string) uint32 {
	k.mu.Lock()
	defer k.mu.Unlock()
	return k.intern(kind, s)
}

func (k *Keys) intern(kind KeyKind, s string) uint32 {
	t := &k.kinds[kind]
	if id, ok := t.index[s]; ok {
		return id
	}
	id := uint32(len(t.names))
	t.index[s] = id
	t.names = append(t.names, s)
	return id
}

// Name returns the value of id in kind.
func (k *Keys) Name(kind KeyKind, id uint32) string {
	k.mu.Lock()
	defer k.mu.Unlock()
	return k.kinds[kind].names[id]
}

// PartnershipWaveID returns the id of a partnership (by its id) in a wave, adding it
// when new.
func (k *Keys) PartnershipWaveID(partnership uint32, w Wave) uint32 {
	k.mu.Lock()
	defer k.mu.Unlock()
	return k.pwID(partnership, int32(w.Index()))
}

func (k *Keys) pwID(partnership uint32, wave int32) uint32 {
	key := pwKey{partnership, wave}
	if id, ok := k.pw[key]; ok {
		return id
	}
	id := uint32(len(k.pws))
	k.pw[key] = id
	k.pws = append(k.pws, key)
	return id
}

// PartnershipWave returns the partnership and the wave of a partnership × wave id.
func (k *Keys) PartnershipWave(id uint32) (partnership string, wave Wave) {
	k.mu.Lock()
	defer k.mu.Unlock()
	pw := k.pws[id]
	return k.kinds[KeyPartnership].names[pw.partnership], WaveFromIndex(int(pw.wave))
}

// PartnershipWaves returns the number of partnership × wave ids handed out.
func (k *Keys) PartnershipWaves() int {
	k.mu.Lock()
	defer k.mu.Unlock()
	return len(k.pws)
}

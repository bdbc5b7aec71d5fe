package survey

import (
	"encoding/binary"
	"math/bits"
)

// keyCache maps the bytes of a cell to a small integer without allocating: one
// goroutine's memory of the key cells it has seen. A key of up to 7 bytes is stored
// packed in a word, exactly; a longer one by its hash, checked against its bytes.
type keyCache struct {
	slots []keySlot
	n     int
}

type keySlot struct {
	word uint64 // packed key (length in the top byte) or hash (top bit set); 0 when empty
	long string // the bytes of a key longer than 7
	val  int32
}

func keyWord(b []byte) uint64 {
	if len(b) <= 7 {
		var w [8]byte
		copy(w[:], b)
		return binary.LittleEndian.Uint64(w[:]) | uint64(len(b)+1)<<56
	}
	return fingerprint(b) | 1<<63
}

func (c *keyCache) slot(w uint64) uint64 {
	return (w * 0x9e3779b97f4a7c15) >> (64 - bits.Len(uint(len(c.slots)-1)))
}

// get returns the value of key b.
func (c *keyCache) get(b []byte) (int32, bool) {
	if c.n == 0 {
		return 0, false
	}
	w := keyWord(b)
	mask := uint64(len(c.slots) - 1)
	for i := c.slot(w); ; i = (i + 1) & mask {
		s := &c.slots[i]
		if s.word == w && (len(b) <= 7 || s.long == string(b)) {
			return s.val, true
		}
		if s.word == 0 {
			return 0, false
		}
	}
}

// put sets the value of key b, which is not in the cache.
func (c *keyCache) put(b []byte, v int32) {
	if 4*(c.n+1) > 3*len(c.slots) {
		old := c.slots
		c.slots = make([]keySlot, max(64, 2*len(old)))
		c.n = 0
		for _, s := range old {
			if s.word != 0 {
				c.insert(s)
			}
		}
	}
	s := keySlot{word: keyWord(b), val: v}
	if len(b) > 7 {
		s.long = string(b)
	}
	c.insert(s)
}

func (c *keyCache) insert(s keySlot) {
	mask := uint64(len(c.slots) - 1)
	i := c.slot(s.word)
	for c.slots[i].word != 0 {
		i = (i + 1) & mask
	}
	c.slots[i] = s
	c.n++
}

// idCache maps a 64-bit key to a 32-bit value.
type idCache struct {
	keys []uint64 // key+1; 0 when empty
	vals []uint32
	n    int
}

// slot is the first slot to look at for k (Fibonacci hashing: the high bits of a
// product depend on every bit of k).
func (c *idCache) slot(k uint64) uint64 {
	return ((k + 1) * 0x9e3779b97f4a7c15) >> (64 - bits.Len(uint(len(c.keys)-1)))
}

func (c *idCache) get(k uint64) (uint32, bool) {
	if c.n == 0 {
		return 0, false
	}
	mask := uint64(len(c.keys) - 1)
	for i := c.slot(k); ; i = (i + 1) & mask {
		switch c.keys[i] {
		case k + 1:
			return c.vals[i], true
		case 0:
			return 0, false
		}
	}
}

func (c *idCache) put(k uint64, v uint32) {
	if 4*(c.n+1) > 3*len(c.keys) {
		oldK, oldV := c.keys, c.vals
		size := max(64, 2*len(oldK))
		c.keys, c.vals, c.n = make([]uint64, size), make([]uint32, size), 0
		for i, ok := range oldK {
			if ok != 0 {
				c.put(ok-1, oldV[i])
			}
		}
	}
	mask := uint64(len(c.keys) - 1)
	i := c.slot(k)
	for c.keys[i] != 0 {
		i = (i + 1) & mask
	}
	c.keys[i], c.vals[i] = k+1, v
	c.n++
}

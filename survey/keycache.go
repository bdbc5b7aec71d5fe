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
	longs map[int]string // by slot: the bytes of a key longer than 7
	n     int
}

type keySlot struct {
	word uint64 // packed key (length in the top byte) or hash (top bit set); 0 when empty
	val  int32
}

func keyWord(b []byte) uint64 {
	switch n := len(b); {
	case n >= 8:
		return fingerprint(b) | 1<<63
	case n >= 4: // bytes 0–3, then 4…n−1 from the top of an overlapping load
		lo, rest := binary.LittleEndian.Uint32(b), binary.LittleEndian.Uint32(b[n-4:])>>(8*(8-n))
		return uint64(lo) | uint64(rest)<<32 | uint64(n+1)<<56
	case n > 0:
		return uint64(b[0]) | uint64(b[n/2])<<8 | uint64(b[n-1])<<16 | uint64(n+1)<<56
	}
	return 1 << 56
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
		if s.word == w && (len(b) <= 7 || c.longs[int(i)] == string(b)) {
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
		old, oldLongs := c.slots, c.longs
		c.slots, c.longs = make([]keySlot, max(64, 2*len(old))), nil
		c.n = 0
		for i, s := range old {
			if s.word != 0 {
				c.insert(s, oldLongs[i])
			}
		}
	}
	var long string
	if len(b) > 7 {
		long = string(b)
	}
	c.insert(keySlot{word: keyWord(b), val: v}, long)
}

func (c *keyCache) insert(s keySlot, long string) {
	mask := uint64(len(c.slots) - 1)
	i := c.slot(s.word)
	for c.slots[i].word != 0 {
		i = (i + 1) & mask
	}
	c.slots[i] = s
	if long != "" {
		if c.longs == nil {
			c.longs = map[int]string{}
		}
		c.longs[int(i)] = long
	}
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

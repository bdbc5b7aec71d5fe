package analysis

import "math"

// counters is a block of counts that starts one byte per counter and widens to four
// bytes the first time any counter would pass 255. Most groups are small, so most
// blocks never widen; memory per group stays a quarter of a plain []uint32.
type counters struct {
	small []uint8
	wide  []uint32
}

func newCounters(n int) counters { return counters{small: make([]uint8, n)} }

func (c *counters) len() int {
	if c.wide != nil {
		return len(c.wide)
	}
	return len(c.small)
}

func (c *counters) inc(i int) {
	if c.wide != nil {
		c.wide[i]++
		return
	}
	if c.small[i] == math.MaxUint8 {
		c.widen()
		c.wide[i]++
		return
	}
	c.small[i]++
}

func (c *counters) widen() {
	c.wide = make([]uint32, len(c.small))
	for i, v := range c.small {
		c.wide[i] = uint32(v)
	}
	c.small = nil
}

func (c *counters) get(i int) uint32 {
	if c.wide != nil {
		return c.wide[i]
	}
	return uint32(c.small[i])
}

// add adds o's counts, counter by counter; o has the same length.
func (c *counters) add(o *counters) {
	if c.wide == nil {
		c.widen()
	}
	for i := range c.wide {
		c.wide[i] += o.get(i)
	}
}

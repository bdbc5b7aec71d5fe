package survey

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math/bits"
	"os"
)

// dupRecorder finds duplicate submissions exactly, in bounded memory, whatever the
// order in which rows arrive: every accepted row leaves a record — the 64-bit
// fingerprint of its duplicate key, its place (file and line), its partnership × wave
// and two flags — and at the end of each file the records are resolved: the first
// place of each fingerprint is the original, every later place a duplicate of it.
//
// The records are kept in 256 parts by fingerprint. A part holds up to dupPartRecords
// records in memory (256 × 256 × 24 bytes = 1.5 MiB in all); beyond that its records go
// to an unnamed temporary file, 20 bytes each, and are read back one part at a time to
// be resolved. Full parts are gathered and written 256 KiB at a time (a write per part,
// 5 KiB, cost the system three times as much per byte). So a run with ten million rows
// keeps under 2 MiB of records in memory and writes about 200 MB to the temporary
// folder (TMPDIR), read back once per input file; resolving one part needs a hash
// table for its records only (about 40,000 at ten million rows, 2 MiB, freed after).
// Small inputs never touch the disk.
//
// Two keys share a fingerprint with probability about n²/2⁶⁵ — one in three hundred
// thousand for ten million rows — the same chance as before records were kept apart.
type dupRecorder struct {
	parts   [dupParts][]dupRecord
	blocks  [dupParts][]spillBlock
	spill   *os.File
	end     int64  // bytes of blocks written or staged
	stage   []byte // blocks not yet written: the last len(stage) bytes before end
	scratch []byte
	table   []dupSlot
	recs    []dupRecord
	err     error
}

const (
	dupParts       = 256
	dupPartRecords = 256
	dupRecordSize  = 20
)

// dupPartLimit is how many records a part keeps in memory, and dupStageLimit how many
// bytes of full parts are gathered before they are written; tests lower both.
var (
	dupPartLimit  = dupPartRecords
	dupStageLimit = 256 << 10
)

type dupRecord struct {
	fp  uint64
	pos uint64 // file index << 32 | line
	pw  uint32 // partnership × wave id, with dupOtherFlaw and dupRespondent
}

// Flags of dupRecord.pw.
const (
	dupOtherFlaw  = 1 << 31 // the row is flawed for another reason already
	dupRespondent = 1 << 30 // the key is a respondent id, not the whole row
	dupPWMask     = dupRespondent - 1
)

type spillBlock struct {
	off int64
	n   int
}

type dupSlot struct {
	fp, pos uint64
}

func (d *dupRecorder) add(r dupRecord) {
	if r.fp == 0 {
		r.fp = 1 // 0 marks an empty slot
	}
	p := r.fp >> 56
	d.parts[p] = append(d.parts[p], r)
	if len(d.parts[p]) >= dupPartLimit {
		d.flush(int(p))
	}
}

// flush moves the records of part p to the stage, which is written to the spill file
// when it is full.
func (d *dupRecorder) flush(p int) {
	recs := d.parts[p]
	if d.err != nil || len(recs) == 0 {
		return
	}
	for _, r := range recs {
		d.stage = binary.LittleEndian.AppendUint64(d.stage, r.fp)
		d.stage = binary.LittleEndian.AppendUint64(d.stage, r.pos)
		d.stage = binary.LittleEndian.AppendUint32(d.stage, r.pw)
	}
	d.blocks[p] = append(d.blocks[p], spillBlock{off: d.end, n: len(recs)})
	d.end += int64(len(recs) * dupRecordSize)
	d.parts[p] = recs[:0]
	if len(d.stage) >= dupStageLimit {
		d.writeStage()
	}
}

// writeStage writes the staged blocks to the spill file, made at the first call.
func (d *dupRecorder) writeStage() {
	if d.err != nil || len(d.stage) == 0 {
		return
	}
	if d.spill == nil {
		f, err := os.CreateTemp("", "renkei-duplicates-*")
		if err != nil {
			d.err = fmt.Errorf("duplicate check: %w", err)
			return
		}
		_ = os.Remove(f.Name()) // unnamed while open, where the system allows it
		d.spill = f
	}
	if _, err := d.spill.WriteAt(d.stage, d.end-int64(len(d.stage))); err != nil {
		d.err = fmt.Errorf("duplicate check: writing the temporary file: %w", err)
		return
	}
	d.stage = d.stage[:0]
}

// resolve finds the duplicates among the records of file: every record of file whose
// fingerprint was recorded before, at an earlier place in an earlier or the same file.
// It calls dup with each, and the place of the original.
func (d *dupRecorder) resolve(file uint16, dup func(r dupRecord, original uint64)) error {
	d.writeStage()
	if d.err != nil {
		return d.err
	}
	for p := range d.parts {
		recs, err := d.load(p)
		if err != nil {
			return err
		}
		table := d.firstPlaces(recs)
		mask := uint64(len(table) - 1)
		for _, r := range recs {
			if uint16(r.pos>>32) != file {
				continue
			}
			for i := r.fp & mask; ; i = (i + 1) & mask {
				if table[i].fp == r.fp {
					if table[i].pos != r.pos {
						dup(r, table[i].pos)
					}
					break
				}
			}
		}
	}
	d.table, d.recs, d.scratch, d.stage = nil, nil, nil, nil
	return nil
}

// load returns the records of part p, read back from the spill file and in memory.
func (d *dupRecorder) load(p int) ([]dupRecord, error) {
	recs := d.recs[:0]
	for _, b := range d.blocks[p] {
		n := b.n * dupRecordSize
		if cap(d.scratch) < n {
			d.scratch = make([]byte, n)
		}
		buf := d.scratch[:n]
		if _, err := d.spill.ReadAt(buf, b.off); err != nil {
			return nil, fmt.Errorf("duplicate check: reading the temporary file: %w", err)
		}
		for i := 0; i < n; i += dupRecordSize {
			recs = append(recs, dupRecord{
				fp:  binary.LittleEndian.Uint64(buf[i:]),
				pos: binary.LittleEndian.Uint64(buf[i+8:]),
				pw:  binary.LittleEndian.Uint32(buf[i+16:]),
			})
		}
	}
	recs = append(recs, d.parts[p]...)
	d.recs = recs
	return recs, nil
}

// firstPlaces returns an open-addressing table of the earliest place of every
// fingerprint among recs.
func (d *dupRecorder) firstPlaces(recs []dupRecord) []dupSlot {
	size := 1 << bits.Len(uint(2*len(recs)+1))
	if cap(d.table) < size {
		d.table = make([]dupSlot, size)
	}
	table := d.table[:size]
	clear(table)
	mask := uint64(size - 1)
	for _, r := range recs {
		for i := r.fp & mask; ; i = (i + 1) & mask {
			s := &table[i]
			if s.fp == 0 {
				*s = dupSlot{fp: r.fp, pos: r.pos}
				break
			}
			if s.fp == r.fp {
				s.pos = min(s.pos, r.pos)
				break
			}
		}
	}
	return table
}

// close removes the spill file.
func (d *dupRecorder) close() error {
	if d.spill == nil {
		return nil
	}
	name := d.spill.Name()
	err := d.spill.Close()
	if rmErr := os.Remove(name); rmErr != nil && !errors.Is(rmErr, os.ErrNotExist) && err == nil {
		err = rmErr
	}
	d.spill = nil
	return err
}

// fingerprint hashes a duplicate key to 64 bits: a fixed, seedless hash (multiply and
// fold, eight bytes at a time), so runs are reproducible.
func fingerprint(b []byte) uint64 {
	const m1, m2 = 0xa0761d6478bd642f, 0xe7037ed1a0b428db
	h := uint64(len(b))*m1 ^ 0x9e3779b97f4a7c15
	for len(b) >= 8 {
		h = fold(h^binary.LittleEndian.Uint64(b), m2)
		b = b[8:]
	}
	var t uint64
	for i, c := range b {
		t |= uint64(c) << (8 * i)
	}
	h = fold(h^t, m2^uint64(len(b)))
	return fold(h, m1)
}

func fold(a, b uint64) uint64 {
	hi, lo := bits.Mul64(a, b)
	return hi ^ lo
}

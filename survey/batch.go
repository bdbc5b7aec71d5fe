package survey

import (
	"sort"

	"golang.org/x/text/encoding/japanese"
)

// Batch is a run of accepted responses in compact form: what Reader.ReadAll hands to
// its consumers, from the fast path and the general path alike. Keys, partnership ×
// wave, org and role are ids of Keys; answers are in codebook order, Items per
// response. A Batch and everything in it is valid only during the call it is passed
// to.
type Batch struct {
	Keys    *Keys
	File    string
	Len     int
	Items   int
	PW      []uint32 // partnership × wave id
	Org     []uint32 // 0 when empty
	Role    []uint32 // 0 when empty
	Answers []int8   // Len × Items; Missing when unanswered
	Line    []int    // line of each response in File
	// Patterns holds, per response, the answer pattern of each of the Dimensions
	// (patterns.go); nil when the reader did not compute them.
	Patterns   []uint16
	Dimensions int

	// The rest of a Response, for the consumers that need it (Response).
	text   []byte  // respondent ids, submission times, partners and groups, back to back
	spans  []span  // per response: respondent, submitted_at, partner, group in text
	phases []Phase // nil when every phase is PhaseNone
	sjis   bool    // text is Shift_JIS
}

type span struct{ respondent, submitted, partner, group [2]uint32 }

// Answer returns the answers of response i.
func (b *Batch) Answer(i int) []int8 { return b.Answers[i*b.Items : (i+1)*b.Items] }

// Phase returns the phase of response i.
func (b *Batch) Phase(i int) Phase {
	if b.phases == nil {
		return PhaseNone
	}
	return b.phases[i]
}

// Response fills r with response i. Its Answers alias the batch; copy what you keep.
func (b *Batch) Response(i int, r *Response) {
	p, w := b.Keys.PartnershipWave(b.PW[i])
	*r = Response{
		Line:        b.Line[i],
		Partnership: p,
		Wave:        w,
		Org:         b.Keys.Name(KeyOrg, b.Org[i]),
		Role:        b.Keys.Name(KeyRole, b.Role[i]),
		Answers:     b.Answer(i),
	}
	if b.phases != nil {
		r.Phase = b.phases[i]
	}
	if b.spans != nil {
		s := b.spans[i]
		r.Respondent, r.SubmittedAt, r.Partner, r.Group = b.spanText(s.respondent), b.spanText(s.submitted), b.spanText(s.partner), b.spanText(s.group)
	}
}

// Partner returns the partner rated by response i: empty when the file has no partner
// column (every batch of the fast path).
func (b *Batch) Partner(i int) string {
	if b.spans == nil {
		return ""
	}
	return b.spanText(b.spans[i].partner)
}

// spanText returns the text of span sp, decoded.
func (b *Batch) spanText(sp [2]uint32) string {
	t := b.text[sp[0]:sp[1]]
	if b.sjis && !ascii(t) {
		t, _ = japanese.ShiftJIS.NewDecoder().Bytes(t)
	}
	return string(t)
}

// reset empties b for reuse.
func (b *Batch) reset() {
	b.Len = 0
	b.PW, b.Org, b.Role = b.PW[:0], b.Org[:0], b.Role[:0]
	b.Answers, b.Line, b.Patterns = b.Answers[:0], b.Line[:0], b.Patterns[:0]
	b.text, b.spans, b.phases = b.text[:0], b.spans[:0], nil
}

// appendResponse adds r, whose partnership × wave id is pw, to b (the general path).
func (b *Batch) appendResponse(r *Response, pw uint32) {
	b.PW = append(b.PW, pw)
	b.Org = append(b.Org, b.Keys.Intern(KeyOrg, r.Org))
	b.Role = append(b.Role, b.Keys.Intern(KeyRole, r.Role))
	b.Answers = append(b.Answers, r.Answers...)
	b.Line = append(b.Line, r.Line)
	var s span
	add := func(v string) [2]uint32 {
		start := uint32(len(b.text))
		b.text = append(b.text, v...)
		return [2]uint32{start, uint32(len(b.text))}
	}
	s.respondent, s.submitted, s.partner, s.group = add(r.Respondent), add(r.SubmittedAt), add(r.Partner), add(r.Group)
	b.spans = append(b.spans, s)
	if r.Phase != PhaseNone && b.phases == nil {
		b.phases = make([]Phase, b.Len, b.Len+1)
	}
	if b.phases != nil {
		b.phases = append(b.phases, r.Phase)
	}
	b.Len++
}

// DropLines removes from b the responses whose line is in skip (sorted). The lines of
// a batch increase, so both lists are walked once.
func (b *Batch) DropLines(skip []int) {
	if b.Len == 0 {
		return
	}
	s := sort.SearchInts(skip, b.Line[0])
	if s == len(skip) || skip[s] > b.Line[b.Len-1] {
		return
	}
	patterns := b.Dimensions > 0 && len(b.Patterns) == b.Len*b.Dimensions
	keep := 0
	for i := 0; i < b.Len; i++ {
		for s < len(skip) && skip[s] < b.Line[i] {
			s++
		}
		if s < len(skip) && skip[s] == b.Line[i] {
			continue
		}
		if keep != i {
			b.PW[keep], b.Org[keep], b.Role[keep], b.Line[keep] = b.PW[i], b.Org[i], b.Role[i], b.Line[i]
			copy(b.Answers[keep*b.Items:(keep+1)*b.Items], b.Answer(i))
			if patterns {
				copy(b.Patterns[keep*b.Dimensions:(keep+1)*b.Dimensions], b.Patterns[i*b.Dimensions:(i+1)*b.Dimensions])
			}
			if b.spans != nil {
				b.spans[keep] = b.spans[i]
			}
			if b.phases != nil {
				b.phases[keep] = b.phases[i]
			}
		}
		keep++
	}
	b.Len = keep
	b.PW, b.Org, b.Role, b.Line = b.PW[:keep], b.Org[:keep], b.Role[:keep], b.Line[:keep]
	b.Answers = b.Answers[:keep*b.Items]
	if patterns {
		b.Patterns = b.Patterns[:keep*b.Dimensions]
	}
	if b.spans != nil {
		b.spans = b.spans[:keep]
	}
	if b.phases != nil {
		b.phases = b.phases[:keep]
	}
}

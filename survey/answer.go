package survey

import (
	"fmt"
	"strconv"
	"strings"

	"golang.org/x/text/width"
)

// Missing marks an unanswered item in Response.Answers.
const Missing int8 = -128

// missingMarkers are the cell values, besides an empty cell, that mean "not answered"
// (compared case-insensitively after trimming).
var missingMarkers = map[string]bool{
	"na": true, "n/a": true, "-": true, "無回答": true, "#n/a": true, "null": true,
}

// ScaleLabel is the English and Japanese wording of one scale point.
type ScaleLabel struct {
	Value  int
	EN, JA string
}

// builtinLabels word the 5-point agreement scale; answers written as these labels (in
// either language, any letter case) are read as their values.
var builtinLabels = []ScaleLabel{
	{1, "Strongly disagree", "全くそう思わない"},
	{2, "Disagree", "あまりそう思わない"},
	{3, "Neither agree nor disagree", "どちらともいえない"},
	{4, "Agree", "ややそう思う"},
	{5, "Strongly agree", "とてもそう思う"},
}

// Labels returns the wording of each scale point, lowest first, or nil when the
// codebook's scale has no built-in wording (only 1–5 has).
func (cb *Codebook) Labels() []ScaleLabel {
	if cb.Min == 1 && cb.Max == 5 {
		return builtinLabels
	}
	return nil
}

// answerKind says how a cell was read.
type answerKind uint8

const (
	answerNumber     answerKind = iota // a plain integer on the scale
	answerMissing                      // blank or a missing marker
	answerLabel                        // a scale label, read as its value
	answerWide                         // full-width digits, read as their value
	answerOutOfRange                   // an integer off the scale
	answerInvalid                      // anything else
)

// answerParser reads answer cells against one codebook's scale.
type answerParser struct {
	min, max int
	labels   map[string]int8 // lower-cased label → value
}

func newAnswerParser(cb *Codebook) *answerParser {
	p := &answerParser{min: cb.Min, max: cb.Max, labels: map[string]int8{}}
	for _, l := range cb.Labels() {
		p.labels[strings.ToLower(l.EN)] = int8(l.Value)
		p.labels[l.JA] = int8(l.Value)
	}
	return p
}

// parse reads one cell. The fast case, a single ASCII digit on the scale, costs no
// allocation.
func (p *answerParser) parse(cell string) (int8, answerKind) {
	if len(cell) == 1 && cell[0] >= '0' && cell[0] <= '9' {
		v := int(cell[0] - '0')
		if v < p.min || v > p.max {
			return Missing, answerOutOfRange
		}
		return int8(v), answerNumber
	}
	s := strings.TrimSpace(cell)
	if s == "" || missingMarkers[strings.ToLower(s)] {
		return Missing, answerMissing
	}
	if !isASCII(s) && missingMarkers[strings.ToLower(width.Fold.String(s))] {
		return Missing, answerMissing // full-width ＮＡ, －
	}
	kind := answerNumber
	if hasWideDigit(s) {
		s = width.Narrow.String(s)
		kind = answerWide
	}
	if v, err := strconv.Atoi(s); err == nil {
		if v < p.min || v > p.max {
			return Missing, answerOutOfRange
		}
		return int8(v), kind
	}
	if v, ok := p.labels[strings.ToLower(s)]; ok {
		return v, answerLabel
	}
	return Missing, answerInvalid
}

func hasWideDigit(s string) bool {
	for _, r := range s {
		if r >= '０' && r <= '９' || r == '－' {
			return true
		}
	}
	return false
}

// describeScale words the scale for messages: "a whole number from 1 to 5 or its label".
func (p *answerParser) describeScale() string {
	if len(p.labels) > 0 {
		return fmt.Sprintf("a whole number from %d to %d, or its label", p.min, p.max)
	}
	return fmt.Sprintf("a whole number from %d to %d", p.min, p.max)
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

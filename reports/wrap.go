package reports

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Line breaking for the PDF report. fpdf's MultiCell loses a character at each break
// in Japanese text without spaces, so the report breaks lines itself: at spaces, and
// between any two Japanese characters, except where the Japanese line-breaking rules
// (kinsoku shori) forbid it — no line starts with closing punctuation, an iteration
// mark, a prolonged-sound mark or a small kana, and none ends with an opening bracket.

// noLineStart are characters that must not start a line.
const noLineStart = "、。，．・：；？！ー―‐゛゜ヽヾゝゞ々〻）〕］｝〉》」』】〙〗〟’”｠»" +
	"ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ" +
	"％‰℃" + ")]},.:;!?%"

// noLineEnd are characters that must not end a line.
const noLineEnd = "（〔［｛〈《「『【〘〖〝‘“｟«" + "([{"

// wideRune reports whether r is a character of Japanese (or other CJK) text, between
// any two of which a line may break.
func wideRune(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana) ||
		(r >= 0x3000 && r <= 0x303F) || // CJK symbols and punctuation
		(r >= 0xFF00 && r <= 0xFFEF) || // full-width forms
		r == 'ー'
}

// canBreak reports whether a line may break between a and b (neither a space).
func canBreak(a, b rune) bool {
	if strings.ContainsRune(noLineStart, b) || strings.ContainsRune(noLineEnd, a) {
		return false
	}
	return wideRune(a) || wideRune(b)
}

// wrapText breaks text into lines no wider than width, as measure says. Line feeds in
// text start a new line. Spaces at a break are dropped; every other character is kept,
// in order. A word wider than a line is broken between its characters, and a line
// holds at least one character whatever the width (even one ≤ 0), so wrapping always
// ends.
//
// measure must be additive — the width of a string the sum of its characters' widths,
// as it is for fpdf, which applies no kerning: each piece of text is measured once and
// each character of an over-long word once per distinct character, so the time is
// linear in the length of the text.
func wrapText(text string, width float64, measure func(string) float64) []string {
	w := wrapper{width: width, measure: measure}
	var lines []string
	for para := range strings.SplitSeq(text, "\n") {
		lines = w.paragraph(lines, para)
	}
	return lines
}

// wrapper carries one wrapping's measure and the widths of single characters it
// has measured.
type wrapper struct {
	width   float64
	measure func(string) float64
	runes   map[rune]float64
}

func (w *wrapper) runeWidth(r rune) float64 {
	if rw, ok := w.runes[r]; ok {
		return rw
	}
	if w.runes == nil {
		w.runes = map[rune]float64{}
	}
	rw := w.measure(string(r))
	w.runes[r] = rw
	return rw
}

// segmentEnds returns where the pieces of para that are never broken inside end: a
// break may come before each piece. A piece carries the spaces that precede it.
func segmentEnds(para string) []int {
	var ends []int
	var prev rune
	start := 0 // where the current piece starts
	for i, r := range para {
		switch {
		case i == 0:
		case r == ' ':
			if prev != ' ' && i > start {
				ends = append(ends, i)
				start = i
			}
		case prev == ' ':
			// the spaces belong to this piece's start
		case canBreak(prev, r):
			ends = append(ends, i)
			start = i
		}
		prev = r
	}
	if len(para) > start {
		ends = append(ends, len(para))
	}
	return ends
}

// paragraph appends the lines of one paragraph (text without line feeds).
func (w *wrapper) paragraph(lines []string, para string) []string {
	para = strings.TrimRight(para, " ")
	if para == "" {
		return append(lines, "")
	}
	lineStart, lineEnd, lineW := 0, 0, 0.0 // the current line is para[lineStart:lineEnd]
	start := 0
	for _, end := range segmentEnds(para) {
		seg := para[start:end]
		body := strings.TrimLeft(seg, " ")
		bodyStart := end - len(body)
		bodyW := w.measure(body)
		if lineEnd > lineStart {
			spaceW := w.measure(seg[:len(seg)-len(body)])
			if lineW+spaceW+bodyW <= w.width {
				lineEnd, lineW, start = end, lineW+spaceW+bodyW, end
				continue
			}
			lines = append(lines, para[lineStart:lineEnd])
		}
		lineStart, lineEnd, lineW, start = bodyStart, end, bodyW, end
		if bodyW <= w.width {
			continue
		}
		// A piece wider than a whole line is broken between its characters.
		lineEnd, lineW = bodyStart, 0
		for i := 0; i < len(body); {
			r, size := utf8.DecodeRuneInString(body[i:])
			rw := w.runeWidth(r)
			if lineEnd > lineStart && lineW+rw > w.width {
				lines = append(lines, para[lineStart:lineEnd])
				lineStart, lineW = bodyStart+i, 0
			}
			i += size
			lineEnd, lineW = bodyStart+i, lineW+rw
		}
	}
	return append(lines, para[lineStart:lineEnd])
}

package reports

import (
	"strings"
	"unicode"
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
// in order. A word wider than a line is broken between its characters.
func wrapText(text string, width float64, measure func(string) float64) []string {
	var lines []string
	for _, para := range strings.Split(text, "\n") {
		lines = append(lines, wrapParagraph(para, width, measure)...)
	}
	return lines
}

// segments splits a paragraph into pieces that are never broken inside: a break
// may come before each piece. A piece carries the spaces that precede it.
func segments(para string) []string {
	var out []string
	var cur strings.Builder
	var prev rune
	for i, r := range para {
		switch {
		case i == 0:
		case r == ' ':
			if prev != ' ' && cur.Len() > 0 {
				out = append(out, cur.String())
				cur.Reset()
			}
		case prev == ' ':
			// the spaces belong to this piece's start
		case canBreak(prev, r):
			out = append(out, cur.String())
			cur.Reset()
		}
		cur.WriteRune(r)
		prev = r
	}
	if cur.Len() > 0 {
		out = append(out, cur.String())
	}
	return out
}

func wrapParagraph(para string, width float64, measure func(string) float64) []string {
	para = strings.TrimRight(para, " ")
	if para == "" {
		return []string{""}
	}
	var lines []string
	line := ""
	for _, seg := range segments(para) {
		if line == "" {
			seg = strings.TrimLeft(seg, " ")
		}
		if line != "" && measure(line+seg) > width {
			lines = append(lines, line)
			line, seg = "", strings.TrimLeft(seg, " ")
		}
		// A piece wider than a whole line is broken between its characters.
		for line == "" && measure(seg) > width {
			cut := fitPrefix(seg, width, measure)
			lines = append(lines, seg[:cut])
			seg = seg[cut:]
		}
		line += seg
	}
	return append(lines, line)
}

// fitPrefix returns the length in bytes of the longest prefix of s (at least one
// character) no wider than width.
func fitPrefix(s string, width float64, measure func(string) float64) int {
	end := 0
	for i, r := range s {
		next := i + len(string(r))
		if end > 0 && measure(s[:next]) > width {
			break
		}
		end = next
	}
	return end
}

package reports

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/image/font/sfnt"
)

// The PDF writer (fpdf) keeps one width per character of the Basic Multilingual Plane
// and encodes text as UTF-16 without surrogates: a character beyond U+FFFF (an emoji,
// 𠮷) makes it index past its table, and a string that is not valid UTF-8 makes it read
// past the string's end. Every text therefore passes through pdfGlyphs.text before it
// reaches fpdf, which leaves only characters the font can draw.

// pdfGlyphs knows which characters the PDF's font has a glyph for.
type pdfGlyphs struct {
	face       *sfnt.Font
	buf        sfnt.Buffer
	known      []uint8 // per BMP character: 0 not looked up yet, glyphYes, glyphNo
	substitute string  // what stands for a character the font cannot draw
}

const (
	glyphYes = 1
	glyphNo  = 2
)

// newPDFGlyphs reads the character map of a TrueType font. The substitute is U+FFFD
// (the replacement character) when the font has it, else '?'.
func newPDFGlyphs(face *sfnt.Font) *pdfGlyphs {
	g := &pdfGlyphs{face: face, known: make([]uint8, 0x10000), substitute: "?"}
	if g.has(utf8.RuneError) {
		g.substitute = string(utf8.RuneError)
	}
	return g
}

// has reports whether the font draws r; characters beyond the BMP never count.
func (g *pdfGlyphs) has(r rune) bool {
	if r < 0 || r > 0xFFFF {
		return false
	}
	switch g.known[r] {
	case glyphYes:
		return true
	case glyphNo:
		return false
	}
	i, err := g.face.GlyphIndex(&g.buf, r)
	ok := err == nil && i != 0
	g.known[r] = glyphNo
	if ok {
		g.known[r] = glyphYes
	}
	return ok
}

// text returns s as the PDF can write it: valid UTF-8 of characters the font has.
// Line feeds are kept (a carriage return becomes one, CR LF one line feed), a tab is a
// space; a character the font lacks — beyond the BMP, a control character, a
// non-character, bytes that are not UTF-8 — becomes the visible substitute, a space
// without a glyph a plain space, and an invisible format character without a glyph
// (a direction mark, a zero-width joiner) is left out. Combining marks and
// right-to-left letters the font has are kept as they are, in logical order.
func (g *pdfGlyphs) text(s string) string {
	if g.plain(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		valid := r != utf8.RuneError || size > 1 // a U+FFFD written in the text is valid
		i += size
		switch {
		case r == '\n':
			b.WriteByte('\n')
		case r == '\r':
			if i < len(s) && s[i] == '\n' {
				continue // CR LF: the line feed follows
			}
			b.WriteByte('\n')
		case r == '\t':
			b.WriteByte(' ')
		case !valid || unicode.IsControl(r) || r > 0xFFFF || r == 0xFFFE || r == 0xFFFF:
			b.WriteString(g.substitute)
		case g.has(r):
			b.WriteRune(r)
		case unicode.IsSpace(r) || unicode.Is(unicode.Zs, r):
			b.WriteByte(' ')
		case unicode.Is(unicode.Cf, r):
			// invisible by nature: nothing to draw
		default:
			b.WriteString(g.substitute)
		}
	}
	return b.String()
}

// plain reports whether s is printable ASCII the font has, so that text can return it
// as it is.
func (g *pdfGlyphs) plain(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 || c >= 0x7F || !g.has(rune(c)) {
			return false
		}
	}
	return true
}

// line is text for a single line (a bookmark, the document's title): line feeds
// become spaces.
func (g *pdfGlyphs) line(s string) string {
	return strings.ReplaceAll(g.text(s), "\n", " ")
}

// document replaces every text of doc by what the PDF can write (see text).
func (g *pdfGlyphs) document(doc *reportDoc) {
	doc.Title = g.line(doc.Title)
	for i := range doc.Sections {
		sec := &doc.Sections[i]
		sec.Title = g.text(sec.Title)
		for j := range sec.Blocks {
			b := &sec.Blocks[j]
			b.Text = g.text(b.Text)
			for k := range b.Items {
				b.Items[k] = g.text(b.Items[k])
			}
			if t := b.Table; t != nil {
				t.Caption = g.text(t.Caption)
				for k := range t.Header {
					t.Header[k] = g.text(t.Header[k])
				}
				for _, row := range t.Rows {
					for k := range row {
						row[k].Text = g.text(row[k].Text)
					}
				}
			}
		}
	}
}

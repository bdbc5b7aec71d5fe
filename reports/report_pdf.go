package reports

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"sync"
	"time"

	"codeberg.org/go-fonts/liberation/liberationsansbold"
	"codeberg.org/go-fonts/liberation/liberationsansregular"
	"codeberg.org/go-pdf/fpdf"
	"golang.org/x/image/font/sfnt"
	"gonum.org/v1/plot/vg"
)

// The PDF report is written with fpdf, which embeds a subset of a TrueType font
// (AddUTF8FontFromBytes). Lines are broken by wrapText, not by fpdf's MultiCell, which
// drops a character at each break in Japanese text without spaces; charts go in as
// their 300-DPI PNG (gonum/plot's own PDF backend cannot encode Japanese).

// Page geometry in millimetres: A4 with the HTML report's margins.
const (
	pdfPageW, pdfPageH = 210.0, 297.0
	pdfLeft, pdfRight  = 20.0, 20.0
	pdfTop, pdfBottom  = 18.0, 20.0
	pdfContentW        = pdfPageW - pdfLeft - pdfRight
	pdfFamily          = "body"
	ptToMM             = 25.4 / 72
)

// Colours (RGB) of the PDF, as in the HTML's CSS.
var (
	pdfBlue      = [3]int{0, 84, 140}
	pdfText      = [3]int{17, 17, 17}
	pdfMuted     = [3]int{85, 85, 85}
	pdfRule      = [3]int{187, 187, 187}
	pdfBandFills = map[string][3]int{
		"subhead":         {242, 242, 242},
		"band-strength":   {219, 233, 244},
		"band-borderline": {253, 241, 204},
		"band-concern":    {243, 208, 213},
	}
)

// WriteReportPDF writes report.pdf natively, without a browser: the same sections as
// report.html, on A4 pages with page numbers, each section on a new page, table rows
// kept whole (a table's header is repeated on the next page) and Japanese lines broken
// by the kinsoku rules. The document's dates are the run's (SOURCE_DATE_EPOCH), or
// 1970-01-01 without one, so that identical runs write identical files.
func WriteReportPDF(w io.Writer, run *Run, opt ReportOptions) error {
	if opt.Lang == "ja" && (opt.Font == nil || !opt.Font.hasJapanese()) {
		return fmt.Errorf("a Japanese PDF report needs a Japanese TrueType font; %s", fontAdvice)
	}
	doc := buildReport(run, opt)
	p := newPDFWriter(doc, run, opt)
	p.glyphs.document(doc)
	p.f.SetTitle(doc.Title, true)
	for i, sec := range doc.Sections {
		if err := p.section(i, sec); err != nil {
			return err
		}
	}
	if err := p.f.Error(); err != nil {
		return fmt.Errorf("writing the PDF report: %w", err)
	}
	return p.f.Output(w)
}

// pdfWriter lays the document out on pages.
type pdfWriter struct {
	f      *fpdf.Fpdf
	rt     reportText
	images map[string]int // charts registered with fpdf: the columns padded to each
	glyphs *pdfGlyphs     // what the font can draw; every text passes through it
}

// liberationFace is Liberation Sans, the PDF's font when no other is given, parsed
// once for its character map.
var liberationFace = sync.OnceValue(func() *sfnt.Font {
	face, err := sfnt.Parse(liberationsansregular.TTF)
	if err != nil {
		panic("reports: the built-in Liberation Sans does not parse: " + err.Error()) // a build defect
	}
	return face
})

func newPDFWriter(doc *reportDoc, run *Run, opt ReportOptions) *pdfWriter {
	f := fpdf.New("P", "mm", "A4", "")
	regular, bold := liberationsansregular.TTF, liberationsansbold.TTF
	if opt.Font != nil {
		regular, bold = opt.Font.data, opt.Font.data // one weight: headings differ by size and colour
	}
	f.AddUTF8FontFromBytes(pdfFamily, "", regular)
	f.AddUTF8FontFromBytes(pdfFamily, "B", bold)
	f.SetMargins(pdfLeft, pdfTop, pdfRight)
	f.SetAutoPageBreak(false, pdfBottom) // pages are broken here, never inside a row
	date := run.Generated
	if date.IsZero() {
		date = time.Unix(0, 0)
	}
	f.SetCreationDate(date.UTC())
	f.SetModificationDate(date.UTC())
	f.SetCatalogSort(true)
	f.SetCreator("renkei "+run.Version, true)
	f.SetLang(opt.Lang)
	f.AliasNbPages("{nb}")
	face := liberationFace()
	if opt.Font != nil {
		face = opt.Font.face
	}
	p := &pdfWriter{f: f, rt: reportText{lang: opt.Lang}, images: map[string]int{}, glyphs: newPDFGlyphs(face)}
	f.SetFooterFunc(func() {
		f.SetY(pdfPageH - 12)
		p.font("", 8.5, pdfMuted)
		f.CellFormat(0, 4, fmt.Sprintf(p.rt.t("footer.page"), f.PageNo()), "", 0, "C", false, 0, "")
	})
	return p
}

func (p *pdfWriter) font(style string, size float64, color [3]int) {
	p.f.SetFont(pdfFamily, style, size)
	p.f.SetTextColor(color[0], color[1], color[2])
}

// room reports whether h millimetres fit above the bottom margin.
func (p *pdfWriter) room(h float64) bool { return p.f.GetY()+h <= pdfPageH-pdfBottom }

// need starts a new page unless h millimetres fit.
func (p *pdfWriter) need(h float64) {
	if !p.room(h) {
		p.f.AddPage()
	}
}

// section starts a page and lays out the section's blocks.
func (p *pdfWriter) section(i int, sec reportSection) error {
	p.f.AddPage()
	p.f.Bookmark(p.glyphs.line(sec.Title), 0, -1)
	if sec.Cover {
		p.f.SetY(70)
		p.font("B", 24, pdfBlue)
		p.lines(sec.Title, 24, 10, "L")
		p.f.Ln(6)
	} else {
		p.font("B", 15, pdfBlue)
		p.lines(sec.Title, 15, 7, "L")
		y := p.f.GetY() + 0.5
		p.f.SetDrawColor(pdfBlue[0], pdfBlue[1], pdfBlue[2])
		p.f.SetLineWidth(0.4)
		p.f.Line(pdfLeft, y, pdfLeft+pdfContentW, y)
		p.f.SetY(y + 4)
	}
	for _, b := range sec.Blocks {
		if err := p.block(b); err != nil {
			return err
		}
	}
	return nil
}

func (p *pdfWriter) block(b reportBlock) error {
	switch b.Kind {
	case blockPara:
		p.paragraph(b.Text, "", 10, pdfText)
	case blockLead:
		p.paragraph(b.Text, "", 11, pdfText)
	case blockNote:
		p.paragraph(b.Text, "", 8.5, pdfMuted)
	case blockHeading:
		p.f.Ln(2)
		p.need(6 + 15) // keep a heading with what follows it
		p.font("B", 11, pdfText)
		p.lines(b.Text, 11, 5.5, "L")
		p.f.Ln(1)
	case blockBullets:
		for _, it := range b.Items {
			p.bullet(it)
		}
		p.f.Ln(1)
	case blockFacts:
		p.facts(b.Table)
	case blockTable:
		p.table(b.Table)
	case blockChart:
		return p.chart(b.Chart)
	}
	return nil
}

// lineHeight is the line pitch of a font size in points, in mm.
func lineHeight(size float64) float64 { return size * 1.45 * ptToMM }

// paragraph writes wrapped text across the content width.
func (p *pdfWriter) paragraph(text, style string, size float64, color [3]int) {
	p.font(style, size, color)
	p.lines(text, size, lineHeight(size), "L")
	p.f.Ln(2)
}

// lines writes text wrapped to the content width, breaking pages between lines.
func (p *pdfWriter) lines(text string, size, lh float64, align string) {
	for _, line := range wrapText(text, pdfContentW, p.f.GetStringWidth) {
		p.need(lh)
		p.f.SetX(pdfLeft)
		p.f.CellFormat(pdfContentW, lh, line, "", 1, align, false, 0, "")
	}
}

// bullet writes one list item, its lines indented past the bullet.
func (p *pdfWriter) bullet(text string) {
	const indent = 5.0
	p.font("", 10, pdfText)
	lh := lineHeight(10)
	lines := wrapText(text, pdfContentW-indent, p.f.GetStringWidth)
	p.need(lh * math.Min(2, float64(len(lines)))) // no item starts on a page's last line
	for i, line := range lines {
		p.need(lh)
		if i == 0 {
			p.f.SetX(pdfLeft + 1)
			p.f.CellFormat(indent-1, lh, "•", "", 0, "L", false, 0, "")
		}
		p.f.SetX(pdfLeft + indent)
		p.f.CellFormat(pdfContentW-indent, lh, line, "", 1, "L", false, 0, "")
	}
	p.f.Ln(1)
}

// facts writes the cover's label–value pairs.
func (p *pdfWriter) facts(t *reportTable) {
	const labelW = 45.0
	lh := lineHeight(11) + 1
	for _, row := range t.Rows {
		p.font("", 11, pdfMuted)
		p.f.SetX(pdfLeft)
		p.f.CellFormat(labelW, lh, row[0].Text, "", 0, "L", false, 0, "")
		p.font("", 11, pdfText)
		lines := wrapText(row[1].Text, pdfContentW-labelW, p.f.GetStringWidth)
		for i, line := range lines {
			if i > 0 {
				p.need(lh)
				p.f.SetX(pdfLeft + labelW)
			}
			p.f.CellFormat(pdfContentW-labelW, lh, line, "", 1, "L", false, 0, "")
		}
	}
	p.f.Ln(3)
}

// Table layout: cell padding and the font size of tables.
const (
	cellPadX, cellPadY = 1.5, 1.0
	tableSize          = 8.5
	headerSize         = 8.0
)

// pdfCell is a cell laid out: its x, width and wrapped lines.
type pdfCell struct {
	x, w       float64
	padX, size float64 // horizontal padding and font size
	lines      []string
	cell       reportCell
	align      string
}

// layoutRow wraps a row's cells into their columns; header cells are bold.
func (p *pdfWriter) layoutRow(t *reportTable, row []reportCell, widths []float64, header bool) (pdfRow, float64) {
	style, size, padX := "", tableSize, cellPadX
	if header {
		style, size, padX = "B", headerSize, 1.0
	}
	p.font(style, size, pdfText)
	var cells pdfRow
	x, col, height := pdfLeft, 0, 0.0
	for _, c := range row {
		span := max(c.Span, 1)
		w := 0.0
		for i := col; i < col+span && i < len(widths); i++ {
			w += widths[i]
		}
		align := "L"
		if span == 1 && t.Align(col) == "num" {
			align = "R"
		}
		lines := wrapText(c.Text, w-2*padX, p.f.GetStringWidth)
		cells = append(cells, pdfCell{x: x, w: w, lines: lines, cell: c, align: align, padX: padX, size: size})
		height = math.Max(height, float64(len(lines))*lineHeight(size)+2*cellPadY)
		x += w
		col += span
	}
	return cells, height
}

// drawRow draws a laid-out row at the current y and moves below it.
func (p *pdfWriter) drawRow(cells []pdfCell, height float64, header bool) {
	y := p.f.GetY()
	for _, c := range cells {
		lh := lineHeight(c.size)
		if fill, ok := pdfBandFills[c.cell.Class]; ok {
			p.f.SetFillColor(fill[0], fill[1], fill[2])
			p.f.Rect(c.x, y, c.w, height, "F")
		}
		color, style := pdfText, ""
		switch {
		case header || c.cell.Class == "subhead":
			style = "B"
		case c.cell.Class == "hidden":
			color = pdfMuted
		}
		p.font(style, c.size, color)
		for i, line := range c.lines {
			p.f.SetXY(c.x+c.padX, y+cellPadY+float64(i)*lh)
			p.f.CellFormat(c.w-2*c.padX, lh, line, "", 0, c.align, false, 0, "")
		}
	}
	rule, width := pdfRule, 0.15
	if header {
		rule, width = pdfMuted, 0.35
	}
	p.f.SetDrawColor(rule[0], rule[1], rule[2])
	p.f.SetLineWidth(width)
	p.f.Line(pdfLeft, y+height, pdfLeft+pdfContentW, y+height)
	p.f.SetXY(pdfLeft, y+height)
}

// table draws a table: its caption, header and rows. A row never breaks across
// pages; on a new page the header is drawn again.
func (p *pdfWriter) table(t *reportTable) {
	total := 0.0
	for _, w := range t.Widths {
		total += w
	}
	widths := make([]float64, len(t.Header))
	for i := range widths {
		if len(t.Widths) == len(t.Header) && total > 0 {
			widths[i] = pdfContentW * max(t.Widths[i], 0) / total
		} else {
			widths[i] = pdfContentW / float64(len(widths)) // widths not given: equal columns
		}
	}
	header := make([]reportCell, len(t.Header))
	for i, h := range t.Header {
		header[i] = reportCell{Text: h}
	}
	hcells, hh := p.layoutRow(t, header, widths, true)
	captionH := 0.0
	if t.Caption != "" {
		captionH = lineHeight(9.5) + 1
	}
	first := hh
	if len(t.Rows) > 0 {
		_, first = p.layoutRow(t, t.Rows[0], widths, false)
	}
	p.f.Ln(1)
	p.need(captionH + hh + first) // caption, header and a first row together
	if t.Caption != "" {
		p.font("B", 9.5, pdfText)
		p.lines(t.Caption, 9.5, lineHeight(9.5), "L")
		p.f.Ln(1)
	}
	p.drawRow(hcells, hh, true)
	// A row taller than a page below the header (a cell of very long text) goes on in
	// pieces of that many lines, each on a page of its own.
	perPage := max(1, int((pdfPageH-pdfTop-pdfBottom-hh-2*cellPadY)/lineHeight(tableSize)))
	for _, row := range t.Rows {
		cells, _ := p.layoutRow(t, row, widths, false)
		for _, piece := range rowPieces(cells, perPage) {
			h := piece.height()
			if !p.room(h) {
				p.f.AddPage()
				p.drawRow(hcells, hh, true)
			}
			p.drawRow(piece, h, false)
		}
	}
	p.f.Ln(4)
}

// pdfRow is a laid-out row.
type pdfRow []pdfCell

// height is the row's height: its tallest cell's lines and the padding.
func (r pdfRow) height() float64 {
	h := 0.0
	for _, c := range r {
		h = math.Max(h, float64(len(c.lines))*lineHeight(c.size)+2*cellPadY)
	}
	return h
}

// rowPieces cuts a row into rows of at most perPage lines in every cell.
func rowPieces(cells pdfRow, perPage int) []pdfRow {
	most := 0
	for _, c := range cells {
		most = max(most, len(c.lines))
	}
	if most <= perPage {
		return []pdfRow{cells}
	}
	var pieces []pdfRow
	for from := 0; from < most; from += perPage {
		piece := make(pdfRow, len(cells))
		for i, c := range cells {
			lines := c.lines[min(from, len(c.lines)):min(from+perPage, len(c.lines))]
			c.lines = lines
			piece[i] = c
		}
		pieces = append(pieces, piece)
	}
	return pieces
}

// chart places a chart's PNG across the content width, on the next page when it
// does not fit, scaled down when it is taller than a page.
func (p *pdfWriter) chart(ch Chart) error {
	pad, ok := p.images[ch.Name]
	if !ok {
		// fpdf writes images in the order of their widths, and images of one width in
		// random order; charts all share one width, so each gets a width of its own
		// (pad = its number in the document) to keep identical runs byte-identical.
		// The chart keeps its scale: the padding, 0.085 mm (a pixel at 300 DPI) per
		// chart before it, falls in the right margin.
		pad = len(p.images)
		var png bytes.Buffer
		if err := ch.writePNG(&png, pad); err != nil {
			return err
		}
		p.f.RegisterImageOptionsReader(ch.Name, fpdf.ImageOptions{ImageType: "PNG"}, &png)
		p.images[ch.Name] = pad
	}
	w := pdfContentW
	h := w * float64(ch.Height) / float64(ch.Width)
	w *= 1 + float64(pad)/float64(ch.Width/vg.Inch*vg.Length(ch.dpi())) // the padding lies in the right margin
	if maxH := pdfPageH - pdfTop - pdfBottom; h > maxH {
		w, h = w*maxH/h, maxH
	}
	p.f.Ln(1)
	p.need(h)
	x := pdfLeft + (pdfContentW-w)/2
	p.f.ImageOptions(ch.Name, x, p.f.GetY(), w, h, false, fpdf.ImageOptions{ImageType: "PNG"}, 0, "")
	p.f.SetY(p.f.GetY() + h + 3)
	return nil
}

package reports

import (
	"image/color"
	"math"
	"strconv"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// chartMargin is the white space around a chart.
const chartMargin = 0.3 * vg.Centimeter

// legendItem is one entry of a chart's legend: a small drawing and its label.
type legendItem struct {
	label string
	thumb func(c draw.Canvas, r vg.Rectangle)
}

// swatchItem is a legend entry drawn as a filled square, hatched when hatch is set.
func swatchItem(label string, fill color.Color, hatch bool) legendItem {
	return legendItem{label: label, thumb: func(c draw.Canvas, r vg.Rectangle) {
		fillRect(c, r, fill)
		if hatch {
			hatchRect(c, r)
		}
		c.StrokeLines(draw.LineStyle{Color: colorMuted, Width: vg.Points(0.4)}, rectPath(r))
	}}
}

// lineItem is a legend entry drawn as a line with an optional glyph in its middle.
func lineItem(label string, line draw.LineStyle, glyph *draw.GlyphStyle) legendItem {
	return legendItem{label: label, thumb: func(c draw.Canvas, r vg.Rectangle) {
		y := (r.Min.Y + r.Max.Y) / 2
		if line.Width > 0 {
			c.StrokeLine2(line, r.Min.X, y, r.Max.X, y)
		}
		if glyph != nil {
			c.DrawGlyphNoClip(*glyph, vg.Point{X: (r.Min.X + r.Max.X) / 2, Y: y})
		}
	}}
}

// frame draws a chart's title at the top, its legend and a note at the bottom, and
// hands the space between to body.
func (s *chartStyle) frame(c draw.Canvas, title string, legend []legendItem, note string, body func(draw.Canvas)) {
	c = draw.Crop(c, chartMargin, -chartMargin, chartMargin, -chartMargin)
	width := c.Max.X - c.Min.X
	top := c.Max.Y
	if title != "" {
		sty := s.text(11)
		sty.XAlign, sty.YAlign = draw.XCenter, draw.YTop
		title = s.wrap(sty, title, width, 2)
		c.FillText(sty, vg.Point{X: (c.Min.X + c.Max.X) / 2, Y: top}, title)
		top -= sty.Height(title) + 0.25*vg.Centimeter
	}
	bottom := c.Min.Y
	if note != "" {
		sty := s.text(7.5)
		sty.Color = colorMuted
		note = s.wrap(sty, note, width, 3)
		c.FillText(sty, vg.Point{X: c.Min.X, Y: bottom}, note)
		bottom += sty.Height(note) + 0.15*vg.Centimeter
	}
	if len(legend) > 0 {
		bottom += s.drawLegend(c, legend, bottom, true) + 0.2*vg.Centimeter
	}
	body(draw.Canvas{Canvas: c.Canvas, Rectangle: vg.Rectangle{Min: vg.Point{X: c.Min.X, Y: bottom}, Max: vg.Point{X: c.Max.X, Y: top}}})
}

// emptyChart is the chart of a run with nothing to draw (every group below k): its
// title and a sentence saying so, in the chart's language, instead of axes with no
// data.
func (s *chartStyle) emptyChart(name, title string) Chart {
	return Chart{Name: name, Width: chartWidth, Height: 4 * vg.Centimeter, draw: func(c draw.Canvas) {
		s.frame(c, title, nil, "", func(c draw.Canvas) {
			sty := s.text(10)
			sty.Color = colorMuted
			sty.XAlign, sty.YAlign = draw.XCenter, draw.YCenter
			msg := s.wrap(sty, s.tf("chart.empty", s.minGroup), c.Max.X-c.Min.X, 3)
			c.FillText(sty, vg.Point{X: (c.Min.X + c.Max.X) / 2, Y: (c.Min.Y + c.Max.Y) / 2}, msg)
		})
	}}
}

// drawLegend lays the legend out in rows from the bottom of c upwards, left to right,
// starting a new row when an entry would pass the right edge; it returns the height,
// and draws only when paint is set.
func (s *chartStyle) drawLegend(c draw.Canvas, items []legendItem, bottom vg.Length, paint bool) vg.Length {
	sty := s.text(8)
	sty.YAlign = draw.YCenter
	thumbW, gap := 0.6*vg.Centimeter, 0.15*vg.Centimeter
	rowH := sty.Height("Ag") + 0.15*vg.Centimeter
	var rows [][]legendItem
	var x vg.Length
	width := c.Max.X - c.Min.X
	for _, it := range items {
		w := thumbW + gap + sty.Width(it.label) + 0.5*vg.Centimeter
		if len(rows) == 0 || x+w > width && x > 0 {
			rows = append(rows, nil)
			x = 0
		}
		rows[len(rows)-1] = append(rows[len(rows)-1], it)
		x += w
	}
	for i, row := range rows {
		if !paint {
			break
		}
		y := bottom + vg.Length(len(rows)-1-i)*rowH + rowH/2
		x := c.Min.X
		for _, it := range row {
			th := sty.Height("Ag") * 0.8
			it.thumb(c, vg.Rectangle{Min: vg.Point{X: x, Y: y - th/2}, Max: vg.Point{X: x + thumbW, Y: y + th/2}})
			c.FillText(sty, vg.Point{X: x + thumbW + gap, Y: y}, it.label)
			x += thumbW + gap + sty.Width(it.label) + 0.5*vg.Centimeter
		}
	}
	return vg.Length(len(rows)) * rowH
}

// wrap breaks s into at most maxLines lines no wider than width, at spaces where the
// text has them and between any two characters otherwise (Japanese has no spaces);
// text beyond the last line is cut and ends with an ellipsis.
func (s *chartStyle) wrap(sty text.Style, str string, width vg.Length, maxLines int) string {
	if sty.Width(str) <= width {
		return str
	}
	var lines []string
	rest := []rune(str)
	for len(rest) > 0 && len(lines) < maxLines {
		n := fitRunes(sty, rest, width)
		if n < len(rest) {
			if sp := lastSpace(rest[:n+1]); sp > 0 {
				n = sp
			} else {
				for n < len(rest) && isLatinLetter(rest[n-1]) && isLatinLetter(rest[n]) {
					n++ // a word too long for the line overflows rather than splits
				}
			}
			for n < len(rest) && strings.ContainsRune("、。，．）」』・ー", rest[n]) {
				n++ // Japanese closing punctuation never starts a line
			}
		}
		lines = append(lines, strings.TrimSpace(string(rest[:n])))
		rest = []rune(strings.TrimLeft(string(rest[n:]), " "))
	}
	if len(rest) > 0 {
		// The longest start of the last line that fits with the ellipsis (a line may
		// be a long word that overflowed): found by halving, not rune by rune.
		last := []rune(lines[len(lines)-1])
		lo, hi := 0, len(last)
		for lo < hi {
			mid := (lo + hi + 1) / 2
			if sty.Width(string(last[:mid])+"…") <= width {
				lo = mid
			} else {
				hi = mid - 1
			}
		}
		lines[len(lines)-1] = strings.TrimSpace(string(last[:lo])) + "…"
	}
	return strings.Join(lines, "\n")
}

// fitRunes returns how many leading runes of rs fit in width (at least one).
func fitRunes(sty text.Style, rs []rune, width vg.Length) int {
	lo, hi := 1, len(rs)
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if sty.Width(string(rs[:mid])) <= width {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return lo
}

// isLatinLetter reports whether r is an ASCII letter: words of those are not split.
func isLatinLetter(r rune) bool { return r < 128 && (r|0x20 >= 'a' && r|0x20 <= 'z') }

// lastSpace returns the index of the last space in rs, or −1.
func lastSpace(rs []rune) int {
	for i := len(rs) - 1; i >= 0; i-- {
		if rs[i] == ' ' {
			return i
		}
	}
	return -1
}

// fillRect fills r with col.
func fillRect(c draw.Canvas, r vg.Rectangle, col color.Color) {
	c.FillPolygon(col, []vg.Point{r.Min, {X: r.Max.X, Y: r.Min.Y}, r.Max, {X: r.Min.X, Y: r.Max.Y}})
}

// rectPath is the closed outline of r.
func rectPath(r vg.Rectangle) []vg.Point {
	return []vg.Point{r.Min, {X: r.Max.X, Y: r.Min.Y}, r.Max, {X: r.Min.X, Y: r.Max.Y}, r.Min}
}

// hatchRect draws thin diagonal lines across r: the mark of a suppressed cell.
func hatchRect(c draw.Canvas, r vg.Rectangle) {
	sty := draw.LineStyle{Color: colorSuppress, Width: vg.Points(0.4)}
	w, h := r.Max.X-r.Min.X, r.Max.Y-r.Min.Y
	step := vg.Points(4)
	for d := step; d < w+h; d += step {
		// the line x − y = d′ from the bottom edge to the left edge, clipped to r
		x0, y0 := r.Min.X+d, r.Min.Y
		x1, y1 := r.Min.X, r.Min.Y+d
		if x0 > r.Max.X {
			y0 += x0 - r.Max.X
			x0 = r.Max.X
		}
		if y1 > r.Max.Y {
			x1 += y1 - r.Max.Y
			y1 = r.Max.Y
		}
		c.StrokeLine2(sty, x0, y0, x1, y1)
	}
}

// hideAxis keeps an axis's tick labels and removes its line and tick marks.
func hideAxisLines(ax *plot.Axis) {
	ax.LineStyle.Width = 0
	ax.Tick.LineStyle.Width = 0
	ax.Tick.Length = 0
}

// formatScore renders a mean for people: two decimals.
func formatScore(v float64) string { return strconv.FormatFloat(v, 'f', 2, 64) }

// formatChange renders a change with its sign: +0.25, −0.10.
func formatChange(v float64) string {
	s := strconv.FormatFloat(v, 'f', 2, 64)
	switch {
	case s == "-0.00" || s == "0.00":
		return "±0.00"
	case v > 0:
		return "+" + s
	}
	return "−" + s[1:]
}

// formatThreshold renders a band threshold: 4.0, 4.75.
func formatThreshold(v float64) string {
	if v == float64(int(v)) {
		return strconv.FormatFloat(v, 'f', 1, 64)
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}

// gridLines are the faint horizontal or vertical lines of a chart's scale.
func gridLine() draw.LineStyle { return draw.LineStyle{Color: colorGrid, Width: vg.Points(0.5)} }

// thresholdLine is how band thresholds are drawn.
func thresholdLine() draw.LineStyle {
	return draw.LineStyle{Color: colorMuted, Width: vg.Points(0.8), Dashes: []vg.Length{vg.Points(3), vg.Points(2)}}
}

// plotterFunc adapts a function to plot.Plotter.
type plotterFunc func(c draw.Canvas, p *plot.Plot)

func (f plotterFunc) Plot(c draw.Canvas, p *plot.Plot) { f(c, p) }

// withValueColumn splits c into a plot area and a column of width on its right, with
// header over it; after the plot is drawn in the plot area, the returned function
// writes value(i) on the plot's i-th row from the top (of n), muted when faint.
func (s *chartStyle) withValueColumn(c draw.Canvas, width vg.Length, header string) (draw.Canvas, func(p *plot.Plot, n int, value func(i int) (text string, faint bool))) {
	head := s.text(8)
	head.XAlign, head.YAlign = draw.XCenter, draw.YBottom
	header = s.wrap(head, header, width, 2)
	area := c
	area.Max.X -= width
	area.Max.Y -= head.Height(header) + vg.Points(4)
	return area, func(p *plot.Plot, n int, value func(i int) (string, bool)) {
		dc := p.DataCanvas(area)
		_, y := p.Transforms(&dc)
		colX := c.Max.X - width/2
		c.FillText(head, vg.Point{X: colX, Y: dc.Max.Y + vg.Points(2)}, header)
		for i := range n {
			text, faint := value(i)
			sty := s.text(9)
			sty.XAlign, sty.YAlign = draw.XCenter, draw.YCenter
			if faint {
				sty.Color = colorMuted
			}
			c.FillText(sty, vg.Point{X: colX, Y: y(float64(n - 1 - i))}, text)
		}
	}
}

// fillTextOnWhite writes txt on a white box, so that grid and threshold lines do not
// run through it.
func fillTextOnWhite(c draw.Canvas, sty text.Style, pt vg.Point, txt string) {
	box := sty.Rectangle(txt)
	pad := vg.Point{X: vg.Points(2), Y: vg.Points(1)}
	fillRect(c, vg.Rectangle{Min: pt.Add(box.Min).Sub(pad), Max: pt.Add(box.Max).Add(pad)}, colorWhite)
	c.FillText(sty, pt, txt)
}

// rowPlot is a plot with one row per label (the first at the top) over a mean-score x
// axis that shows lo…hi and the band thresholds, with grid lines. drawRow draws row i
// at height y; a row for which suppressed(i) holds says "fewer than k" instead.
func (s *chartStyle) rowPlot(labels []string, lo, hi float64, suppressed func(i int) bool, drawRow func(c draw.Canvas, x func(float64) vg.Length, y vg.Length, i int)) *plot.Plot {
	p := s.newPlot("")
	n := len(labels)
	reversed := make([]string, n)
	for i, l := range labels {
		reversed[n-1-i] = l
	}
	p.NominalY(reversed...)
	hideAxisLines(&p.Y)
	p.Y.Min, p.Y.Max = -0.6, float64(n)-0.4
	strength, borderline := s.thresholds()
	p.X.Min, p.X.Max = s.scaleRange(math.Min(lo, borderline), math.Max(hi, strength))
	p.X.Label.Text = s.t("axis.mean")
	p.X.Tick.Marker = scaleTicks{}
	p.Add(plotterFunc(func(c draw.Canvas, p *plot.Plot) {
		x, y := p.Transforms(&c)
		for _, t := range (scaleTicks{}).Ticks(p.X.Min, p.X.Max) {
			c.StrokeLine2(gridLine(), x(t.Value), c.Min.Y, x(t.Value), c.Max.Y)
		}
		for _, t := range []float64{strength, borderline} {
			c.StrokeLine2(thresholdLine(), x(t), c.Min.Y, x(t), c.Max.Y)
		}
		for i := range n {
			row := y(float64(n - 1 - i))
			if suppressed(i) {
				sty := s.text(8)
				sty.Color = colorMuted
				sty.YAlign = draw.YCenter
				fillTextOnWhite(c, sty, vg.Point{X: c.Min.X + vg.Points(4), Y: row}, s.tf("suppressed", s.minGroup))
				continue
			}
			drawRow(c, x, row, i)
		}
	}))
	return p
}

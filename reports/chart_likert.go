package reports

import (
	"image/color"
	"math"
	"strconv"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"renkei/analysis"
	"renkei/survey"
)

// likertData is one partnership's diverging answer bars in its latest wave: per
// dimension a row of all its items together, then a row per item. levels is the whole
// answer scale, whatever the answers used, so a level nobody chose is still shown (0%).
type likertData struct {
	partnership string
	wave        survey.Wave
	levels      []string // one per scale point, lowest first
	rows        []likertRow
}

// likertRow is one bar: the answers per scale point after reverse-coding.
type likertRow struct {
	label      string
	dimension  bool // the row of a whole dimension
	reverse    bool // a reverse-worded item
	suppressed bool
	counts     []int // per level; nil when suppressed
}

// likertOf selects a partnership's answer counts in its latest wave: the dimension
// distributions of its scores and the item counts of the analysis.
func (s *chartStyle) likertOf(res *analysis.Result, v *partnershipView) likertData {
	cb := res.Codebook
	d := likertData{partnership: v.id, wave: v.latestWave(), levels: s.levels()}
	items, _ := res.ItemAnswers(v.id, v.latestWave())
	latest := v.latest()
	for di, dim := range cb.Dimensions {
		sc := latest[di]
		d.rows = append(d.rows, likertRow{label: s.tf("likert.all", dim.Name(s.lang)), dimension: true, suppressed: sc.Suppressed, counts: sc.Distribution})
		for _, i := range dim.Items {
			it := cb.Items[i]
			row := likertRow{label: it.ID, reverse: it.Reverse, suppressed: true}
			if txt := itemText(it, s.lang); txt != "" {
				row.label = txt
			}
			if items != nil && !items[i].Suppressed {
				row.suppressed, row.counts = false, items[i].Counts
			}
			d.rows = append(d.rows, row)
		}
	}
	return d
}

// itemText is an item's question in lang, the other language when it has none.
func itemText(it survey.Item, lang string) string {
	if lang == "ja" && it.TextJA != "" || it.TextEN == "" {
		return it.TextJA
	}
	return it.TextEN
}

// levels names every point of the answer scale: its wording where the scale has one
// (1–5), its number otherwise.
func (s *chartStyle) levels() []string {
	labels := s.cb.Labels()
	out := make([]string, 0, s.cb.Points())
	for v := s.cb.Min; v <= s.cb.Max; v++ {
		name := strconv.Itoa(v)
		for _, l := range labels {
			if l.Value == v {
				name = name + " " + l.EN
				if s.lang == "ja" {
					name = strconv.Itoa(v) + " " + l.JA
				}
			}
		}
		out = append(out, name)
	}
	return out
}

// shares returns each level's share of the row's answers in percent.
func (r likertRow) shares() []float64 {
	total := 0
	for _, c := range r.counts {
		total += c
	}
	out := make([]float64, len(r.counts))
	for i, c := range r.counts {
		if total > 0 {
			out[i] = 100 * float64(c) / float64(total)
		}
	}
	return out
}

// likertChart draws the diverging stacked bars: disagreeing levels to the left of the
// centre, agreeing ones to the right, a neutral middle level straddling it.
func (s *chartStyle) likertChart(d likertData, name string) Chart {
	height := 4.5*vg.Centimeter + vg.Length(len(d.rows))*0.8*vg.Centimeter
	colors := likertColors(len(d.levels))
	var legend []legendItem
	for i, l := range d.levels {
		legend = append(legend, swatchItem(l, colors[i], false))
	}
	title := s.tf("likert.title", d.partnership, s.waveLabel(d.wave))
	return Chart{Name: name, Width: chartWidth, Height: height, draw: func(c draw.Canvas) {
		s.frame(c, title, legend, s.tf("note.k", s.minGroup), func(c draw.Canvas) {
			s.drawLikert(c, d, colors)
		})
	}}
}

func (s *chartStyle) drawLikert(c draw.Canvas, d likertData, colors []color.Color) {
	p := s.newPlot("")
	labelSty := s.text(7.5)
	labels := make([]string, len(d.rows))
	for i, r := range d.rows {
		label := r.label
		if r.reverse {
			label += s.t("likert.reverse")
		}
		if !r.dimension {
			label = s.wrap(labelSty, label, 6.2*vg.Centimeter, 2)
		}
		labels[len(d.rows)-1-i] = label
	}
	p.NominalY(labels...)
	p.Y.Tick.Label = labelSty
	p.Y.Tick.Label.XAlign, p.Y.Tick.Label.YAlign = draw.XRight, draw.YCenter
	hideAxisLines(&p.Y)
	p.Y.Min, p.Y.Max = -0.6, float64(len(d.rows))-0.4
	p.X.Min, p.X.Max = -100, 100
	p.X.Tick.Marker = percentTicks{}
	p.X.Label.Text = s.t("likert.axis")
	points := len(d.levels)
	mid := points / 2
	p.Add(plotterFunc(func(c draw.Canvas, p *plot.Plot) {
		x, y := p.Transforms(&c)
		for _, v := range []float64{-100, -50, 50, 100} {
			c.StrokeLine2(gridLine(), x(v), c.Min.Y, x(v), c.Max.Y)
		}
		c.StrokeLine2(draw.LineStyle{Color: colorBlack, Width: vg.Points(0.8)}, x(0), c.Min.Y, x(0), c.Max.Y)
		for i, r := range d.rows {
			row := float64(len(d.rows) - 1 - i)
			half := 0.3
			if r.dimension {
				half = 0.36
			}
			if r.suppressed {
				sty := s.text(7.5)
				sty.Color = colorMuted
				sty.XAlign, sty.YAlign = draw.XCenter, draw.YCenter
				fillTextOnWhite(c, sty, vg.Point{X: x(0), Y: y(row)}, s.tf("suppressed", s.minGroup))
				continue
			}
			shares := r.shares()
			// Each level's segment [from, to] in percent of the row's answers.
			from := make([]float64, points)
			to := make([]float64, points)
			left, right := 0.0, 0.0
			if points%2 == 1 {
				left, right = -shares[mid]/2, shares[mid]/2
				from[mid], to[mid] = left, right
			}
			for l := (points - 1) / 2; l >= 0; l-- {
				if points%2 == 1 && l == mid {
					continue
				}
				from[l], to[l] = left-shares[l], left
				left -= shares[l]
			}
			for l := points / 2; l < points; l++ {
				if points%2 == 1 && l == mid {
					continue
				}
				from[l], to[l] = right, right+shares[l]
				right += shares[l]
			}
			for l := range points {
				if shares[l] == 0 {
					continue
				}
				rect := vg.Rectangle{Min: vg.Point{X: x(from[l]), Y: y(row - half)}, Max: vg.Point{X: x(to[l]), Y: y(row + half)}}
				fillRect(c, rect, colors[l])
				if shares[l] >= 6 {
					sty := s.text(7)
					sty.Color = textOn(colors[l])
					sty.XAlign, sty.YAlign = draw.XCenter, draw.YCenter
					c.FillText(sty, vg.Point{X: (rect.Min.X + rect.Max.X) / 2, Y: y(row)}, strconv.Itoa(int(math.Round(shares[l]))))
				}
			}
			if r.dimension {
				c.StrokeLines(draw.LineStyle{Color: colorBlack, Width: vg.Points(0.6)}, rectPath(vg.Rectangle{Min: vg.Point{X: x(left), Y: y(row - half)}, Max: vg.Point{X: x(right), Y: y(row + half)}}))
			}
		}
	}))
	p.Draw(c)
}

// percentTicks labels a −100…100 axis by distance from the centre: 100, 50, 0, 50, 100.
type percentTicks struct{}

func (percentTicks) Ticks(lo, hi float64) []plot.Tick {
	var out []plot.Tick
	for v := -100.0; v <= 100; v += 25 {
		t := plot.Tick{Value: v}
		if math.Mod(v, 50) == 0 {
			t.Label = strconv.Itoa(int(math.Abs(v)))
		}
		out = append(out, t)
	}
	return out
}

package reports

import (
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"renkei/analysis"
	"renkei/survey"
)

// gapData is one partnership's perception-gap chart in its latest wave: each member
// organisation's and each role's mean on every dimension, with its 95% CI.
type gapData struct {
	partnership string
	wave        survey.Wave
	dimensions  []string     // dimension ids, the x axis (health left out)
	orgs, roles []gapProfile // groups with at least one published score
}

// gapProfile is one group's published scores; a suppressed dimension is absent.
type gapProfile struct {
	name   string
	scores []analysis.GroupScore // per dimension; Suppressed ones are not drawn
}

// gapOf selects the org and role profiles of a partnership's latest wave; a group
// suppressed on every dimension is left out entirely.
func gapOf(res *analysis.Result, v *partnershipView) gapData {
	d := gapData{partnership: v.id, wave: v.latestWave()}
	for _, dim := range res.Codebook.Dimensions {
		d.dimensions = append(d.dimensions, dim.ID)
	}
	pick := func(profiles []groupProfile) []gapProfile {
		var out []gapProfile
		for _, g := range profiles {
			scores := g.scores[:len(d.dimensions)]
			for _, sc := range scores {
				if !sc.Suppressed {
					out = append(out, gapProfile{name: g.name, scores: scores})
					break
				}
			}
		}
		return out
	}
	d.orgs, d.roles = pick(v.orgs), pick(v.roles)
	return d
}

// empty reports whether the chart would show nothing.
func (d gapData) empty() bool { return len(d.orgs) == 0 && len(d.roles) == 0 }

// gapChart draws two panels side by side, by organisation and by role: one line per
// group across the dimensions, told apart by colour, marker and dash.
func (s *chartStyle) gapChart(d gapData, name string) Chart {
	title := s.tf("gap.title", d.partnership, s.waveLabel(d.wave))
	return Chart{Name: name, Width: chartWidth, Height: 12 * vg.Centimeter, draw: func(c draw.Canvas) {
		s.frame(c, title, nil, s.tf("note.k", s.minGroup), func(c draw.Canvas) {
			left, right := c, c
			mid := (c.Min.X + c.Max.X) / 2
			left.Max.X, right.Min.X = mid-0.3*vg.Centimeter, mid+0.3*vg.Centimeter
			// One scale and one legend height for both panels, so they line up.
			lo, hi := s.thresholds()
			lo, hi = math.Min(lo, hi), math.Max(lo, hi)
			for _, g := range append(append([]gapProfile(nil), d.orgs...), d.roles...) {
				for _, sc := range g.scores {
					if !sc.Suppressed {
						lo, hi = math.Min(lo, sc.CILow), math.Max(hi, sc.CIHigh)
					}
				}
			}
			ymin, ymax := s.scaleRange(lo, hi)
			orgs, roles := gapLegend(d.orgs), gapLegend(d.roles)
			legendH := max(s.drawLegend(left, orgs, 0, false), s.drawLegend(right, roles, 0, false))
			s.drawGapPanel(left, d, s.t("gap.org"), d.orgs, orgs, legendH, ymin, ymax)
			s.drawGapPanel(right, d, s.t("gap.role"), d.roles, roles, legendH, ymin, ymax)
		})
	}}
}

// gapLegend names the groups of a panel with their line and marker.
func gapLegend(groups []gapProfile) []legendItem {
	var legend []legendItem
	for i, g := range groups {
		line, glyph := categoryStyle(i)
		legend = append(legend, lineItem(g.name, line, &glyph))
	}
	return legend
}

// drawGapPanel draws one panel over its legend, which takes legendH at the bottom.
func (s *chartStyle) drawGapPanel(c draw.Canvas, d gapData, title string, groups []gapProfile, legend []legendItem, legendH vg.Length, ymin, ymax float64) {
	s.drawLegend(c, legend, c.Min.Y+legendH-s.drawLegend(c, legend, 0, false), true)
	c.Min.Y += legendH + 0.3*vg.Centimeter
	p := s.newPlot(title)
	p.Title.TextStyle = s.text(9.5)
	p.Title.TextStyle.XAlign, p.Title.TextStyle.YAlign = draw.XCenter, draw.YTop
	var names []string
	for _, id := range d.dimensions {
		names = append(names, s.dimensionName(id))
	}
	p.NominalX(names...)
	p.X.Tick.Label = s.text(7.5)
	p.X.Tick.Label.XAlign, p.X.Tick.Label.YAlign = draw.XCenter, draw.YTop
	for i := range names {
		names[i] = s.wrap(p.X.Tick.Label, names[i], (c.Max.X-c.Min.X-2*vg.Centimeter)/vg.Length(len(names))-0.25*vg.Centimeter, 3)
	}
	p.NominalX(names...)
	p.X.Min, p.X.Max = -0.5, float64(len(names))-0.5
	p.Y.Label.Text = s.t("axis.mean")
	p.Y.Min, p.Y.Max = ymin, ymax
	p.Y.Tick.Marker = scaleTicks{}
	strength, borderline := s.thresholds()
	p.Add(plotterFunc(func(c draw.Canvas, p *plot.Plot) {
		x, y := p.Transforms(&c)
		for _, t := range []float64{strength, borderline} {
			c.StrokeLine2(thresholdLine(), c.Min.X, y(t), c.Max.X, y(t))
		}
		if len(groups) == 0 {
			sty := s.text(8)
			sty.Color = colorMuted
			sty.XAlign, sty.YAlign = draw.XCenter, draw.YCenter
			c.FillText(sty, c.Center(), s.tf("gap.none", s.minGroup))
			return
		}
		for i, g := range groups {
			line, glyph := categoryStyle(i)
			// Groups side by side within a dimension, so CIs do not hide each other.
			offset := (float64(i) - float64(len(groups)-1)/2) * math.Min(0.12, 0.6/float64(len(groups)))
			var pts []vg.Point
			flush := func() {
				if len(pts) > 1 {
					c.StrokeLines(line, pts)
				}
				pts = nil
			}
			for di, sc := range g.scores {
				if sc.Suppressed {
					flush()
					continue
				}
				px := x(float64(di) + offset)
				if !math.IsNaN(sc.CILow) {
					c.StrokeLine2(draw.LineStyle{Color: line.Color, Width: vg.Points(0.8)}, px, y(sc.CILow), px, y(sc.CIHigh))
				}
				pts = append(pts, vg.Point{X: px, Y: y(sc.Mean)})
			}
			flush()
			for di, sc := range g.scores {
				if !sc.Suppressed {
					c.DrawGlyph(glyph, vg.Point{X: x(float64(di) + offset), Y: y(sc.Mean)})
				}
			}
		}
	}))
	p.Draw(c)
}

// categoryStyle is the line and marker of the i-th group of a chart.
func categoryStyle(i int) (draw.LineStyle, draw.GlyphStyle) {
	col := categoryColors[i%len(categoryColors)]
	line := draw.LineStyle{Color: col, Width: vg.Points(1.2), Dashes: categoryDashes[i%len(categoryDashes)]}
	glyph := draw.GlyphStyle{Color: col, Radius: vg.Points(3), Shape: categoryGlyphs[i%len(categoryGlyphs)]}
	return line, glyph
}

package reports

import (
	"math"
	"slices"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"renkei/survey"
)

// trendData is one partnership's trend chart: per dimension (health last) a panel of
// its whole-partnership mean per wave with the 95% CI, on the run's waves.
type trendData struct {
	partnership string
	waves       []survey.Wave // every wave of the run, the x axis
	panels      []trendPanel
}

type trendPanel struct {
	dimension string
	points    []trendPoint // waves with a published score, chronological
	// flagged are the x positions (indices into waves) of the waves a trend flag marks.
	flagged []int
	flags   []string // the flags' names, in order of first appearance
}

// trendPoint is a published mean at wave index x.
type trendPoint struct {
	x                  int
	mean, ciLo, ciHigh float64
}

// trendOf selects a partnership's published scores per dimension and wave; suppressed
// waves are left out, so the lines break there. flags are the run's trend flags; those
// of this partnership mark their waves.
func trendOf(v *partnershipView, waves []survey.Wave, dims []string, flags []TrendFlag) trendData {
	d := trendData{partnership: v.id, waves: waves}
	index := map[survey.Wave]int{}
	for i, w := range waves {
		index[w] = i
	}
	for di, dim := range dims {
		panel := trendPanel{dimension: dim}
		for wi, scores := range v.all {
			if s := scores[di]; !s.Suppressed {
				panel.points = append(panel.points, trendPoint{x: index[v.waves[wi]], mean: s.Mean, ciLo: s.CILow, ciHigh: s.CIHigh})
			}
		}
		for _, f := range flags {
			if f.Partnership != v.id || f.Dimension != dim {
				continue
			}
			if x, ok := index[f.Wave]; ok && panel.published(x) {
				panel.flagged = append(panel.flagged, x)
				if !slices.Contains(panel.flags, f.Flag) {
					panel.flags = append(panel.flags, f.Flag)
				}
			}
		}
		d.panels = append(d.panels, panel)
	}
	return d
}

// published reports whether the panel has a point at x; a flag on a suppressed wave
// is not drawn.
func (p trendPanel) published(x int) bool {
	for _, pt := range p.points {
		if pt.x == x {
			return true
		}
	}
	return false
}

// trendChart draws one panel per dimension in a grid of two columns.
func (s *chartStyle) trendChart(d trendData, name string) Chart {
	cols := 2
	rows := (len(d.panels) + cols - 1) / cols
	height := 3.5*vg.Centimeter + vg.Length(rows)*6*vg.Centimeter
	strength, borderline := s.thresholds()
	mean := draw.GlyphStyle{Color: colorLine, Radius: vg.Points(2.5), Shape: draw.CircleGlyph{}}
	legend := []legendItem{
		lineItem(s.t("trend.mean"), draw.LineStyle{Color: colorLine, Width: vg.Points(1.5)}, &mean),
		swatchItem(s.t("trend.ci"), colorCIBand, false),
		lineItem(s.tf("threshold.lines", formatThreshold(strength), formatThreshold(borderline)), thresholdLine(), nil),
	}
	var flagNames []string
	for _, p := range d.panels {
		for _, f := range p.flags {
			if !slices.Contains(flagNames, f) {
				flagNames = append(flagNames, f)
			}
		}
	}
	if len(flagNames) > 0 {
		g := flagGlyph()
		legend = append(legend, lineItem(s.t("trend.flagged")+": "+strings.Join(flagNames, ", "), draw.LineStyle{}, &g))
	}
	return Chart{Name: name, Width: chartWidth, Height: height, draw: func(c draw.Canvas) {
		s.frame(c, s.tf("trend.title", d.partnership), legend, s.tf("note.k", s.minGroup), func(c draw.Canvas) {
			plots := make([][]*plot.Plot, rows)
			for r := range plots {
				plots[r] = make([]*plot.Plot, cols)
			}
			for i, panel := range d.panels {
				plots[i/cols][i%cols] = s.trendPanelPlot(d, panel)
			}
			tiles := draw.Tiles{Rows: rows, Cols: cols, PadX: 0.6 * vg.Centimeter, PadY: 0.4 * vg.Centimeter}
			canvases := plot.Align(plots, tiles, c)
			for i := range d.panels {
				plots[i/cols][i%cols].Draw(canvases[i/cols][i%cols])
			}
		})
	}}
}

// flagGlyph marks a flagged wave: a large ring around the point.
func flagGlyph() draw.GlyphStyle {
	return draw.GlyphStyle{Color: colorFlag, Radius: vg.Points(5.5), Shape: draw.RingGlyph{}}
}

func (s *chartStyle) trendPanelPlot(d trendData, panel trendPanel) *plot.Plot {
	p := s.newPlot(s.dimensionName(panel.dimension))
	p.Title.TextStyle = s.text(9.5)
	p.Title.TextStyle.XAlign, p.Title.TextStyle.YAlign = draw.XCenter, draw.YTop
	labels := make([]string, len(d.waves))
	for i, w := range d.waves {
		labels[i] = strings.Replace(s.waveLabel(w), "Q", "\nQ", 1)
	}
	p.NominalX(labels...)
	p.X.Tick.Label = s.text(7)
	p.X.Tick.Label.XAlign, p.X.Tick.Label.YAlign = draw.XCenter, draw.YTop
	p.X.Min, p.X.Max = -0.5, float64(len(d.waves))-0.5
	p.Y.Min, p.Y.Max = float64(s.cb.Min), float64(s.cb.Max)
	p.Y.Tick.Marker = scaleTicks{}
	p.Y.Label.Text = s.t("axis.mean")
	strength, borderline := s.thresholds()
	p.Add(plotterFunc(func(c draw.Canvas, p *plot.Plot) {
		x, y := p.Transforms(&c)
		for _, t := range []float64{strength, borderline} {
			c.StrokeLine2(thresholdLine(), c.Min.X, y(t), c.Max.X, y(t))
		}
		// Runs of consecutive waves: the line and the CI band break at a gap.
		for _, run := range consecutiveRuns(panel.points) {
			var band, line []vg.Point
			for _, pt := range run {
				if !math.IsNaN(pt.ciHigh) {
					band = append(band, vg.Point{X: x(float64(pt.x)), Y: y(pt.ciHigh)})
				}
				line = append(line, vg.Point{X: x(float64(pt.x)), Y: y(pt.mean)})
			}
			for i := len(run) - 1; i >= 0; i-- {
				if pt := run[i]; !math.IsNaN(pt.ciLo) {
					band = append(band, vg.Point{X: x(float64(pt.x)), Y: y(pt.ciLo)})
				}
			}
			if len(run) > 1 {
				c.FillPolygon(colorCIBand, c.ClipPolygonXY(band))
				c.StrokeLines(draw.LineStyle{Color: colorLine, Width: vg.Points(1.5)}, c.ClipLinesXY(line)...)
			} else if pt := run[0]; !math.IsNaN(pt.ciLo) {
				c.StrokeLine2(draw.LineStyle{Color: colorCIBand, Width: vg.Points(4)}, x(float64(pt.x)), y(pt.ciLo), x(float64(pt.x)), y(pt.ciHigh))
			}
			for _, pt := range line {
				c.DrawGlyph(draw.GlyphStyle{Color: colorLine, Radius: vg.Points(2.5), Shape: draw.CircleGlyph{}}, pt)
			}
		}
		for _, fx := range panel.flagged {
			for _, pt := range panel.points {
				if pt.x == fx {
					c.DrawGlyph(flagGlyph(), vg.Point{X: x(float64(pt.x)), Y: y(pt.mean)})
				}
			}
		}
	}))
	return p
}

// consecutiveRuns splits points into runs of adjacent waves.
func consecutiveRuns(points []trendPoint) [][]trendPoint {
	var runs [][]trendPoint
	for i, pt := range points {
		if i == 0 || pt.x != points[i-1].x+1 {
			runs = append(runs, nil)
		}
		runs[len(runs)-1] = append(runs[len(runs)-1], pt)
	}
	return runs
}

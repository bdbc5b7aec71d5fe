package reports

import (
	"math"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"renkei/analysis"
)

// DumbbellRow is one dimension of a before/after comparison, as the comparison
// analysis computed it: the means before and after with their 95% CIs, and the change.
// Every number comes from the analysis; the chart only draws them.
type DumbbellRow struct {
	Dimension             string // a dimension id or survey.HealthDimension
	Before, After         float64
	BeforeLow, BeforeHigh float64
	AfterLow, AfterHigh   float64
	Change                float64 // After − Before as the analysis reports it (compare.csv diff)
	// Suppressed is set when either side has fewer than k respondents: the row then
	// says so and shows no number.
	Suppressed bool
}

// DumbbellChart draws a before/after comparison: per dimension the before mean (ring)
// and the after mean (dot) with their CIs, joined by a line, and the change written on
// the right. scope names the comparison (e.g. the scope of compare.csv) before the
// chart's title; it may be empty.
func DumbbellChart(res *analysis.Result, opt ChartOptions, name, scope string, rows []DumbbellRow) (Chart, error) {
	s, err := newChartStyle(res, opt)
	if err != nil {
		return Chart{}, err
	}
	title := s.t("dumbbell.title")
	if scope != "" {
		title = scope + " — " + title
	}
	return s.dumbbellChart(name, title, rows), nil
}

// ScopeTitle names a compared scope for people: the scope (a partnership, or "all"),
// and its comparison group when there is one. A DumbbellSet's Scope is its title.
func ScopeTitle(sc *analysis.ScopeComparison) string {
	if sc.Group != "" {
		return sc.Scope + " (" + sc.Group + ")"
	}
	return sc.Scope
}

// DumbbellSet is one before/after comparison to draw: its scope (a partnership, or
// "all") and its rows.
type DumbbellSet struct {
	Scope string
	Rows  []DumbbellRow
}

// DumbbellCharts draws one dumbbell chart per set, named compare-<scope> in a file-safe
// form that is unique among them.
func DumbbellCharts(res *analysis.Result, opt ChartOptions, sets []DumbbellSet) ([]Chart, error) {
	names := chartNames{}
	var charts []Chart
	for _, set := range sets {
		ch, err := DumbbellChart(res, opt, names.unique("compare", set.Scope), set.Scope, set.Rows)
		if err != nil {
			return nil, err
		}
		charts = append(charts, about(ch, "compare", set.Scope))
	}
	return charts, nil
}

func (s *chartStyle) dumbbellChart(name, title string, rows []DumbbellRow) Chart {
	before := draw.GlyphStyle{Color: colorMuted, Radius: vg.Points(4), Shape: draw.RingGlyph{}}
	after := draw.GlyphStyle{Color: colorLine, Radius: vg.Points(4), Shape: draw.CircleGlyph{}}
	legend := []legendItem{
		lineItem(s.t("dumbbell.before"), draw.LineStyle{Color: colorMuted, Width: vg.Points(1), Dashes: []vg.Length{vg.Points(2), vg.Points(1.5)}}, &before),
		lineItem(s.t("dumbbell.after"), draw.LineStyle{Color: colorLine, Width: vg.Points(1.2)}, &after),
	}
	height := 4.5*vg.Centimeter + vg.Length(len(rows))*1.1*vg.Centimeter
	return Chart{Name: name, Width: chartWidth, Height: height, draw: func(c draw.Canvas) {
		s.frame(c, title, legend, s.tf("note.k", s.minGroup), func(c draw.Canvas) {
			s.drawDumbbell(c, rows, before, after)
		})
	}}
}

func (s *chartStyle) drawDumbbell(c draw.Canvas, rows []DumbbellRow, before, after draw.GlyphStyle) {
	plotArea, values := s.withValueColumn(c, 2.5*vg.Centimeter, s.t("dumbbell.change"))
	labels := make([]string, len(rows))
	lo, hi := math.Inf(1), math.Inf(-1)
	for i, r := range rows {
		labels[i] = s.dimensionName(r.Dimension)
		if !r.Suppressed {
			for _, v := range []float64{r.Before, r.After, r.BeforeLow, r.BeforeHigh, r.AfterLow, r.AfterHigh} {
				if !math.IsNaN(v) {
					lo, hi = math.Min(lo, v), math.Max(hi, v)
				}
			}
		}
	}
	suppressed := func(i int) bool { return rows[i].Suppressed }
	p := s.rowPlot(labels, lo, hi, suppressed, func(c draw.Canvas, x func(float64) vg.Length, y vg.Length, i int) {
		r := rows[i]
		// Before above the row's centre, after below it, so the CIs never overlap.
		off := vg.Points(5)
		yb, ya := y+off, y-off
		if !math.IsNaN(r.BeforeLow) {
			c.StrokeLine2(draw.LineStyle{Color: colorMuted, Width: vg.Points(1), Dashes: []vg.Length{vg.Points(2), vg.Points(1.5)}}, x(r.BeforeLow), yb, x(r.BeforeHigh), yb)
		}
		if !math.IsNaN(r.AfterLow) {
			c.StrokeLine2(draw.LineStyle{Color: colorLine, Width: vg.Points(1.2)}, x(r.AfterLow), ya, x(r.AfterHigh), ya)
		}
		c.StrokeLine2(draw.LineStyle{Color: colorBlack, Width: vg.Points(0.6)}, x(r.Before), yb, x(r.After), ya)
		c.DrawGlyph(draw.GlyphStyle{Color: colorWhite, Radius: before.Radius, Shape: draw.CircleGlyph{}}, vg.Point{X: x(r.Before), Y: yb})
		c.DrawGlyph(before, vg.Point{X: x(r.Before), Y: yb})
		c.DrawGlyph(after, vg.Point{X: x(r.After), Y: ya})
	})
	p.Draw(plotArea)
	values(p, len(rows), func(i int) (string, bool) {
		if r := rows[i]; !r.Suppressed && !math.IsNaN(r.Change) {
			return formatChange(r.Change), false
		}
		return "", false
	})
}

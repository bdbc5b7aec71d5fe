package reports

import (
	"math"
	"sort"
	"strconv"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"renkei/analysis"
	"renkei/survey"
)

// overviewRow is one partnership on the overview: its health in its latest wave and the
// change from its previous wave (NaN when there is none to show).
type overviewRow struct {
	health analysis.LatestChange
}

// overviewOf selects the health rows of the published partnerships, best first; a
// partnership whose latest health is suppressed goes last, in name order.
func overviewOf(res *analysis.Result, views []*partnershipView) []overviewRow {
	published := map[string]bool{}
	for _, v := range views {
		published[v.id] = v.published()
	}
	var rows []overviewRow
	for wc := range res.LatestChanges() {
		if wc.Latest.Dimension == survey.HealthDimension && published[wc.Latest.Partnership] {
			rows = append(rows, overviewRow{health: wc})
		}
	}
	sort.SliceStable(rows, func(i, j int) bool {
		a, b := rows[i].health.Latest, rows[j].health.Latest
		if a.Suppressed != b.Suppressed {
			return !a.Suppressed
		}
		if a.Suppressed || a.Mean == b.Mean {
			return a.Partnership < b.Partnership
		}
		return a.Mean > b.Mean
	})
	return rows
}

// bandGlyphs give each band its own marker shape, so that bands read without colour.
var bandGlyphs = map[analysis.Band]draw.GlyphDrawer{
	analysis.BandStrength:   draw.CircleGlyph{},
	analysis.BandBorderline: draw.BoxGlyph{},
	analysis.BandConcern:    draw.PyramidGlyph{},
}

// overviewChart draws every partnership's health as a dot with its 95% CI, sorted,
// over the band thresholds, with the change from the previous wave in a column on the
// right.
func (s *chartStyle) overviewChart(rows []overviewRow, runLatest survey.Wave) Chart {
	title := s.t("overview.title") + " — " + s.waveLabel(runLatest)
	if len(rows) == 0 {
		return s.emptyChart("overview", title)
	}
	height := 4.5*vg.Centimeter + vg.Length(len(rows))*0.62*vg.Centimeter
	var legend []legendItem
	for _, b := range bandOrder {
		g := draw.GlyphStyle{Color: bandColors[b], Radius: vg.Points(4), Shape: bandGlyphs[b]}
		legend = append(legend, lineItem(s.bandLegendLabel(b), draw.LineStyle{Color: colorMuted, Width: vg.Points(1)}, &g))
	}
	return Chart{Name: "overview", Width: chartWidth, Height: height, draw: func(c draw.Canvas) {
		s.frame(c, title, legend, s.tf("note.k", s.minGroup), func(c draw.Canvas) {
			s.drawOverview(c, rows, runLatest)
		})
	}}
}

// bandLegendLabel names a band with its limits.
func (s *chartStyle) bandLegendLabel(b analysis.Band) string {
	strength, borderline := s.thresholds()
	switch b {
	case analysis.BandStrength:
		return s.tf("band.strength", formatThreshold(strength))
	case analysis.BandBorderline:
		return s.tf("band.borderline", formatThreshold(borderline), formatThreshold(strength))
	}
	return s.tf("band.concern", formatThreshold(borderline))
}

func (s *chartStyle) drawOverview(c draw.Canvas, rows []overviewRow, runLatest survey.Wave) {
	plotArea, values := s.withValueColumn(c, 3.2*vg.Centimeter, s.t("overview.change"))
	labels := make([]string, len(rows))
	lo, hi := math.Inf(1), math.Inf(-1)
	for i, r := range rows {
		h := r.health.Latest
		labels[i] = h.Partnership
		if h.Wave != runLatest {
			labels[i] = s.tf("heatmap.wave", h.Partnership, s.waveLabel(h.Wave))
		}
		if !h.Suppressed {
			lo, hi = math.Min(lo, math.Min(h.Mean, h.CILow)), math.Max(hi, math.Max(h.Mean, h.CIHigh))
		}
	}
	suppressed := func(i int) bool { return rows[i].health.Latest.Suppressed }
	p := s.rowPlot(labels, lo, hi, suppressed, func(c draw.Canvas, x func(float64) vg.Length, y vg.Length, i int) {
		h := rows[i].health.Latest
		line := draw.LineStyle{Color: colorBlack, Width: vg.Points(1)}
		if !math.IsNaN(h.CILow) {
			c.StrokeLine2(line, x(h.CILow), y, x(h.CIHigh), y)
		}
		c.DrawGlyph(draw.GlyphStyle{Color: bandColors[h.Band], Radius: vg.Points(4.5), Shape: bandGlyphs[h.Band]}, vg.Point{X: x(h.Mean), Y: y})
		c.DrawGlyph(draw.GlyphStyle{Color: colorBlack, Radius: vg.Points(4.5), Shape: outlineOf(bandGlyphs[h.Band])}, vg.Point{X: x(h.Mean), Y: y})
		sty := s.text(8)
		sty.YAlign = draw.YCenter
		end := h.Mean
		if !math.IsNaN(h.CIHigh) {
			end = h.CIHigh
		}
		fillTextOnWhite(c, sty, vg.Point{X: x(end) + vg.Points(6), Y: y}, formatScore(h.Mean))
	})
	p.Draw(plotArea)
	values(p, len(rows), func(i int) (string, bool) {
		if ch := rows[i].health.Change; !math.IsNaN(ch) {
			return formatChange(ch), false
		}
		return s.t("overview.nochg"), true
	})
}

// outlineOf returns the outline glyph of a filled band glyph.
func outlineOf(g draw.GlyphDrawer) draw.GlyphDrawer {
	switch g.(type) {
	case draw.BoxGlyph:
		return draw.SquareGlyph{}
	case draw.PyramidGlyph:
		return draw.TriangleGlyph{}
	}
	return draw.RingGlyph{}
}

// scaleRange returns the part of the answer scale a chart of values lo…hi shows: the
// values with a margin, in half points, never beyond the scale.
func (s *chartStyle) scaleRange(lo, hi float64) (min, max float64) {
	min = math.Max(float64(s.cb.Min), math.Floor(lo*2-0.5)/2)
	max = math.Min(float64(s.cb.Max), math.Ceil(hi*2+0.5)/2)
	return min, max
}

// scaleTicks marks the half points of the answer scale, labelling the whole ones.
type scaleTicks struct{}

func (scaleTicks) Ticks(lo, hi float64) []plot.Tick {
	var out []plot.Tick
	for v := math.Ceil(lo*2) / 2; v <= hi+1e-9; v += 0.5 {
		t := plot.Tick{Value: v, Label: strconv.FormatFloat(v, 'f', 1, 64)}
		out = append(out, t)
	}
	return out
}

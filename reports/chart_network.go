package reports

import (
	"image/color"
	"math"
	"sort"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"renkei/analysis"
)

// NetworkChart draws the stakeholder map: organisations at their layout positions,
// sized by degree, single points of failure marked; a line for every pair of
// organisations that share a partnership, coloured by the partnership's band (grey
// when its health is not published), dashed when it hangs on one contact. It returns
// false when there is nothing to draw, or the map is too large to be laid out.
func NetworkChart(res *analysis.Result, opt ChartOptions, m *analysis.StakeholderMap) (Chart, bool, error) {
	if m == nil || len(m.Orgs) == 0 || math.IsNaN(m.Orgs[0].X) {
		return Chart{}, false, nil
	}
	s, err := newChartStyle(res, opt)
	if err != nil {
		return Chart{}, false, err
	}
	return about(s.networkChart(m), "network", ""), true, nil
}

func (s *chartStyle) networkChart(m *analysis.StakeholderMap) Chart {
	org := draw.GlyphStyle{Color: colorLine, Radius: vg.Points(4), Shape: draw.CircleGlyph{}}
	spof := draw.GlyphStyle{Color: color.Black, Radius: vg.Points(5), Shape: draw.BoxGlyph{}} // black: red means concern
	legend := s.bandLinkLegend()
	legend = append(legend,
		lineItem(s.t("network.org"), draw.LineStyle{}, &org),
		lineItem(s.t("network.spof"), draw.LineStyle{}, &spof),
	)
	return Chart{Name: "network", Width: chartWidth, Height: chartWidth * 0.95, draw: func(c draw.Canvas) {
		s.frame(c, s.t("network.title"), legend, s.t("network.note"), func(c draw.Canvas) {
			s.drawNetwork(c, m, org, spof)
		})
	}}
}

// bandLinkLegend is the legend of the link colours.
func (s *chartStyle) bandLinkLegend() []legendItem {
	var items []legendItem
	for _, it := range s.bandLegend() {
		if it.label == s.tf("suppressed", s.minGroup) {
			continue
		}
		items = append(items, it)
	}
	items = append(items,
		lineItem(s.tf("network.unreported", s.minGroup), draw.LineStyle{Color: colorMuted, Width: vg.Points(1)}, nil),
		lineItem(s.t("network.onecontact"), draw.LineStyle{Color: colorMuted, Width: vg.Points(1), Dashes: []vg.Length{vg.Points(3), vg.Points(2)}}, nil),
	)
	return items
}

func (s *chartStyle) drawNetwork(c draw.Canvas, m *analysis.StakeholderMap, org, spof draw.GlyphStyle) {
	label := s.text(7)
	pad := 1.8 * vg.Centimeter // half the widest label
	inner := draw.Crop(c, pad, -pad, 0.4*vg.Centimeter, -0.4*vg.Centimeter)
	at := map[string]vg.Point{}
	for _, o := range m.Orgs {
		at[o.Org] = vg.Point{
			X: inner.Min.X + vg.Length(o.X)*(inner.Max.X-inner.Min.X),
			Y: inner.Min.Y + vg.Length(o.Y)*(inner.Max.Y-inner.Min.Y),
		}
	}
	// Published links over unpublished ones, the weakest band on top, so that a
	// concern is never hidden under a line of the same pair.
	links := append([]analysis.Link(nil), m.Links...)
	rank := map[analysis.Band]int{analysis.BandStrength: 1, analysis.BandBorderline: 2, analysis.BandConcern: 3}
	sort.SliceStable(links, func(i, j int) bool {
		ri, rj := 0, 0
		if links[i].Reported {
			ri = rank[links[i].Band]
		}
		if links[j].Reported {
			rj = rank[links[j].Band]
		}
		return ri < rj
	})
	for _, l := range links {
		line := draw.LineStyle{Color: colorMuted, Width: vg.Points(1)}
		if l.Reported {
			line = draw.LineStyle{Color: bandColors[l.Band], Width: vg.Points(2.2)}
		}
		if l.OneContact {
			line.Dashes = []vg.Length{vg.Points(3), vg.Points(2)}
		}
		a, b := at[l.A], at[l.B]
		c.StrokeLine2(line, a.X, a.Y, b.X, b.Y)
	}
	for _, o := range m.Orgs {
		p := at[o.Org]
		g := org
		g.Radius = vg.Points(3 + math.Min(float64(o.Degree), 10)*0.5)
		if o.Articulation {
			g = spof
			g.Radius = vg.Points(4 + math.Min(float64(o.Degree), 10)*0.5)
		}
		c.DrawGlyph(g, p)
		sty := label
		sty.XAlign, sty.YAlign = draw.XCenter, draw.YBottom
		if o.Articulation {
			sty = s.text(7.5)
			sty.XAlign, sty.YAlign = draw.XCenter, draw.YBottom
		}
		c.FillText(sty, vg.Point{X: p.X, Y: p.Y + g.Radius + vg.Points(1.5)}, s.wrap(sty, o.Org, 3.2*vg.Centimeter, 2))
	}
}

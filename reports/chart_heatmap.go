package reports

import (
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"renkei/analysis"
	"renkei/survey"
)

// heatmapData is the health heatmap: one row per partnership with anything to show,
// one column per dimension and health, each cell its latest wave's mean and band.
type heatmapData struct {
	columns []string // dimension ids, health last
	rows    []heatmapRow
}

type heatmapRow struct {
	partnership string
	wave        survey.Wave // the partnership's latest wave
	cells       []analysis.GroupScore
}

// heatmapOf selects each published partnership's latest wave.
func heatmapOf(res *analysis.Result, views []*partnershipView) heatmapData {
	d := heatmapData{columns: res.Dimensions()}
	for _, v := range views {
		if v.published() {
			d.rows = append(d.rows, heatmapRow{partnership: v.id, wave: v.latestWave(), cells: v.latest()})
		}
	}
	return d
}

// heatmapChart draws the heatmap: cells coloured by band with the mean written in
// them; a suppressed cell is hatched and says "<k", with no colour and no value.
func (s *chartStyle) heatmapChart(d heatmapData, runLatest survey.Wave) Chart {
	title := s.t("heatmap.title") + " — " + s.waveLabel(runLatest)
	if len(d.rows) == 0 || len(d.columns) == 0 {
		return s.emptyChart("heatmap", title)
	}
	height := 4.2*vg.Centimeter + vg.Length(len(d.rows))*0.75*vg.Centimeter
	return Chart{Name: "heatmap", Width: chartWidth, Height: height, draw: func(c draw.Canvas) {
		s.frame(c, title, s.bandLegend(), "", func(c draw.Canvas) {
			s.drawHeatmap(c, d, runLatest)
		})
	}}
}

// bandLegend is the legend of band colours and of the suppressed mark.
func (s *chartStyle) bandLegend() []legendItem {
	strength, borderline := s.thresholds()
	labels := map[analysis.Band]string{
		analysis.BandStrength:   s.tf("band.strength", formatThreshold(strength)),
		analysis.BandBorderline: s.tf("band.borderline", formatThreshold(borderline), formatThreshold(strength)),
		analysis.BandConcern:    s.tf("band.concern", formatThreshold(borderline)),
	}
	var items []legendItem
	for _, b := range bandOrder {
		items = append(items, swatchItem(labels[b], bandColors[b], false))
	}
	return append(items, swatchItem(s.tf("suppressed", s.minGroup), colorWhite, true))
}

func (s *chartStyle) drawHeatmap(c draw.Canvas, d heatmapData, runLatest survey.Wave) {
	p := s.newPlot("")
	var cols []string
	for _, id := range d.columns {
		cols = append(cols, s.dimensionName(id))
	}
	rows := make([]string, len(d.rows))
	for i, r := range d.rows {
		label := r.partnership
		if r.wave != runLatest {
			label = s.tf("heatmap.wave", r.partnership, s.waveLabel(r.wave))
		}
		rows[len(d.rows)-1-i] = label // first partnership at the top
	}
	p.NominalX(cols...)
	p.NominalY(rows...)
	p.X.Tick.Label = s.text(8.5)
	p.X.Tick.Label.XAlign, p.X.Tick.Label.YAlign = draw.XCenter, draw.YTop
	p.Y.Tick.Label = s.text(8.5)
	p.Y.Tick.Label.XAlign, p.Y.Tick.Label.YAlign = draw.XRight, draw.YCenter
	hideAxisLines(&p.X)
	hideAxisLines(&p.Y)
	p.X.Min, p.X.Max = -0.5, float64(len(cols))-0.5
	p.Y.Min, p.Y.Max = -0.5, float64(len(rows))-0.5
	p.Add(plotterFunc(func(c draw.Canvas, p *plot.Plot) {
		x, y := p.Transforms(&c)
		gap := vg.Points(1.5)
		for i, r := range d.rows {
			row := float64(len(d.rows) - 1 - i)
			for j, cell := range r.cells {
				rect := vg.Rectangle{
					Min: vg.Point{X: x(float64(j)-0.5) + gap, Y: y(row-0.5) + gap},
					Max: vg.Point{X: x(float64(j)+0.5) - gap, Y: y(row+0.5) - gap},
				}
				sty := s.text(9)
				sty.XAlign, sty.YAlign = draw.XCenter, draw.YCenter
				centre := vg.Point{X: (rect.Min.X + rect.Max.X) / 2, Y: (rect.Min.Y + rect.Max.Y) / 2}
				if cell.Suppressed {
					hatchRect(c, rect)
					c.StrokeLines(draw.LineStyle{Color: colorSuppress, Width: vg.Points(0.5)}, rectPath(rect))
					sty.Color = colorMuted
					fillTextOnWhite(c, sty, centre, s.tf("suppressed.cell", s.minGroup))
					continue
				}
				fill := bandColors[cell.Band]
				fillRect(c, rect, fill)
				sty.Color = textOn(fill)
				c.FillText(sty, centre, formatScore(cell.Mean))
			}
		}
	}))
	p.Draw(c)
}

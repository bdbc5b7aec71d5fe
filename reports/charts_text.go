package reports

import (
	"image/color"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"renkei/analysis"
)

// chartMessages are the texts of the charts, English and Japanese.
var chartMessages = map[string][2]string{
	"health":             {"Health", "健全度"},
	"heatmap.title":      {"Partnership health by dimension, latest wave", "連携の健全度（次元別・最新回）"},
	"heatmap.wave":       {"%s (%s)", "%s（%s）"},
	"band.strength":      {"Strength (≥ %s)", "強み（%s以上）"},
	"band.borderline":    {"Borderline (%s to under %s)", "境界（%s以上%s未満）"},
	"band.concern":       {"Concern (< %s)", "懸念（%s未満）"},
	"suppressed":         {"Fewer than %d respondents: not shown", "回答者%d人未満のため非表示"},
	"note.k":             {"Groups with fewer than %d respondents are not shown; a partnership below that in every wave appears nowhere.", "回答者が%d人未満のグループは表示していません（どの回も未満の連携は掲載しません）。"},
	"suppressed.cell":    {"<%d", "%d人未満"},
	"trend.title":        {"%s: mean per wave with 95%% confidence interval", "%s：回ごとの平均と95%%信頼区間"},
	"trend.flagged":      {"Flagged wave", "フラグのある回"},
	"trend.mean":         {"Mean", "平均"},
	"trend.ci":           {"95% CI", "95%信頼区間"},
	"axis.wave":          {"Wave", "回"},
	"axis.mean":          {"Mean score", "平均点"},
	"likert.title":       {"%s, %s: answers per item", "%s（%s）：項目ごとの回答分布"},
	"likert.all":         {"%s: all items", "%s：全項目"},
	"likert.reverse":     {" (reverse-scored)", "（逆転項目）"},
	"likert.axis":        {"Share of answers (%): disagree ← → agree", "回答の割合（%）：否定 ← → 肯定"},
	"gap.title":          {"%s, %s: how member organisations and roles see the partnership", "%s（%s）：構成組織・役職ごとの評価"},
	"gap.org":            {"By organisation", "組織別"},
	"gap.role":           {"By role", "役職別"},
	"chart.empty":        {"Nothing to show: no partnership has %d or more respondents in any wave.", "掲載できるデータがありません。回答者が%d人以上いる連携が、いずれの調査回にもありませんでした（個人の特定を防ぐため）。"},
	"gap.none":           {"No group with at least %d respondents", "回答者%d人以上のグループなし"},
	"overview.title":     {"Health of every partnership, latest wave (95% CI)", "全連携の健全度（最新回・95%信頼区間）"},
	"overview.change":    {"Change from previous wave", "前回からの変化"},
	"overview.nochg":     {"–", "–"},
	"network.title":      {"Stakeholder map: organisations linked by their partnerships, coloured by latest health", "関係機関マップ：連携でつながる組織（線の色は最新の健全度）"},
	"network.unreported": {"Health not published (fewer than %d respondents)", "健全度は非公表（回答者%d人未満）"},
	"network.spof":       {"Single point of failure (its removal cuts others off)", "単一障害点（抜けると他の組織が孤立）"},
	"network.org":        {"Organisation", "組織"},
	"network.onecontact": {"Partnership that hangs on one contact", "担当者1人に依存する連携"},
	"network.note":       {"Node size: number of partner organisations. Lines: one per pair of organisations that share a partnership.", "円の大きさ：つながる組織の数。線：連携を共にする組織の組ごとに1本。"},
	"dumbbell.title":     {"Before and after, by dimension (95% CI)", "事前・事後の比較（次元別・95%信頼区間）"},
	"dumbbell.before":    {"Before", "事前"},
	"dumbbell.after":     {"After", "事後"},
	"dumbbell.change":    {"Change", "変化"},
	"threshold.lines":    {"Band thresholds: strength %s, borderline %s", "帯の境目：強み%s・境界%s"},
}

// message returns the text of key in lang ("ja" or anything else for English).
func message(lang, key string) string {
	m, ok := chartMessages[key]
	if !ok {
		return key
	}
	if lang == "ja" {
		return m[1]
	}
	return m[0]
}

// Colours. Every encoding by colour is doubled by position, text or marker shape, and
// the colours that must be told apart differ in lightness, so that the charts read in
// greyscale print and by readers with any colour-vision deficiency; no encoding rests
// on red against green.
var (
	colorBlack     = color.Gray{Y: 0}
	colorWhite     = color.Gray{Y: 255}
	colorGrid      = color.Gray{Y: 200}
	colorMuted     = color.Gray{Y: 90}
	colorCIBand    = color.NRGBA{R: 0, G: 114, B: 178, A: 60}
	colorLine      = color.NRGBA{R: 0, G: 84, B: 140, A: 255}
	colorFlag      = color.NRGBA{R: 213, G: 94, B: 0, A: 255}
	colorSuppress  = color.Gray{Y: 150}
	colorNeutral   = color.NRGBA{R: 217, G: 217, B: 217, A: 255}
	colorDisagree  = [2]color.NRGBA{{R: 178, G: 24, B: 43, A: 255}, {R: 244, G: 165, B: 130, A: 255}} // strong, mild
	colorAgree     = [2]color.NRGBA{{R: 33, G: 102, B: 172, A: 255}, {R: 146, G: 197, B: 222, A: 255}}
	bandColors     = map[analysis.Band]color.NRGBA{analysis.BandStrength: {R: 67, G: 147, B: 195, A: 255}, analysis.BandBorderline: {R: 252, G: 208, B: 90, A: 255}, analysis.BandConcern: {R: 178, G: 24, B: 43, A: 255}}
	categoryColors = []color.NRGBA{
		{R: 0, G: 114, B: 178, A: 255},   // blue (Okabe–Ito)
		{R: 213, G: 94, B: 0, A: 255},    // vermilion
		{R: 0, G: 0, B: 0, A: 255},       // black
		{R: 0, G: 158, B: 115, A: 255},   // bluish green
		{R: 204, G: 121, B: 167, A: 255}, // reddish purple
		{R: 230, G: 159, B: 0, A: 255},   // orange
		{R: 86, G: 180, B: 233, A: 255},  // sky blue
	}
	categoryGlyphs = []draw.GlyphDrawer{draw.CircleGlyph{}, draw.SquareGlyph{}, draw.TriangleGlyph{}, draw.RingGlyph{}, draw.CrossGlyph{}, draw.PyramidGlyph{}, draw.BoxGlyph{}, draw.PlusGlyph{}}
	categoryDashes = [][]vg.Length{nil, {vg.Points(4), vg.Points(2)}, {vg.Points(1), vg.Points(2)}, {vg.Points(6), vg.Points(2), vg.Points(1), vg.Points(2)}}
)

// bandOrder lists the bands from best to worst, for legends.
var bandOrder = []analysis.Band{analysis.BandStrength, analysis.BandBorderline, analysis.BandConcern}

// luminance is a colour's lightness as a greyscale printer sees it (Rec. 709 weights), 0–255.
func luminance(c color.Color) float64 {
	r, g, b, _ := c.RGBA()
	return (0.2126*float64(r) + 0.7152*float64(g) + 0.0722*float64(b)) / 257
}

// textOn returns black or white, whichever reads better on background c.
func textOn(c color.Color) color.Color {
	if luminance(c) < 110 {
		return colorWhite
	}
	return colorBlack
}

// likertColors returns a colour per scale point: reds below the middle, blues above,
// strongest at the ends, and a neutral grey in the middle of an odd scale.
func likertColors(points int) []color.Color {
	out := make([]color.Color, points)
	half := points / 2
	for i := range half {
		t := 0.0
		if half > 1 {
			t = float64(i) / float64(half-1)
		} else {
			t = 0.5
		}
		out[i] = mix(colorDisagree[0], colorDisagree[1], t)
		out[points-1-i] = mix(colorAgree[0], colorAgree[1], t)
	}
	if points%2 == 1 {
		out[half] = colorNeutral
	}
	return out
}

// mix interpolates linearly from a (t = 0) to b (t = 1).
func mix(a, b color.NRGBA, t float64) color.NRGBA {
	f := func(x, y uint8) uint8 { return uint8(float64(x) + (float64(y)-float64(x))*t + 0.5) }
	return color.NRGBA{R: f(a.R, b.R), G: f(a.G, b.G), B: f(a.B, b.B), A: 255}
}

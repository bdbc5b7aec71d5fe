package reports

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"hash/fnv"
	"image"
	imagedraw "image/draw"
	"image/png"
	"io"
	"math"
	"renkei/internal/crash"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"git.sr.ht/~sbinet/gg"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/font/liberation"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgsvg"

	"renkei/analysis"
	"renkei/survey"
)

// ChartDPI is the resolution of the PNG charts: print quality, and what the PDF report
// embeds.
const ChartDPI = 300

// chartWidth is the width of every chart: an A4 page (21 cm) less 2 cm margins.
const chartWidth = 17 * vg.Centimeter

// ChartOptions configure the charts of a run.
type ChartOptions struct {
	Lang     string // "en" or "ja"
	Calendar survey.Calendar
	// Font is the font of every text; nil means gonum/plot's built-in Liberation fonts,
	// which have no Japanese glyphs, so Lang "ja" requires a Font.
	Font *ChartFont
	// TrendFlags mark waves on the trend charts (declining, improving, …). The trend
	// analysis is the source of these flags; empty until it is wired in.
	TrendFlags []TrendFlag
	// Detail chooses the partnerships drawn (see ChooseDetail); the zero value draws
	// every one.
	Detail Detail
}

// TrendFlag marks one wave of one partnership's dimension on its trend chart.
type TrendFlag struct {
	Partnership string
	Dimension   string // a dimension id or survey.HealthDimension
	Wave        survey.Wave
	Flag        string // e.g. "declining"; shown in the chart's legend
}

// Chart is one chart, ready to be written as SVG or PNG. Charts are sized in physical
// units for an A4 page; the SVG is the same drawing as the PNG.
type Chart struct {
	Name          string // file name without extension, e.g. "heatmap" or "trend-kita-hospital"
	Kind          string // heatmap, overview, trend, likert, gap, compare or network
	Subject       string // the partnership (or compared scope) drawn; empty for run-wide charts
	Width, Height vg.Length
	draw          func(c draw.Canvas)
}

// WriteSVG writes the chart as SVG. Text from the input is escaped by the SVG backend.
func (ch Chart) WriteSVG(w io.Writer) error {
	c := vgsvg.New(ch.Width, ch.Height)
	dc := draw.New(c)
	dc.FillPolygon(colorWhite, rectPath(dc.Rectangle)[:4]) // PNG canvases start white
	if err := ch.render(dc); err != nil {
		return err
	}
	_, err := c.WriteTo(w)
	return err
}

// maxChartPixels bounds the pixels of a PNG chart: an A4 page of chart (17 × 26 cm)
// at ChartDPI. A taller chart (a codebook of hundreds of items makes a likert chart
// metres tall) is drawn at a lower resolution so that its image stays within this, and
// memory with it; the PDF shrinks such a chart to one page anyway.
const maxChartPixels = 2008 * 3071

// dpi is the resolution of the chart's PNG: ChartDPI, or less for a chart larger than
// maxChartPixels at ChartDPI.
func (ch Chart) dpi() int {
	px := float64(ch.Width/vg.Inch*ChartDPI) * float64(ch.Height/vg.Inch*ChartDPI)
	if px <= maxChartPixels {
		return ChartDPI
	}
	return max(1, int(ChartDPI*math.Sqrt(maxChartPixels/px)))
}

// WritePNG writes the chart as a PNG image of ChartDPI dots per inch (less for a
// chart taller than a page, see maxChartPixels), with the resolution recorded in the
// file so that it prints at its physical size.
func (ch Chart) WritePNG(w io.Writer) error { return ch.writePNG(w, 0) }

// writePNG writes the chart as WritePNG does, on an image pad white columns wider.
func (ch Chart) writePNG(w io.Writer, pad int) error {
	dpi := ch.dpi()
	width, height := int(ch.Width/vg.Inch*vg.Length(dpi)+0.5), int(ch.Height/vg.Inch*vg.Length(dpi)+0.5)
	img := image.NewRGBA(image.Rect(0, 0, width+pad, height))
	if pad > 0 {
		imagedraw.Draw(img, img.Bounds(), image.White, image.Point{}, imagedraw.Src)
	}
	// The chart is drawn on the left width columns (the same pixels: the sub-image
	// starts at 0,0). vgimg on its own would draw on a copy of the image it allocates
	// (gg's), two images of 10–30 MB each at 300 DPI; given an image and a context on
	// it, it draws on the one. The context gets the options vgimg gives its own.
	chartImg := img.SubImage(image.Rect(0, 0, width, height)).(*image.RGBA)
	ctx := gg.NewContextForRGBA(chartImg)
	ctx.SetLineCapButt()
	ctx.InvertY()
	c := vgimg.NewWith(vgimg.UseImageWithContext(chartImg, ctx), vgimg.UseDPI(dpi)) // paints the background
	if err := ch.render(draw.New(c)); err != nil {
		return err
	}
	var buf bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	if err := enc.Encode(&buf, img); err != nil {
		return err
	}
	bw := bufio.NewWriter(w)
	if err := writeWithDPI(bw, buf.Bytes(), dpi); err != nil {
		return err
	}
	return bw.Flush()
}

// render draws the chart; gonum/plot panics on some misuse, which is turned into an
// error (a crash.Panic: a bug, with its stack) so that a run reports it instead of
// crashing.
func (ch Chart) render(c draw.Canvas) (err error) {
	defer crash.Recover(func(p *crash.Panic) {
		p.Value = fmt.Sprintf("drawing chart %s: %v", ch.Name, p.Value)
		err = p
	})
	ch.draw(c)
	return nil
}

// writeWithDPI copies a PNG stream, inserting a pHYs chunk (pixels per metre) after
// the IHDR chunk, which image/png does not write.
func writeWithDPI(w io.Writer, pngData []byte, dpi int) error {
	const sigLen, ihdrLen = 8, 8 + 13 + 4
	if len(pngData) < sigLen+ihdrLen {
		return fmt.Errorf("png stream too short")
	}
	ppm := uint32(float64(dpi)/0.0254 + 0.5)
	chunk := make([]byte, 0, 4+4+9+4)
	chunk = binary.BigEndian.AppendUint32(chunk, 9)
	chunk = append(chunk, "pHYs"...)
	chunk = binary.BigEndian.AppendUint32(chunk, ppm)
	chunk = binary.BigEndian.AppendUint32(chunk, ppm)
	chunk = append(chunk, 1) // unit: metre
	chunk = binary.BigEndian.AppendUint32(chunk, crc32.ChecksumIEEE(chunk[4:]))
	for _, part := range [][]byte{pngData[:sigLen+ihdrLen], chunk, pngData[sigLen+ihdrLen:]} {
		if _, err := w.Write(part); err != nil {
			return err
		}
	}
	return nil
}

// chartStyle holds what every chart of a run shares: language, fonts, scale and k.
type chartStyle struct {
	lang     string
	handler  text.Plain
	typeface font.Font
	cal      survey.Calendar
	cb       *survey.Codebook
	minGroup int
	bands    analysis.Bands
}

// newChartStyle prepares the fonts: gonum/plot's Liberation Sans for English, the
// given font (which must have Japanese glyphs for "ja") otherwise. The fonts live in a
// font cache of the run's own, so runs in different languages do not share state.
func newChartStyle(res *analysis.Result, opt ChartOptions) (*chartStyle, error) {
	cache := font.NewCache(liberation.Collection())
	typeface := font.Font{Typeface: "Liberation", Variant: "Sans"}
	switch {
	case opt.Font != nil:
		if opt.Lang == "ja" && !opt.Font.hasJapanese() {
			return nil, fmt.Errorf("the font %s has no Japanese glyphs; %s", opt.Font.name, fontAdvice)
		}
		typeface = font.Font{Typeface: "renkei"}
		cache.Add(font.Collection{{Font: typeface, Face: opt.Font.face}})
	case opt.Lang == "ja":
		return nil, fmt.Errorf("Japanese charts need a Japanese TrueType font; %s", fontAdvice)
	}
	return &chartStyle{
		lang:     opt.Lang,
		handler:  text.Plain{Fonts: cache},
		typeface: typeface,
		cal:      opt.Calendar,
		cb:       res.Codebook,
		minGroup: res.MinGroup,
		bands:    res.Bands,
	}, nil
}

// text returns a text style of the given size in points, black, left and bottom
// aligned.
func (s *chartStyle) text(points float64) text.Style {
	return text.Style{
		Color:   colorBlack,
		Font:    font.From(s.typeface, vg.Points(points)),
		Handler: s.handler,
	}
}

// newPlot returns a plot whose every text uses the run's font.
func (s *chartStyle) newPlot(title string) *plot.Plot {
	p := plot.New()
	p.BackgroundColor = nil // the page is white already; filling it again costs time in PNG
	p.TextHandler = s.handler
	p.Title.Text = title
	p.Title.TextStyle = s.text(11)
	p.Title.TextStyle.XAlign = draw.XCenter
	p.Title.TextStyle.YAlign = draw.YTop
	for _, ax := range []*plot.Axis{&p.X, &p.Y} {
		ax.Label.TextStyle = s.text(9)
		ax.Label.TextStyle.XAlign = draw.XCenter
		ax.Tick.Label = s.text(8)
		ax.Tick.Label.XAlign = draw.XCenter
		ax.Tick.Label.YAlign = draw.YTop
	}
	p.X.Label.TextStyle.YAlign = draw.YBottom
	p.Y.Label.TextStyle.YAlign = draw.YBottom
	p.Y.Tick.Label.XAlign = draw.XRight
	p.Y.Tick.Label.YAlign = draw.YCenter
	p.Legend.TextStyle = s.text(8)
	p.Legend.TextStyle.YAlign = draw.YCenter
	return p
}

// t returns the text of key in the chart language.
func (s *chartStyle) t(key string) string { return message(s.lang, key) }

// tf formats the text of key in the chart language.
func (s *chartStyle) tf(key string, args ...any) string {
	return fmt.Sprintf(message(s.lang, key), args...)
}

// dimensionName is the display name of a dimension id, or of health.
func (s *chartStyle) dimensionName(id string) string {
	if id == survey.HealthDimension {
		return s.t("health")
	}
	if d := s.cb.Dimension(id); d >= 0 {
		return s.cb.Dimensions[d].Name(s.lang)
	}
	return id
}

// waveLabel is a wave's label in the run's calendar.
func (s *chartStyle) waveLabel(w survey.Wave) string { return s.cal.Label(w) }

// thresholds are the strength and borderline thresholds on the instrument's scale.
func (s *chartStyle) thresholds() (strength, borderline float64) {
	return s.bands.Thresholds(s.cb.Min, s.cb.Max)
}

// Charts prepares every chart of a run: the health heatmap and the overview of all
// partnerships, and per partnership its trend chart, its diverging answer bars and its
// perception-gap chart. A partnership with no score above k appears in none of them,
// nor one that opt.Detail leaves out. Charts are drawn only when written, so preparing
// them costs little memory.
func Charts(res *analysis.Result, opt ChartOptions) ([]Chart, error) {
	s, err := newChartStyle(res, opt)
	if err != nil {
		return nil, err
	}
	views := slices.DeleteFunc(collectViews(res), func(v *partnershipView) bool { return !opt.Detail.Has(v.id) })
	if len(res.Waves) == 0 {
		return nil, nil
	}
	runLatest := res.Waves[len(res.Waves)-1]
	charts := []Chart{
		about(s.heatmapChart(heatmapOf(res, views), runLatest), "heatmap", ""),
		about(s.overviewChart(overviewOf(res, views), runLatest), "overview", ""),
	}
	names := chartNames{}
	dims := res.Dimensions()
	for _, v := range views {
		if !v.published() {
			continue
		}
		charts = append(charts,
			about(s.trendChart(trendOf(v, res.Waves, dims, opt.TrendFlags), names.unique("trend", v.id)), "trend", v.id),
			about(s.likertChart(s.likertOf(res, v), names.unique("likert", v.id)), "likert", v.id),
		)
		if gap := gapOf(res, v); !gap.empty() {
			charts = append(charts, about(s.gapChart(gap, names.unique("gap", v.id)), "gap", v.id))
		}
	}
	return charts, nil
}

// about records what a chart shows, so that a report can find it.
func about(ch Chart, kind, subject string) Chart {
	ch.Kind, ch.Subject = kind, subject
	return ch
}

// chartNames gives charts of partnerships file names that are safe on every file
// system and unique: the partnership's letters and digits (any script), lower case,
// other characters as '-', a number appended when two partnerships would share a name.
// A name is never longer than maxNameBytes of the partnership's letters (cut between
// characters) and a hash of the whole name, so that a long name still makes a file
// name the file system accepts and two long names that start alike do not meet.
type chartNames map[string]bool

// maxNameBytes bounds the part of a chart's file name taken from its partnership;
// with the kind, the hash, a number and the extension a name stays far below the
// 255 bytes file systems allow.
const maxNameBytes = 80

func (n chartNames) unique(kind, partnership string) string {
	var b strings.Builder
	dash := false
	for _, r := range partnership {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(unicode.ToLower(r))
			dash = false
		} else if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
	}
	clean := strings.TrimSuffix(b.String(), "-")
	if len(clean) > maxNameBytes {
		cut := maxNameBytes
		for !utf8.RuneStart(clean[cut]) {
			cut--
		}
		h := fnv.New32a()
		h.Write([]byte(partnership))
		clean = strings.TrimSuffix(clean[:cut], "-") + "-" + fmt.Sprintf("%08x", h.Sum32())
	}
	base := kind + "-" + clean
	if clean == "" {
		base = kind
	}
	name := base
	for i := 2; n[name]; i++ {
		name = base + "-" + strconv.Itoa(i)
	}
	n[name] = true
	return name
}

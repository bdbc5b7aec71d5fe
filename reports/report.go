package reports

import (
	"math"
	"slices"
	"strings"

	"renkei/analysis"
	"renkei/survey"
)

// ReportOptions configure report.html and report.pdf.
type ReportOptions struct {
	Lang         string // "en" or "ja"
	Organisation string // on the cover; left out when empty
	// Charts are the run's charts; the HTML inlines their SVG, the PDF their PNG. Nil
	// leaves the charts out.
	Charts *ChartCache
	// Font is the TrueType font of the PDF; nil means Liberation Sans, which has no
	// Japanese glyphs, so Lang "ja" requires one. The HTML names fonts in CSS only.
	Font *ChartFont
	// Detail chooses the partnerships that get their own section (see ChooseDetail);
	// the zero value details every one. The charts must have been made with the same.
	Detail Detail
}

// The report is built once into a render-neutral document of sections and blocks,
// which the HTML and the PDF renderers lay out each in their own way. Each section of
// the report is one function of reportBuilder (see reportSections): a new section is a
// new function in that list.

// reportDoc is the whole report.
type reportDoc struct {
	Lang     string
	Title    string
	Sections []reportSection
}

// reportSection starts on a new page.
type reportSection struct {
	ID     string // anchor in the HTML
	Cover  bool   // the cover page
	Title  string
	Blocks []reportBlock
}

// Kinds of blocks.
const (
	blockPara    = "p"     // Text
	blockHeading = "h3"    // Text
	blockBullets = "ul"    // Items
	blockTable   = "table" // Table
	blockChart   = "chart" // Chart
	blockNote    = "note"  // Text, small print
	blockFacts   = "facts" // Table of label and value, no header (the cover)
	blockLead    = "lead"  // Text, larger
)

// reportBlock is one paragraph, list, table or chart.
type reportBlock struct {
	Kind  string
	Text  string
	Items []string
	Table *reportTable
	Chart Chart
}

// reportTable is a table; a row never breaks across pages.
type reportTable struct {
	Caption string
	Header  []string
	Widths  []float64 // relative column widths
	Numeric []bool    // right-aligned columns
	Rows    [][]reportCell
	// Keep is how many leading columns name a row (one when zero): a table too wide
	// for a page is split into parts that each repeat them (see splitColumns).
	Keep int
}

// reportCell is one cell; Span > 1 spans that many columns.
type reportCell struct {
	Text  string
	Class string // band-strength, band-borderline, band-concern or hidden
	Span  int
}

// reportBuilder holds what the sections draw on.
type reportBuilder struct {
	run     *Run
	res     *analysis.Result
	cal     survey.Calendar
	rt      reportText
	charts  *ChartCache
	opt     ReportOptions
	views   []*partnershipView
	latest  []summaryPartnership // the scores summary.json gives, per partnership
	trends  map[string][]analysis.Trend
	gaps    map[string][]analysis.Gap          // per partnership, the flagged gaps summary.json lists
	changes map[string][]analysis.LatestChange // per partnership, per dimension
}

// reportSections are the sections of the report, in order; each returns zero or more
// sections.
var reportSections = []func(*reportBuilder) []reportSection{
	(*reportBuilder).coverSection,
	(*reportBuilder).summarySection,
	(*reportBuilder).overviewSection,
	(*reportBuilder).partnershipSections,
	(*reportBuilder).networkSection,
	(*reportBuilder).compareSection,
	(*reportBuilder).appendixSection,
	(*reportBuilder).methodSection,
}

// buildReport gathers the run into a report document. Every number is one the
// analysis computed; the executive summary quotes the same values summary.json holds.
func buildReport(run *Run, opt ReportOptions) *reportDoc {
	b := &reportBuilder{
		run: run, res: run.Result, cal: run.Calendar, rt: reportText{lang: opt.Lang}, charts: opt.Charts, opt: opt,
		views:   collectViews(run.Result),
		latest:  latestScores(run.Result, run.Calendar),
		trends:  map[string][]analysis.Trend{},
		gaps:    map[string][]analysis.Gap{},
		changes: map[string][]analysis.LatestChange{},
	}
	for _, t := range run.Trends {
		b.trends[t.Partnership] = append(b.trends[t.Partnership], t)
	}
	for _, g := range flaggedGaps(run.Relations) {
		b.gaps[g.Partnership] = append(b.gaps[g.Partnership], g)
	}
	for c := range run.Result.LatestChanges() {
		c.Latest.Distribution = nil
		b.changes[c.Latest.Partnership] = append(b.changes[c.Latest.Partnership], c)
	}
	doc := &reportDoc{Lang: opt.Lang, Title: b.rt.t("title")}
	for _, section := range reportSections {
		doc.Sections = append(doc.Sections, section(b)...)
	}
	for i := range doc.Sections {
		doc.Sections[i].Blocks = b.splitWideTables(doc.Sections[i].Blocks)
	}
	return doc
}

// dimName is the display name of a dimension id, or of health.
func (b *reportBuilder) dimName(id string) string {
	if id == survey.HealthDimension {
		return message(b.rt.lang, "health")
	}
	if d := b.res.Codebook.Dimension(id); d >= 0 {
		if name := b.res.Codebook.Dimensions[d].Name(b.rt.lang); name != "" {
			return name
		}
	}
	return id
}

// lowerName is a dimension's name inside a sentence.
func (b *reportBuilder) lowerName(id string) string {
	name := b.dimName(id)
	if b.rt.lang == "en" && len(name) > 1 && name[0] >= 'A' && name[0] <= 'Z' && name[1] >= 'a' && name[1] <= 'z' {
		return strings.ToLower(name[:1]) + name[1:]
	}
	return name
}

func (b *reportBuilder) mean(v float64) string { return b.rt.num(v, 2) }

func (b *reportBuilder) ci(lo, hi float64) string { return b.rt.interval(lo, hi, 2) }

func (b *reportBuilder) band(band analysis.Band) string { return b.rt.t("band." + string(band)) }

func (b *reportBuilder) k() string { return b.rt.count(b.res.MinGroup) }

// hiddenText says why a group shows nothing: too few responses, or the protection of
// a smaller group (complementary suppression).
func (b *reportBuilder) hiddenText(s analysis.GroupScore) string { return b.hiddenFor(s.Suppression) }

// hiddenFor is hiddenText for a figure hidden for reason s.
func (b *reportBuilder) hiddenFor(s analysis.Suppression) string {
	if s == analysis.Complementary {
		return b.rt.t("hidden.complementary")
	}
	return b.rt.f("fewer", b.k())
}

// published reports whether a partnership appears in the report with any number.
func (b *reportBuilder) published(id string) bool {
	for _, v := range b.views {
		if v.id == id {
			return v.published()
		}
	}
	return false
}

// unreported lists the partnerships below k in every wave: named, never described.
func (b *reportBuilder) unreported() []string {
	var out []string
	for _, v := range b.views {
		if !v.published() {
			out = append(out, v.id)
		}
	}
	return out
}

// waveSpan is the run's first and last wave.
func (b *reportBuilder) waveSpan() string {
	w := b.res.Waves
	if len(w) == 0 {
		return "–"
	}
	return b.rt.span(b.cal.Label(w[0]), b.cal.Label(w[len(w)-1]))
}

// coverSection: organisation, period, waves, responses, partnerships, date, version.
func (b *reportBuilder) coverSection() []reportSection {
	rt := b.rt
	facts := &reportTable{Widths: []float64{1, 2}}
	add := func(label, value string) {
		facts.Rows = append(facts.Rows, []reportCell{{Text: label}, {Text: value}})
	}
	if b.opt.Organisation != "" {
		add(rt.t("cover.org"), b.opt.Organisation)
	}
	add(rt.t("cover.period"), b.waveSpan())
	add(rt.t("cover.waves"), rt.count(len(b.res.Waves)))
	add(rt.t("cover.responses"), rt.count(b.res.Responses))
	reported := len(b.views) - len(b.unreported())
	add(rt.t("cover.partners"), rt.f("cover.partners.v", rt.count(len(b.res.Partnerships)), rt.count(reported)))
	if !b.run.Generated.IsZero() {
		add(rt.t("cover.date"), rt.date(b.run.Generated))
	}
	add(rt.t("cover.software"), "renkei "+b.run.Version)
	return []reportSection{{ID: "cover", Cover: true, Title: rt.t("title"), Blocks: []reportBlock{
		{Kind: blockLead, Text: rt.t("cover.lead")},
		{Kind: blockFacts, Table: facts},
	}}}
}

// summarySection is the executive summary in plain sentences: the scope, which
// partnerships need attention and why, what improved, what the training changed, and
// the data's quality. Its numbers are the values summary.json carries.
func (b *reportBuilder) summarySection() []reportSection {
	rt := b.rt
	var blocks []reportBlock
	counts := healthBandCounts(b.latest)
	sentences := []string{
		rt.f("summary.scope", rt.count(len(b.res.Partnerships)), rt.count(len(b.res.Waves)), b.waveSpan(), rt.count(b.res.Responses)),
		rt.f("summary.bands", rt.count(counts[string(analysis.BandStrength)]), rt.count(counts[string(analysis.BandBorderline)]), rt.count(counts[string(analysis.BandConcern)])),
	}
	if hidden := b.unreported(); len(hidden) > 0 {
		sentences = append(sentences, rt.f("summary.unreported", rt.list(hidden), b.k()))
	}
	text := rt.sentences(sentences)
	blocks = append(blocks, reportBlock{Kind: blockLead, Text: text})

	blocks = append(blocks, reportBlock{Kind: blockHeading, Text: rt.t("summary.attention")})
	if items := b.attentionItems(); len(items) > 0 {
		blocks = append(blocks, reportBlock{Kind: blockBullets, Items: items})
	} else {
		blocks = append(blocks, reportBlock{Kind: blockPara, Text: rt.t("summary.none.attn")})
	}
	blocks = append(blocks, reportBlock{Kind: blockHeading, Text: rt.t("summary.improved")})
	if items := b.improvedItems(); len(items) > 0 {
		blocks = append(blocks, reportBlock{Kind: blockBullets, Items: items})
	} else {
		blocks = append(blocks, reportBlock{Kind: blockPara, Text: rt.t("summary.none.impr")})
	}
	if items := b.trainingItems(); len(items) > 0 {
		blocks = append(blocks, reportBlock{Kind: blockHeading, Text: rt.t("summary.training")}, reportBlock{Kind: blockBullets, Items: items})
	}
	var notes []string
	if noTrend := b.noTrend(); len(noTrend) > 0 {
		notes = append(notes, rt.f("summary.notrend", rt.list(noTrend), rt.count(b.run.TrendOptions.MinWaves), b.k()))
	}
	if q := b.qualitySentence(); q != "" {
		notes = append(notes, q)
	}
	for _, n := range notes {
		blocks = append(blocks, reportBlock{Kind: blockPara, Text: n})
	}
	return []reportSection{{ID: "summary", Title: rt.t("summary.title"), Blocks: blocks}}
}

// attentionItems: declining trends, scores below the band, flagged gaps between views,
// changed questionnaires and a failed quality gate, one sentence each.
func (b *reportBuilder) attentionItems() []string {
	rt := b.rt
	var items []string
	more := map[string]bool{} // flagged partnerships the report does not detail
	for _, t := range b.run.Trends {
		if !b.opt.Detail.Has(t.Partnership) {
			if t.Has(analysis.FlagDeclining) || t.Has(analysis.FlagBelowBand) || (t.Has(analysis.FlagNotComparable) && t.Dimension == survey.HealthDimension) {
				more[t.Partnership] = true
			}
			continue
		}
		latest := b.cal.Label(t.Latest)
		if t.Has(analysis.FlagDeclining) && slices.Contains(t.Evidence, analysis.EvidenceSlope) {
			items = append(items, rt.f("summary.declining", t.Partnership, b.lowerName(t.Dimension), rt.signed(t.Slope, 2),
				rt.interval(t.SlopeCILow, t.SlopeCIHigh, 2), latest, b.mean(t.LatestStats.Mean)))
		} else if t.Has(analysis.FlagDeclining) && t.Shift != nil {
			items = append(items, b.shiftSentence("summary.declining.shift", t))
		}
		if t.Has(analysis.FlagBelowBand) {
			items = append(items, rt.f("summary.belowband", t.Partnership, latest, b.lowerName(t.Dimension), b.mean(t.LatestStats.Mean), b.ci(t.LatestStats.CILow, t.LatestStats.CIHigh)))
		}
		if t.Has(analysis.FlagNotComparable) && t.Dimension == survey.HealthDimension {
			items = append(items, rt.f("summary.notcomp", t.Partnership, b.lowerName(t.Dimension)))
		}
	}
	items = append(items, b.gapSummaryItems(more)...)
	if len(more) > 0 {
		items = append(items, rt.f("summary.more.attention", rt.count(len(more))))
	}
	if g := b.run.Gate; g.Enabled() && !g.Passed() {
		var parts []string
		for _, f := range g.Failures {
			parts = append(parts, f.Partnership+" ("+b.lowerName(f.Dimension)+", "+string(f.Check)+")")
		}
		items = append(items, rt.f("summary.gate", rt.list(parts)))
	}
	return items
}

// shiftSentence describes a change seen in both of the last two waves.
func (b *reportBuilder) shiftSentence(key string, t analysis.Trend) string {
	return b.rt.f(key, t.Partnership, b.lowerName(t.Dimension), b.cal.Label(t.Shift.Reference), b.mean(t.LatestStats.Mean), b.rt.signed(t.Shift.G, 2))
}

// improvedItems: rows flagged improving, one sentence per row.
func (b *reportBuilder) improvedItems() []string {
	rt := b.rt
	var items []string
	more := map[string]bool{} // improved partnerships the report does not detail
	for _, t := range b.run.Trends {
		if !t.Has(analysis.FlagImproving) {
			continue
		}
		if !b.opt.Detail.Has(t.Partnership) {
			more[t.Partnership] = true
			continue
		}
		if slices.Contains(t.Evidence, analysis.EvidenceShift) && t.Shift != nil {
			items = append(items, b.shiftSentence("summary.improving.shift", t))
		} else {
			items = append(items, rt.f("summary.improving.slope", t.Partnership, b.lowerName(t.Dimension), rt.signed(t.Slope, 2), rt.interval(t.SlopeCILow, t.SlopeCIHigh, 2), b.mean(t.LatestStats.Mean)))
		}
	}
	if len(more) > 0 {
		items = append(items, rt.f("summary.more.improved", rt.count(len(more))))
	}
	return items
}

// trainingItems: per compared scope, the dimensions that moved (with the change and
// its CI) and those with no clear change.
func (b *reportBuilder) trainingItems() []string {
	cmp := b.run.Comparison
	if cmp == nil {
		return nil
	}
	rt := b.rt
	var items []string
	for i := range cmp.Scopes {
		sc := &cmp.Scopes[i]
		if sc.Suppressed && sc.Protects {
			items = append(items, rt.f("compare.protected", ScopeTitle(sc)))
			continue
		}
		if sc.Suppressed {
			items = append(items, rt.f("summary.cmp.hidden", ScopeTitle(sc), b.k()))
			continue
		}
		var moved, still []string
		for _, r := range sc.Rows {
			if r.Item != "" || r.Suppressed {
				continue
			}
			switch r.Verdict {
			case analysis.VerdictImproved, analysis.VerdictDeclined:
				moved = append(moved, rt.f("summary.cmp.moved", b.lowerName(r.Dimension), rt.signed(r.Diff, 2), rt.interval(r.DiffCILow, r.DiffCIHigh, 2), rt.t("verdict."+string(r.Verdict))))
			default:
				still = append(still, b.lowerName(r.Dimension))
			}
		}
		parts := moved
		if len(still) > 0 {
			parts = append(parts, rt.f("summary.cmp.none", rt.list(still)))
		}
		design := rt.t("design." + string(sc.Design))
		items = append(items, rt.sentences([]string{rt.f("summary.cmp.scope", ScopeTitle(sc), design), strings.Join(parts, rt.t("sentence.sep")) + rt.t("sentence.end")}))
	}
	return items
}

// noTrend lists the reported partnerships with too few waves for a trend.
func (b *reportBuilder) noTrend() []string {
	var out []string
	for _, t := range b.run.Trends {
		if t.Has(analysis.FlagTooFewWaves) && b.published(t.Partnership) && !slices.Contains(out, t.Partnership) {
			out = append(out, t.Partnership)
		}
	}
	return out
}

// qualitySentence: rows read and rejected, flawed responses, and the range of alpha.
func (b *reportBuilder) qualitySentence() string {
	if b.run.Quality == nil {
		return ""
	}
	rows, rejected := RowTotals(b.run.Inputs)
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, r := range b.run.Reliability {
		if r.AllWaves && !r.Suppressed && !math.IsNaN(r.Alpha) {
			lo, hi = math.Min(lo, r.Alpha), math.Max(hi, r.Alpha)
		}
	}
	if math.IsInf(lo, 0) {
		lo, hi = math.NaN(), math.NaN()
	}
	return b.rt.f("summary.quality", b.rt.count(rows), b.rt.count(rejected), b.rt.count(b.run.Quality.Total.Flagged), b.rt.num(lo, 2), b.rt.num(hi, 2))
}

// overviewSection: the overview and the heatmap of every partnership, and the names
// of the partnerships below k in every wave (named, never described).
func (b *reportBuilder) overviewSection() []reportSection {
	blocks := []reportBlock{{Kind: blockPara, Text: b.rt.t("overview.lead")}}
	if hidden := b.unreported(); len(hidden) > 0 {
		blocks = append(blocks, reportBlock{Kind: blockPara, Text: b.rt.f("unreported.lead", b.k(), b.rt.list(hidden))})
	}
	if d := b.opt.Detail; d.Limited() {
		blocks = append(blocks, reportBlock{Kind: blockPara, Text: b.rt.f("detail.lead", b.rt.count(d.Reported), b.rt.count(len(d.IDs)))})
	}
	for _, kind := range []string{"overview", "heatmap"} {
		if ch, ok := b.charts.find(kind, ""); ok {
			blocks = append(blocks, reportBlock{Kind: blockChart, Chart: ch})
		}
	}
	return []reportSection{{ID: "overview", Title: b.rt.t("overview.title"), Blocks: blocks}}
}

// partnershipSections: one section per reported partnership.
func (b *reportBuilder) partnershipSections() []reportSection {
	var out []reportSection
	ids := map[string]bool{}
	for _, v := range b.views {
		if v.published() && b.opt.Detail.Has(v.id) {
			out = append(out, b.partnershipSection(v, anchor("partnership", v.id, ids)))
		}
	}
	return out
}

// partnershipSection: the latest scores with CIs and bands, flags, the org and role
// breakdown, the flagged gaps between views, response rates and suggested actions,
// the trend chart, and the gap chart when a gap is flagged.
func (b *reportBuilder) partnershipSection(v *partnershipView, id string) reportSection {
	rt := b.rt
	wave := b.cal.Label(v.latestWave())
	latest := v.latest()
	health := latest[len(latest)-1]
	var blocks []reportBlock
	if health.Suppressed {
		blocks = append(blocks, reportBlock{Kind: blockPara, Text: rt.f("partnership.lead.hidden", wave, b.k())})
	} else {
		reported := 0
		for _, w := range v.all {
			if !w[len(w)-1].Suppressed {
				reported++
			}
		}
		blocks = append(blocks, reportBlock{Kind: blockPara, Text: rt.f("partnership.lead", wave, rt.count(health.N), rt.count(reported), rt.count(len(v.waves)))})
	}
	blocks = append(blocks, reportBlock{Kind: blockTable, Table: b.scoresTable(v)})
	blocks = append(blocks, reportBlock{Kind: blockHeading, Text: rt.t("flags.title")}, b.flagBlock(v.id))
	blocks = append(blocks, b.breakdownBlocks(v)...)
	blocks = append(blocks, b.seamBlocks(v)...)
	// The trend chart is most of a page tall: it follows the numbers, on the next page.
	if ch, ok := b.charts.find("trend", v.id); ok {
		blocks = append(blocks, reportBlock{Kind: blockChart, Chart: ch})
	}
	if ch, ok := b.charts.find("gap", v.id); ok && len(b.gaps[v.id]) > 0 {
		blocks = append(blocks, reportBlock{Kind: blockChart, Chart: ch})
	}
	return reportSection{ID: id, Title: v.id, Blocks: blocks}
}

// scoresTable: every dimension and health in the latest wave.
func (b *reportBuilder) scoresTable(v *partnershipView) *reportTable {
	rt := b.rt
	t := &reportTable{
		Caption: rt.f("scores.title", b.cal.Label(v.latestWave())),
		Header:  []string{rt.t("col.dimension"), rt.t("col.n"), rt.t("col.mean"), rt.t("col.ci"), rt.t("col.favorable"), rt.t("col.band"), rt.t("col.change")},
		Widths:  []float64{3.2, 1, 1.3, 2.4, 1.7, 1.7, 1.4},
		Numeric: []bool{false, true, true, true, true, false, true},
	}
	changes := b.changes[v.id]
	for d, s := range v.latest() {
		row := []reportCell{{Text: b.dimName(s.Dimension)}}
		if s.Suppressed {
			row = append(row, reportCell{Text: b.hiddenText(s), Class: "hidden", Span: 6})
		} else {
			change := "–"
			if d < len(changes) && changes[d].Latest.Dimension == s.Dimension {
				change = rt.signed(changes[d].Change, 2)
			}
			row = append(row,
				reportCell{Text: rt.count(s.N)}, reportCell{Text: b.mean(s.Mean)}, reportCell{Text: b.ci(s.CILow, s.CIHigh)},
				reportCell{Text: rt.pct(s.Favorable, 0)}, reportCell{Text: b.band(s.Band), Class: "band-" + string(s.Band)}, reportCell{Text: change})
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}

// flagBlock lists a partnership's flags with their evidence.
func (b *reportBuilder) flagBlock(id string) reportBlock {
	rt := b.rt
	var items []string
	tooFew := false
	for _, t := range b.trends[id] {
		name := b.dimName(t.Dimension)
		for _, f := range t.Flags {
			switch f {
			case analysis.FlagDeclining, analysis.FlagImproving:
				if slices.Contains(t.Evidence, analysis.EvidenceSlope) {
					items = append(items, rt.f("flag."+string(f)+".slope", name, rt.signed(t.Slope, 3), rt.interval(t.SlopeCILow, t.SlopeCIHigh, 3), rt.p(t.SlopePAdj)))
				}
				if slices.Contains(t.Evidence, analysis.EvidenceShift) && t.Shift != nil {
					items = append(items, rt.f("flag."+string(f)+".shift", name, b.cal.Label(t.Shift.Reference), rt.signed(t.Shift.G, 2), rt.p(t.ShiftPAdj)))
				}
			case analysis.FlagBelowBand:
				items = append(items, rt.f("flag.below_band", name, b.ci(t.LatestStats.CILow, t.LatestStats.CIHigh)))
			case analysis.FlagNotComparable:
				items = append(items, rt.f("flag.not_comparable", name))
			case analysis.FlagTooFewWaves:
				tooFew = true
			}
		}
	}
	items = append(items, b.gapFlagItems(id)...)
	if tooFew {
		items = append(items, rt.f("flag.too_few_waves", rt.count(b.run.TrendOptions.MinWaves), b.k()))
	}
	if len(items) == 0 {
		return reportBlock{Kind: blockPara, Text: rt.t("flags.none")}
	}
	return reportBlock{Kind: blockBullets, Items: items}
}

// breakdownBlocks: the latest wave per organisation and role.
func (b *reportBuilder) breakdownBlocks(v *partnershipView) []reportBlock {
	rt := b.rt
	wave := b.cal.Label(v.latestWave())
	blocks := []reportBlock{{Kind: blockHeading, Text: rt.f("breakdown.title", wave)}}
	dims := b.res.Dimensions()
	t := &reportTable{
		Header:  []string{rt.t("col.group"), rt.t("col.n")},
		Widths:  []float64{2.6, 0.7},
		Numeric: []bool{false, true},
		Keep:    2, // group and n
	}
	for _, d := range dims {
		t.Header = append(t.Header, b.dimName(d))
		t.Widths = append(t.Widths, 1.75)
		t.Numeric = append(t.Numeric, true)
	}
	any := false
	for _, part := range []struct {
		kind     string
		profiles []groupProfile
	}{{"kind.org", v.orgs}, {"kind.role", v.roles}} {
		if len(part.profiles) == 0 {
			continue
		}
		t.Rows = append(t.Rows, []reportCell{{Text: rt.t(part.kind), Class: "subhead", Span: len(t.Header)}})
		for _, g := range part.profiles {
			row := []reportCell{{Text: g.name}}
			health := g.scores[len(g.scores)-1]
			shown := 0
			for _, s := range g.scores {
				if !s.Suppressed {
					shown++
				}
			}
			if shown == 0 {
				row = append(row, reportCell{Text: b.hiddenText(health), Class: "hidden", Span: 1 + len(dims)})
				t.Rows = append(t.Rows, row)
				continue
			}
			any = true
			n := "–"
			if !health.Suppressed {
				n = rt.count(health.N)
			}
			row = append(row, reportCell{Text: n})
			for _, s := range g.scores {
				if s.Suppressed {
					row = append(row, reportCell{Text: b.hiddenText(s), Class: "hidden"})
				} else {
					row = append(row, reportCell{Text: b.mean(s.Mean), Class: "band-" + string(s.Band)})
				}
			}
			t.Rows = append(t.Rows, row)
		}
	}
	if !any {
		return append(blocks, reportBlock{Kind: blockPara, Text: rt.f("breakdown.none", b.k())})
	}
	return append(blocks, reportBlock{Kind: blockTable, Table: t})
}

// compareSection: per compared scope, the design, a table of the dimensions and
// health, and the before/after chart.
func (b *reportBuilder) compareSection() []reportSection {
	rt := b.rt
	cmp := b.run.Comparison
	sec := reportSection{ID: "compare", Title: rt.t("compare.title")}
	if cmp == nil || len(cmp.Scopes) == 0 {
		sec.Blocks = []reportBlock{{Kind: blockPara, Text: rt.t("compare.none")}}
		return []reportSection{sec}
	}
	for i := range cmp.Scopes {
		sc := &cmp.Scopes[i]
		title := ScopeTitle(sc)
		sec.Blocks = append(sec.Blocks, reportBlock{Kind: blockHeading, Text: title})
		if sc.Suppressed && sc.Protects {
			sec.Blocks = append(sec.Blocks, reportBlock{Kind: blockPara, Text: rt.f("compare.protected", title)})
			continue
		}
		if sc.Suppressed {
			sec.Blocks = append(sec.Blocks, reportBlock{Kind: blockPara, Text: rt.f("compare.hidden", title, b.k())})
			continue
		}
		if sc.Design == analysis.DesignPaired {
			sec.Blocks = append(sec.Blocks, reportBlock{Kind: blockPara, Text: rt.f("compare.paired", rt.count(sc.Pairs))})
		} else {
			sec.Blocks = append(sec.Blocks, reportBlock{Kind: blockPara, Text: rt.f("compare.unpaired", rt.count(sc.Before), rt.count(sc.After))})
		}
		t := &reportTable{
			Header:  []string{rt.t("col.dimension"), rt.t("col.before"), rt.t("col.after"), rt.t("col.diff"), rt.t("col.effect"), rt.t("col.pholm"), rt.t("col.verdict")},
			Widths:  []float64{2.6, 1.1, 1.1, 3.2, 1.1, 1.3, 2.4},
			Numeric: []bool{false, true, true, true, true, true, false},
		}
		for _, r := range sc.Rows {
			if r.Item != "" {
				continue
			}
			row := []reportCell{{Text: b.dimName(r.Dimension)}}
			if r.Suppressed {
				row = append(row, reportCell{Text: rt.f("fewer", b.k()), Class: "hidden", Span: 6})
			} else {
				row = append(row, reportCell{Text: b.mean(r.MeanBefore)}, reportCell{Text: b.mean(r.MeanAfter)},
					reportCell{Text: rt.signed(r.Diff, 2) + " (" + b.ci(r.DiffCILow, r.DiffCIHigh) + ")"},
					reportCell{Text: rt.signed(r.Effect, 2)}, reportCell{Text: rt.p(r.PHolm)}, reportCell{Text: rt.t("verdict." + string(r.Verdict))})
			}
			t.Rows = append(t.Rows, row)
		}
		sec.Blocks = append(sec.Blocks, reportBlock{Kind: blockTable, Table: t})
		if ch, ok := b.charts.find("compare", title); ok {
			sec.Blocks = append(sec.Blocks, reportBlock{Kind: blockChart, Chart: ch})
		}
		if sc.Note != "" {
			sec.Blocks = append(sec.Blocks, reportBlock{Kind: blockNote, Text: sc.Note})
		}
	}
	sec.Blocks = append(sec.Blocks, reportBlock{Kind: blockNote, Text: rt.t("compare.note")})
	for _, w := range cmp.Warnings {
		sec.Blocks = append(sec.Blocks, reportBlock{Kind: blockNote, Text: w})
	}
	return []reportSection{sec}
}

// appendixSection: reliability per dimension and per wave, the input files, the
// problems found and the missing answers per item.
func (b *reportBuilder) appendixSection() []reportSection {
	rt := b.rt
	sec := reportSection{ID: "appendix", Title: rt.t("appendix.title")}
	rel := &reportTable{
		Caption: rt.t("rel.title"),
		Header:  []string{rt.t("col.dimension"), rt.t("col.n"), rt.t("col.alpha"), rt.t("col.stdalpha"), rt.t("col.omega"), rt.t("col.avgr"), rt.t("col.warnings")},
		Widths:  []float64{2.4, 1.1, 2.5, 1.2, 1.1, 1.1, 2.6},
		Numeric: []bool{false, true, true, true, true, true, false},
	}
	var waves []survey.Wave
	perWave := map[survey.Wave]map[string]analysis.DimensionReliability{}
	for _, r := range b.run.Reliability {
		if !r.AllWaves {
			if perWave[r.Wave] == nil {
				waves = append(waves, r.Wave)
				perWave[r.Wave] = map[string]analysis.DimensionReliability{}
			}
			perWave[r.Wave][r.Dimension] = r
			continue
		}
		row := []reportCell{{Text: b.dimName(r.Dimension)}}
		if r.Suppressed {
			row = append(row, reportCell{Text: rt.f("fewer", b.k()), Class: "hidden", Span: 6})
		} else {
			var codes []string
			for _, w := range r.Warnings {
				if !slices.Contains(codes, w.Code) {
					codes = append(codes, w.Code)
				}
			}
			for _, it := range r.Items {
				for _, w := range it.Warnings {
					if !slices.Contains(codes, w.Code) {
						codes = append(codes, w.Code)
					}
				}
			}
			row = append(row, reportCell{Text: rt.count(r.N)}, reportCell{Text: rt.num(r.Alpha, 2) + " (" + rt.interval(r.CILow, r.CIHigh, 2) + ")"},
				reportCell{Text: rt.num(r.StdAlpha, 2)}, reportCell{Text: rt.num(r.OmegaTotal, 2)}, reportCell{Text: rt.num(r.AverageR, 2)},
				reportCell{Text: strings.Join(codes, ", ")})
		}
		rel.Rows = append(rel.Rows, row)
	}
	sec.Blocks = append(sec.Blocks, reportBlock{Kind: blockTable, Table: rel})
	if len(waves) > 0 {
		dims := b.res.Codebook.Dimensions
		t := &reportTable{Caption: rt.t("rel.waves"), Header: []string{rt.t("col.wave")}, Widths: []float64{1.5}, Numeric: []bool{false}}
		for _, d := range dims {
			t.Header = append(t.Header, b.dimName(d.ID))
			t.Widths = append(t.Widths, 1.5)
			t.Numeric = append(t.Numeric, true)
		}
		for _, w := range waves {
			row := []reportCell{{Text: b.cal.Label(w)}}
			for _, d := range dims {
				r, ok := perWave[w][d.ID]
				switch {
				case !ok:
					row = append(row, reportCell{Text: "–"})
				case r.Suppressed:
					row = append(row, reportCell{Text: rt.f("fewer", b.k()), Class: "hidden"})
				default:
					row = append(row, reportCell{Text: rt.num(r.Alpha, 2)})
				}
			}
			t.Rows = append(t.Rows, row)
		}
		sec.Blocks = append(sec.Blocks, reportBlock{Kind: blockTable, Table: t})
	}
	sec.Blocks = append(sec.Blocks, b.qualityBlocks()...)
	return []reportSection{sec}
}

// qualityBlocks: input files, problems by code, missing answers per item.
func (b *reportBuilder) qualityBlocks() []reportBlock {
	rt := b.rt
	var blocks []reportBlock
	rows, rejected := RowTotals(b.run.Inputs)
	inputs := &reportTable{
		Caption: rt.t("inputs.title"),
		Header:  []string{rt.t("col.file"), rt.t("col.encoding"), rt.t("col.rows"), rt.t("col.rejected")},
		Widths:  []float64{5, 1.6, 1.2, 1.2},
		Numeric: []bool{false, false, true, true},
	}
	for _, in := range b.run.Inputs {
		inputs.Rows = append(inputs.Rows, []reportCell{{Text: in.File}, {Text: in.Encoding}, {Text: rt.count(in.Rows)}, {Text: rt.count(in.Rejected)}})
	}
	if q := b.run.Quality; q != nil {
		blocks = append(blocks, reportBlock{Kind: blockPara, Text: rt.f("quality.lead", rt.count(rows), rt.count(rejected), rt.count(q.Total.Flagged), rt.pct(q.Total.MissingRate(), 1))})
	}
	blocks = append(blocks, reportBlock{Kind: blockTable, Table: inputs})
	type codeCount struct {
		code, severity string
		n              int
	}
	var codes []codeCount
	for _, p := range b.run.Problems {
		i := slices.IndexFunc(codes, func(c codeCount) bool { return c.code == p.Code })
		if i < 0 {
			codes = append(codes, codeCount{code: p.Code, severity: string(p.Severity)})
			i = len(codes) - 1
		}
		codes[i].n++
	}
	slices.SortFunc(codes, func(x, y codeCount) int { return strings.Compare(x.code, y.code) })
	if len(codes) == 0 {
		blocks = append(blocks, reportBlock{Kind: blockPara, Text: rt.t("problems.none")})
	} else {
		t := &reportTable{Caption: rt.t("problems.title"), Header: []string{rt.t("col.code"), rt.t("col.severity"), rt.t("col.count")}, Widths: []float64{4, 2, 1.2}, Numeric: []bool{false, false, true}}
		for _, c := range codes {
			t.Rows = append(t.Rows, []reportCell{{Text: c.code}, {Text: rt.t("severity." + c.severity)}, {Text: rt.count(c.n)}})
		}
		blocks = append(blocks, reportBlock{Kind: blockTable, Table: t})
	}
	if q := b.run.Quality; q != nil && len(q.Items) > 0 {
		t := &reportTable{Caption: rt.t("items.title"), Header: []string{rt.t("col.item"), rt.t("col.dimension"), rt.t("col.answered"), rt.t("col.missing"), "%"}, Widths: []float64{1.5, 2.5, 1.3, 1.3, 1}, Numeric: []bool{false, false, true, true, true}}
		for _, it := range q.Items {
			dim := ""
			for _, item := range b.res.Codebook.Items {
				if item.ID == it.Item {
					dim = b.dimName(item.Dimension)
				}
			}
			t.Rows = append(t.Rows, []reportCell{{Text: it.Item}, {Text: dim}, {Text: rt.count(it.Answered)}, {Text: rt.count(it.Missing)}, {Text: rt.pct(it.Rate(), 1)}})
		}
		blocks = append(blocks, reportBlock{Kind: blockTable, Table: t})
	}
	return blocks
}

// methodSection: formulas, conventions, the k threshold and what it hid, the software.
func (b *reportBuilder) methodSection() []reportSection {
	rt := b.rt
	cb := b.res.Codebook
	strength, borderline := b.res.Bands.Thresholds(cb.Min, cb.Max)
	o := b.run.TrendOptions
	var total, small, complementary int
	for s := range b.res.Scores() {
		if s.Dimension != survey.HealthDimension {
			continue // each group counted once, by its health row
		}
		total++
		switch s.Suppression {
		case analysis.FewerThanK:
			small++
		case analysis.Complementary:
			complementary++
		}
	}
	items := []string{
		rt.t("method.scores"),
		rt.f("method.bands", rt.num(strength, 2), rt.num(borderline, 2), rt.num(strength, 2), rt.num(borderline, 2), rt.count(cb.Min), rt.count(cb.Max)),
		rt.f("method.trends", rt.num(o.Alpha, 2), rt.num(o.MinEffect, 1), rt.num(o.MinEffect, 1), rt.t("adjust."+string(o.Adjust)), rt.count(o.MinWaves)),
		rt.t("method.compare"),
		rt.t("method.reliability"),
		rt.f("method.privacy", b.k(), b.k(), rt.count(total), rt.count(small+complementary), rt.count(small), rt.count(complementary), rt.count(len(b.unreported()))),
		rt.t("method.rounding"),
		rt.f("method.software", b.run.Version, b.run.Codebook, rt.count(cb.Min), rt.count(cb.Max), rt.count(b.cal.FiscalStart)),
	}
	if rel := b.run.Relations; rel != nil {
		items = slices.Insert(items, 3, rt.f("method.gap", rt.t("adjust."+string(rel.GapOptions.Adjust)), b.gapThreshold()))
	}
	if !b.run.Generated.IsZero() {
		items = append(items, rt.f("method.date", rt.date(b.run.Generated)))
	}
	blocks := make([]reportBlock, len(items))
	for i, it := range items {
		blocks[i] = reportBlock{Kind: blockPara, Text: it}
	}
	return []reportSection{{ID: "method", Title: rt.t("method.title"), Blocks: blocks}}
}

// anchor returns a unique HTML id for a partnership: its letters and digits.
func anchor(prefix, name string, used map[string]bool) string {
	return chartNames(used).unique(prefix, name)
}

package reports

import (
	"math"
	"slices"
	"strings"

	"renkei/analysis"
	"renkei/survey"
)

// The report's parts about the partnerships' seams (issue 10): the flagged gaps between
// views in the executive summary, each partnership's flags and page (with its response
// rates and suggested actions), and the stakeholder map. The gaps are those summary.json
// lists (flaggedGaps), so the report and the JSON speak of the same gaps.

// seamMessages are the seams' fixed texts, merged into reportMessages.
var seamMessages = map[string][2]string{
	"summary.gap.asymmetric":     {"%s: its member organisations rate each other differently. On %s, %s rates %s %s, while %s rates %s %s: a gap of %s points (95%% CI %s).", "%s：構成組織が互いを異なって評価しています。%sでは、%sから%sへの評価が%s、%sから%sへの評価が%sで、差は%s点（95%%信頼区間%s）です。"},
	"summary.gap.perception_gap": {"%s: its member organisations see the partnership differently. On %s, %s rates it %s and %s %s: a gap of %s points (95%% CI %s).", "%s：構成組織の間で評価が分かれています。%sでは、%sが%s、%sが%sで、差は%s点（95%%信頼区間%s）です。"},
	"summary.gap.layer_gap":      {"%s: the frontline sees the partnership less favourably than the top. On %s, %s rates it %s and %s %s: a gap of %s points (95%% CI %s).", "%s：現場が管理職層より連携を低く評価しています。%sでは、%sが%s、%sが%sで、差は%s点（95%%信頼区間%s）です。"},

	"flag.asymmetric":     {"Asymmetric on %s: the member organisations' ratings of each other differ by at least %s points, in two consecutive reported waves (adjusted p below 0.05; see the table below).", "非対称（%s）：構成組織どうしの相互評価の差が%s点以上あり、連続する2回の報告回で同じ結果です（調整済みp 0.05未満、下表参照）。"},
	"flag.perception_gap": {"Perception gap on %s: two member organisations' views differ by at least %s points, in two consecutive reported waves (adjusted p below 0.05; see the table below).", "認識の差（%s）：2つの構成組織の評価の差が%s点以上あり、連続する2回の報告回で同じ結果です（調整済みp 0.05未満、下表参照）。"},
	"flag.layer_gap":      {"Layer gap on %s: the frontline rates the partnership at least %s points below the top, in two consecutive reported waves (adjusted p below 0.05; see the table below).", "階層間の差（%s）：現場の評価が管理職層より%s点以上低く、連続する2回の報告回で同じ結果です（調整済みp 0.05未満、下表参照）。"},

	"gaps.title":                  {"Gaps between views", "視点間の差"},
	"gaps.caption.asymmetric":     {"Asymmetric, %s. A: %s rating %s; B: %s rating %s", "非対称（%s）。A：%sから%sへの評価、B：%sから%sへの評価"},
	"gaps.caption.perception_gap": {"Perception gap, %s. A: %s; B: %s", "認識の差（%s）。A：%s、B：%s"},
	"gaps.caption.layer_gap":      {"Layer gap, %s. A: %s (top); B: %s (frontline)", "階層間の差（%s）。A：%s（管理職層）、B：%s（現場）"},
	"col.a":                       {"A", "A"},
	"col.b":                       {"B", "B"},
	"col.gap":                     {"Gap A − B (95% CI)", "差 A−B（95%信頼区間）"},
	"col.padj":                    {"p (adjusted)", "p（調整済み）"},
	"gaps.note":                   {"Only the flagged gaps of each pair's latest reported wave are listed; gaps.csv has every gap of every wave.", "各組の最新の報告回でフラグのある差だけを示しています。すべての回の差はgaps.csvにあります。"},

	"rates.title":             {"Response rates against the roster, %s", "名簿に対する回答率（%s）"},
	"rates.none":              {"The roster does not list this partnership: no response rate can be given.", "名簿にこの連携がないため、回答率は示せません。"},
	"rates.all":               {"Whole partnership", "連携全体"},
	"col.expected":            {"Expected", "想定"},
	"col.responses":           {"Responses", "回答"},
	"col.rate":                {"Rate", "回答率"},
	"col.note":                {"Note", "注記"},
	"warn.under_represented":  {"under-represented", "回答が少ない"},
	"warn.over_expected":      {"more than expected", "想定より多い"},
	"rates.under_represented": {"%s is under-represented: it answered at less than half the rate of the partnership's other members, so the scores above speak mostly for the other side.", "%sは回答が少なく（他の構成組織の回答率の半分未満）、上の得点は主に他の組織の見方を表しています。"},
	"rates.over_expected":     {"%s sent more responses than the roster expects: the roster may be out of date, or responses name the wrong organisation.", "%sの回答数が名簿の想定を上回っています。名簿が古いか、回答の組織名が誤っている可能性があります。"},

	"actions.title": {"Suggested actions", "改善のための取り組み例"},
	"actions.lead":  {"Practices to try for each dimension in the borderline or concern band in %s.", "%sに「境界」または「懸念」の帯にある次元ごとの、取り組み例です。"},
	"actions.dim":   {"%s: %s (mean %s)", "%s：%s（平均%s）"},
	"actions.empty": {"The actions table lists no practice for it.", "取り組み例の表に該当する項目がありません。"},
	"actions.none":  {"No dimension is in the borderline or concern band in the latest reported wave: no action is suggested.", "最新の報告回に「境界」または「懸念」の帯にある次元はないため、取り組み例はありません。"},

	"network.section":           {"Stakeholder map", "関係機関マップ"},
	"network.lead":              {"Organisations and the partnerships that link them: each line joins two member organisations of a partnership, coloured by the partnership's band in its latest published wave. A single point of failure is an organisation whose loss would cut others off from the rest of the map.", "組織と、それらを結ぶ連携の図です。線は連携の構成組織2つを結び、色はその連携の最新の公表回の帯を表します。単一障害点とは、抜けると他の組織がマップの残りから切り離されてしまう組織です。"},
	"network.spof.title":        {"Single points of failure", "単一障害点"},
	"network.spof.none":         {"No organisation is a single point of failure: every organisation stays connected to the rest if any one leaves.", "単一障害点となる組織はありません。どの組織が抜けても、他の組織はつながったままです。"},
	"col.cutoff":                {"Organisations cut off", "切り離される組織"},
	"col.partnerships":          {"Partnerships", "連携"},
	"network.contact.title":     {"Partnerships that hang on one contact", "担当者1人に依存する連携"},
	"network.onecontact":        {"The roster expects a single respondent from a member organisation of %s: the partnership depends on one person.", "%sは、名簿上、構成組織の回答者が1人だけです。連携が1人の担当者に依存しています。"},
	"network.onecontact.none":   {"No partnership hangs on one contact: the roster expects at least two respondents from every member organisation.", "担当者1人に依存する連携はありません（名簿上、どの構成組織も回答者が2人以上です）。"},
	"network.onecontact.roster": {"Without a roster, renkei cannot tell which partnerships hang on one contact.", "名簿がないため、担当者1人に依存する連携は判断できません。"},
	"network.person":            {"Person-level partnerships, links between named people that may end when they leave: %s.", "個人間の連携（担当者が替わると途切れるおそれのあるもの）：%s。"},
	"network.bridges":           {"The only link between two parts of the map: %s.", "マップの2つの部分を結ぶ唯一の連携：%s。"},
	"network.nochart":           {"The map has too many organisations to be drawn; network.csv lists them.", "組織が多すぎるため図は描いていません。一覧はnetwork.csvにあります。"},
}

func init() {
	for k, v := range seamMessages {
		reportMessages[k] = v
	}
}

// gapThreshold is the smallest flagged gap on the instrument's scale.
func (b *reportBuilder) gapThreshold() string {
	return b.rt.num(b.run.Relations.GapOptions.MinGapOn(b.res.Codebook), 2)
}

// gapsByFlag returns a partnership's flagged gaps that carry flag f.
func (b *reportBuilder) gapsByFlag(id string, f analysis.Flag) []analysis.Gap {
	var out []analysis.Gap
	for _, g := range b.gaps[id] {
		if g.Flag == f {
			out = append(out, g)
		}
	}
	return out
}

// gapSummaryItems: per partnership and gap flag, one sentence for the executive
// summary: the gap on health when it is flagged, else the largest, with both sides'
// means, and the other dimensions that show it. Every number is one of summary.json's
// gaps.flagged (a gap of B over A is written as A's over B, its CI turned round).
func (b *reportBuilder) gapSummaryItems(more map[string]bool) []string {
	rt := b.rt
	var items []string
	for _, id := range b.res.Partnerships {
		for _, f := range gapFlags {
			rows := b.gapsByFlag(id, f)
			if len(rows) == 0 {
				continue
			}
			if !b.opt.Detail.Has(id) {
				more[id] = true
				continue
			}
			lead := slices.IndexFunc(rows, func(g analysis.Gap) bool { return g.Dimension == survey.HealthDimension })
			if lead < 0 {
				lead = 0
				for i, g := range rows {
					if math.Abs(g.Diff) > math.Abs(rows[lead].Diff) {
						lead = i
					}
				}
			}
			g := rows[lead]
			gap, lo, hi := g.Diff, g.CILow, g.CIHigh
			if gap < 0 {
				gap, lo, hi = -gap, -hi, -lo
			}
			dim, a, bm, size, ci := b.lowerName(g.Dimension), b.mean(g.A.Mean), b.mean(g.B.Mean), b.mean(gap), b.ci(lo, hi)
			var text string
			if g.Kind == analysis.GapDirected {
				text = rt.f("summary.gap."+string(f), id, dim, g.A.Group, g.A.Partner, a, g.B.Group, g.B.Partner, bm, size, ci)
			} else {
				text = rt.f("summary.gap."+string(f), id, dim, g.A.Group, a, g.B.Group, bm, size, ci)
			}
			var others []string
			for _, o := range rows {
				if name := b.lowerName(o.Dimension); o.Dimension != g.Dimension && !slices.Contains(others, name) {
					others = append(others, name)
				}
			}
			if len(others) > 0 {
				text += rt.f("summary.gap.also", rt.list(others))
			}
			items = append(items, text)
		}
	}
	return items
}

// gapFlagItems: a partnership's gap flags with the dimensions that carry them.
func (b *reportBuilder) gapFlagItems(id string) []string {
	var items []string
	for _, f := range gapFlags {
		var dims []string
		for _, g := range b.gapsByFlag(id, f) {
			if name := b.lowerName(g.Dimension); !slices.Contains(dims, name) {
				dims = append(dims, name)
			}
		}
		if len(dims) > 0 {
			items = append(items, b.rt.f("flag."+string(f), b.rt.list(dims), b.gapThreshold()))
		}
	}
	return items
}

// seamBlocks: a partnership's flagged gaps, its response rates against the roster and
// the suggested actions for its weak dimensions; nothing when the seams were not
// computed.
func (b *reportBuilder) seamBlocks(v *partnershipView) []reportBlock {
	if b.run.Relations == nil {
		return nil
	}
	blocks := b.gapBlocks(v.id)
	blocks = append(blocks, b.rateBlocks(v.id)...)
	return append(blocks, b.actionBlocks(v.id)...)
}

// gapBlocks: one table per flagged pair (and wave), its dimensions with both sides'
// means, the gap with its CI and the adjusted p.
func (b *reportBuilder) gapBlocks(id string) []reportBlock {
	rows := b.gaps[id]
	if len(rows) == 0 {
		return nil
	}
	rt := b.rt
	blocks := []reportBlock{{Kind: blockHeading, Text: rt.t("gaps.title")}}
	var t *reportTable
	var last analysis.Gap
	for i, g := range rows {
		if i == 0 || g.Flag != last.Flag || g.A.Group != last.A.Group || g.A.Partner != last.A.Partner ||
			g.B.Group != last.B.Group || g.B.Partner != last.B.Partner || g.Wave != last.Wave {
			wave := b.cal.Label(g.Wave)
			caption := rt.f("gaps.caption."+string(g.Flag), wave, g.A.Group, g.B.Group)
			if g.Kind == analysis.GapDirected {
				caption = rt.f("gaps.caption."+string(g.Flag), wave, g.A.Group, g.A.Partner, g.B.Group, g.B.Partner)
			}
			t = &reportTable{
				Caption: caption,
				Header:  []string{rt.t("col.dimension"), rt.t("col.a"), rt.t("col.b"), rt.t("col.gap"), rt.t("col.padj")},
				Widths:  []float64{2.6, 1.1, 1.1, 3.2, 1.5},
				Numeric: []bool{false, true, true, true, true},
			}
			blocks = append(blocks, reportBlock{Kind: blockTable, Table: t})
		}
		last = g
		t.Rows = append(t.Rows, []reportCell{
			{Text: b.dimName(g.Dimension)}, {Text: b.mean(g.A.Mean)}, {Text: b.mean(g.B.Mean)},
			{Text: rt.signed(g.Diff, 2) + " (" + b.ci(g.CILow, g.CIHigh) + ")"}, {Text: rt.p(g.PAdj)},
		})
	}
	return append(blocks, reportBlock{Kind: blockNote, Text: rt.t("gaps.note")})
}

// rateBlocks: with a roster, the partnership's response rates in its latest wave (as
// summary.json's response_rates.latest) and a sentence per warning. A count below k,
// or one that would reveal such a count, shows the hidden wording.
func (b *reportBuilder) rateBlocks(id string) []reportBlock {
	rel := b.run.Relations
	if rel.Roster == "" {
		return nil
	}
	var rates []analysis.ResponseRate
	for _, r := range latestRates(rel.Rates) {
		if r.Partnership == id {
			rates = append(rates, r)
		}
	}
	rt := b.rt
	if len(rates) == 0 {
		return []reportBlock{{Kind: blockHeading, Text: rt.t("rates.heading")}, {Kind: blockPara, Text: rt.t("rates.none")}}
	}
	t := &reportTable{
		Header:  []string{rt.t("col.group"), rt.t("col.expected"), rt.t("col.responses"), rt.t("col.rate"), rt.t("col.note")},
		Widths:  []float64{4, 1.2, 1.2, 1.1, 2.3},
		Numeric: []bool{false, true, true, true, false},
	}
	var warnings []string
	subhead := analysis.RateAll
	for _, r := range rates {
		name := rt.t("rates.all")
		switch r.Level {
		case analysis.RateOrg:
			name = r.Org
		case analysis.RateRole:
			name = r.Role
		}
		if r.Level != subhead {
			subhead = r.Level
			kind := map[analysis.RateLevel]string{analysis.RateOrg: "kind.org", analysis.RateRole: "kind.role"}[r.Level]
			t.Rows = append(t.Rows, []reportCell{{Text: rt.t(kind), Class: "subhead", Span: len(t.Header)}})
		}
		row := []reportCell{{Text: name}, {Text: rt.count(r.Expected)}}
		if r.Suppressed {
			row = append(row, reportCell{Text: b.hiddenFor(r.Suppression), Class: "hidden", Span: 2})
		} else {
			row = append(row, reportCell{Text: rt.count(r.Responses)}, reportCell{Text: rt.pct(r.Rate, 0)})
		}
		note := ""
		if r.Warning != "" {
			note = rt.t("warn." + r.Warning)
			warnings = append(warnings, rt.f("rates."+r.Warning, name))
		}
		t.Rows = append(t.Rows, append(row, reportCell{Text: note}))
	}
	blocks := []reportBlock{{Kind: blockHeading, Text: rt.f("rates.title", b.cal.Label(rates[0].Wave))}, {Kind: blockTable, Table: t}}
	for _, w := range warnings {
		blocks = append(blocks, reportBlock{Kind: blockPara, Text: w})
	}
	return blocks
}

// actionBlocks: the practices suggested for each weak dimension of the partnership's
// latest reported wave, in the run's language (summary.json's actions).
func (b *reportBuilder) actionBlocks(id string) []reportBlock {
	rt := b.rt
	blocks := []reportBlock{{Kind: blockHeading, Text: rt.t("actions.title")}}
	var lead bool
	for _, sg := range b.run.Relations.Suggestions {
		if sg.Partnership != id {
			continue
		}
		if !lead {
			blocks = append(blocks, reportBlock{Kind: blockPara, Text: rt.f("actions.lead", b.cal.Label(sg.Wave))})
			lead = true
		}
		blocks = append(blocks, reportBlock{Kind: blockPara, Text: rt.f("actions.dim", b.dimName(sg.Dimension), b.band(sg.Band), b.mean(sg.Mean))})
		if len(sg.Actions) == 0 {
			blocks = append(blocks, reportBlock{Kind: blockNote, Text: rt.t("actions.empty")})
		} else {
			blocks = append(blocks, reportBlock{Kind: blockBullets, Items: sg.Actions})
		}
	}
	if !lead {
		blocks = append(blocks, reportBlock{Kind: blockPara, Text: rt.t("actions.none")})
	}
	return blocks
}

// networkSection: the stakeholder map's chart, its single points of failure with how
// many organisations each cuts off, and the partnerships that hang on one contact,
// are carried by people, or are the only link between two parts of the map.
func (b *reportBuilder) networkSection() []reportSection {
	rel := b.run.Relations
	if rel == nil || rel.Map == nil || len(rel.Map.Orgs) == 0 {
		return nil
	}
	rt := b.rt
	blocks := []reportBlock{{Kind: blockPara, Text: rt.t("network.lead")}}
	if ch, ok := b.charts.find("network", ""); ok {
		blocks = append(blocks, reportBlock{Kind: blockChart, Chart: ch})
	} else if b.charts != nil {
		blocks = append(blocks, reportBlock{Kind: blockNote, Text: rt.t("network.nochart")})
	}
	blocks = append(blocks, reportBlock{Kind: blockHeading, Text: rt.t("network.spof.title")})
	if spof := singlePointsOfFailure(rel.Map); len(spof) > 0 {
		t := &reportTable{
			Header:  []string{rt.t("kind.org"), rt.t("col.partnerships"), rt.t("col.cutoff")},
			Widths:  []float64{3.2, 4.2, 1.8},
			Numeric: []bool{false, false, true},
		}
		for _, o := range spof {
			t.Rows = append(t.Rows, []reportCell{{Text: o.Org}, {Text: strings.Join(o.Partnerships, rt.t("list.sep"))}, {Text: rt.count(o.CutOff)}})
		}
		blocks = append(blocks, reportBlock{Kind: blockTable, Table: t})
	} else {
		blocks = append(blocks, reportBlock{Kind: blockPara, Text: rt.t("network.spof.none")})
	}
	blocks = append(blocks, reportBlock{Kind: blockHeading, Text: rt.t("network.contact.title")})
	var oneContact, person, bridges []string
	for _, l := range rel.Map.Links {
		for _, c := range []struct {
			set  bool
			list *[]string
		}{{l.OneContact, &oneContact}, {l.Kind == survey.KindPerson, &person}, {l.Bridge, &bridges}} {
			if c.set && !slices.Contains(*c.list, l.Partnership) {
				*c.list = append(*c.list, l.Partnership)
			}
		}
	}
	switch {
	case rel.Roster == "":
		blocks = append(blocks, reportBlock{Kind: blockPara, Text: rt.t("network.onecontact.roster")})
	case len(oneContact) > 0:
		blocks = append(blocks, reportBlock{Kind: blockPara, Text: rt.f("network.onecontact", rt.list(oneContact))})
	default:
		blocks = append(blocks, reportBlock{Kind: blockPara, Text: rt.t("network.onecontact.none")})
	}
	if len(person) > 0 {
		blocks = append(blocks, reportBlock{Kind: blockPara, Text: rt.f("network.person", rt.list(person))})
	}
	if len(bridges) > 0 {
		blocks = append(blocks, reportBlock{Kind: blockPara, Text: rt.f("network.bridges", rt.list(bridges))})
	}
	return []reportSection{{ID: "network", Title: rt.t("network.section"), Blocks: blocks}}
}

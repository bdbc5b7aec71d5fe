package reports

import (
	"io"
	"strconv"
	"strings"
	"sync"

	"github.com/gocarina/gocsv"

	"renkei/analysis"
	"renkei/survey"
)

// Renderings of the partnerships' seams: gaps between views (gaps.csv), the
// stakeholder map (network.csv, network_links.csv) and response rates
// (response_rates.csv), and their parts of summary.json.

// Relations is what a run found at the partnerships' seams, for renderers.
type Relations struct {
	GapOptions analysis.GapOptions
	// Gaps are every gap, for gaps.csv alone: a large run may drop the table once
	// gaps.csv is written. Flagged are the gaps summary.json and the report speak of
	// (analysis.Seams.Flagged).
	Gaps        *analysis.GapTable
	Flagged     []analysis.Gap
	Map         *analysis.StakeholderMap
	Roster      string // the roster's file name, or "built-in sample"; empty without one
	Rates       []analysis.ResponseRate
	Lang        string // the run's language, en or ja
	Actions     string // the actions table's file name, or "built-in"
	Suggestions []analysis.Suggestion
}

// gapColumns is the header of gaps.csv.
var gapColumns = []string{"partnership", "wave", "kind", "dimension", "group_a", "partner_a", "n_a", "mean_a", "sd_a", "group_b", "partner_b", "n_b", "mean_b", "sd_b", "gap", "gap_ci_low", "gap_ci_high", "t", "df", "p", "p_adj", "flag", "suppressed", "suppression_a", "suppression_b"}

// WriteGapsCSV writes gaps.csv: one row per partnership, wave, kind (directed, orgs,
// layers), pair and dimension (health last). Side a is the first view (for directed
// rows org group_a rating partner_a), side b the other; gap = mean_a − mean_b with
// Welch's 95% CI, t, df, p and the run-wide adjusted p. A suppressed side's
// statistics are empty, and then so is the gap. A large run has hundreds of thousands
// of rows: the table's pieces are computed and formatted on all processors at once
// (writePieces).
func WriteGapsCSV(w io.Writer, gaps *analysis.GapTable, cal survey.Calendar) error {
	rows := sync.Pool{New: func() any { return []analysis.Gap(nil) }}
	return writePieces(w, gapColumns, gaps.Pieces(), func(piece int, buf []byte) []byte {
		gs := gaps.Piece(piece, rows.Get().([]analysis.Gap)[:0])
		defer rows.Put(gs) //nolint:staticcheck // a slice header is small
		labels := newWaveLabels(cal)
		side := func(buf []byte, s analysis.GapSide) []byte {
			buf = appendCSVField(append(buf, ','), SafeText(s.Group))
			buf = appendCSVField(append(buf, ','), SafeText(s.Partner))
			buf = append(buf, ',')
			if s.Suppressed {
				return append(buf, ",,"...)
			}
			buf = strconv.AppendInt(buf, int64(s.N), 10)
			buf = appendNumber(append(buf, ','), s.Mean)
			return appendNumber(append(buf, ','), s.SD)
		}
		for _, g := range gs {
			label := labels.of(g.Wave)
			buf = appendCSVField(buf, SafeText(g.Partnership))
			buf = appendCSVField(append(buf, ','), label)
			buf = appendCSVField(append(buf, ','), string(g.Kind))
			buf = appendCSVField(append(buf, ','), g.Dimension)
			buf = side(buf, g.A)
			buf = side(buf, g.B)
			if g.Suppressed() {
				buf = append(buf, ",,,,,,,"...)
			} else {
				for _, v := range [...]float64{g.Diff, g.CILow, g.CIHigh, g.T, g.DF, g.P, g.PAdj} {
					buf = appendNumber(append(buf, ','), v)
				}
			}
			buf = appendCSVField(append(buf, ','), string(g.Flag))
			buf = strconv.AppendBool(append(buf, ','), g.Suppressed())
			buf = append(append(buf, ','), g.A.Suppression.String()...)
			buf = append(append(buf, ','), g.B.Suppression.String()...)
			buf = append(buf, '\n')
		}
		return buf
	})
}

// csvChunk is how many rows writeChunked formats at a time: the table is streamed, not
// built whole in memory.
const csvChunk = 4096

// writeChunked writes n rows made by row as CSV with a header, csvChunk rows at a
// time, so that a long table is never held whole as text.
func writeChunked[T any](w io.Writer, n int, row func(int) T) error {
	rows := make([]T, 0, min(n, csvChunk))
	for start := 0; start == 0 || start < n; start += csvChunk {
		rows = rows[:0]
		for i := start; i < min(n, start+csvChunk); i++ {
			rows = append(rows, row(i))
		}
		marshal := gocsv.MarshalWithoutHeaders
		if start == 0 {
			marshal = gocsv.Marshal
		}
		if err := marshal(rows, w); err != nil {
			return err
		}
	}
	return nil
}

type networkRow struct {
	Org            string `csv:"org"`
	Degree         string `csv:"degree"`
	WeightedDegree string `csv:"weighted_degree"`
	Betweenness    string `csv:"betweenness"`
	Articulation   string `csv:"articulation"`
	CutOff         string `csv:"cut_off"`
	Partnerships   string `csv:"partnerships"`
	X              string `csv:"x"`
	Y              string `csv:"y"`
}

// WriteNetworkCSV writes network.csv: one row per organisation of the stakeholder map,
// sorted by name: degree, weighted degree, betweenness, whether it is an articulation
// point (a single point of failure) and how many organisations its removal would cut
// off, its partnerships (separated by "; ") and its layout position in [0, 1]².
func WriteNetworkCSV(w io.Writer, m *analysis.StakeholderMap) error {
	rows := make([]networkRow, len(m.Orgs))
	for i, o := range m.Orgs {
		ps := make([]string, len(o.Partnerships))
		for j, p := range o.Partnerships {
			ps[j] = SafeText(p)
		}
		rows[i] = networkRow{
			Org: SafeText(o.Org), Degree: strconv.Itoa(o.Degree), WeightedDegree: number(o.WeightedDegree),
			Betweenness: number(o.Betweenness), Articulation: strconv.FormatBool(o.Articulation), CutOff: strconv.Itoa(o.CutOff),
			Partnerships: strings.Join(ps, "; "), X: number(o.X), Y: number(o.Y),
		}
	}
	return gocsv.Marshal(rows, w)
}

type linkRow struct {
	Partnership string `csv:"partnership"`
	OrgA        string `csv:"org_a"`
	OrgB        string `csv:"org_b"`
	Wave        string `csv:"wave"`
	Health      string `csv:"health"`
	Weight      string `csv:"weight"`
	Band        string `csv:"band"`
	Bridge      string `csv:"bridge"`
	OneContact  string `csv:"one_contact"`
	Kind        string `csv:"kind"`
}

// WriteNetworkLinksCSV writes network_links.csv: one row per partnership and pair of
// its member organisations: the partnership's health, weight (health on 0–1) and band
// in its latest published wave (empty when never published), whether it is a bridge
// (the only link between two parts of the map), whether it hangs on one contact (the
// roster expects a single respondent from a member), and its kind from the roster.
func WriteNetworkLinksCSV(w io.Writer, m *analysis.StakeholderMap, cal survey.Calendar) error {
	rows := make([]linkRow, len(m.Links))
	for i, l := range m.Links {
		r := linkRow{
			Partnership: SafeText(l.Partnership), OrgA: SafeText(l.A), OrgB: SafeText(l.B),
			Bridge: strconv.FormatBool(l.Bridge), OneContact: strconv.FormatBool(l.OneContact), Kind: string(l.Kind),
		}
		if l.Reported {
			r.Wave, r.Health, r.Weight, r.Band = cal.Label(l.Wave), number(l.Health), number(l.Weight), string(l.Band)
		}
		rows[i] = r
	}
	return gocsv.Marshal(rows, w)
}

type rateRow struct {
	Partnership string `csv:"partnership"`
	Wave        string `csv:"wave"`
	Level       string `csv:"level"`
	Org         string `csv:"org"`
	Role        string `csv:"role"`
	Expected    string `csv:"expected"`
	Responses   string `csv:"responses"`
	Rate        string `csv:"rate"`
	Suppressed  string `csv:"suppressed"`
	Suppression string `csv:"suppression"`
	Warning     string `csv:"warning"`
}

// WriteResponseRatesCSV writes response_rates.csv: per roster partnership and wave,
// the whole partnership (level all), each member org and each role: respondents
// expected, responses and their rate (0–1, empty when nothing is expected); a count
// below k is empty and suppressed; warning under_represented or over_expected.
func WriteResponseRatesCSV(w io.Writer, rates []analysis.ResponseRate, cal survey.Calendar) error {
	return writeChunked(w, len(rates), func(i int) rateRow {
		r := rates[i]
		row := rateRow{
			Partnership: SafeText(r.Partnership), Wave: cal.Label(r.Wave), Level: string(r.Level),
			Org: SafeText(r.Org), Role: SafeText(r.Role), Expected: strconv.Itoa(r.Expected),
			Suppressed: strconv.FormatBool(r.Suppressed), Suppression: r.Suppression.String(), Warning: r.Warning,
		}
		if !r.Suppressed {
			row.Responses, row.Rate = strconv.Itoa(r.Responses), number(r.Rate)
		}
		return row
	})
}

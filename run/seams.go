package run

import (
	"bytes"
	"io"
	"log/slog"

	"renkei/analysis"
	"renkei/internal/outdir"
	"renkei/internal/sample"
	"renkei/reports"
	"renkei/survey"
)

// seams holds the tables the views of the partnerships' seams read besides the
// responses: the roster (nil without one) and the suggested actions.
type seams struct {
	roster      *survey.Roster
	rosterName  string
	actions     *survey.Actions
	actionsName string
}

// loadSeams reads RENKEI_ROSTER and RENKEI_ACTIONS. Without a roster, the built-in
// sample run uses the sample's roster; a run on the user's files has none.
func loadSeams(opts Options) (seams, error) {
	s := seams{actions: survey.BuiltinActions(), actionsName: "built-in"}
	switch {
	case opts.Roster != "":
		ro, err := readTableFile(opts.Roster, survey.ReadRoster)
		if err != nil {
			return s, err
		}
		s.roster, s.rosterName = ro, opts.Roster
	case len(opts.Inputs) == 0:
		f := sample.Roster()
		ro, err := survey.ReadRoster(bytes.NewReader(f.Data), f.Path)
		if err != nil {
			return s, err
		}
		s.roster, s.rosterName = ro, "built-in sample"
	}
	if opts.Actions != "" {
		a, err := readTableFile(opts.Actions, survey.ReadActions)
		if err != nil {
			return s, err
		}
		s.actions, s.actionsName = a, opts.Actions
	}
	return s, nil
}

// readTableFile opens path and reads it with read.
func readTableFile[T any](path string, read func(io.Reader, string) (*T, error)) (*T, error) {
	f, err := openInput(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return read(f, path)
}

// addRelations computes the views of the partnerships' seams: gaps between views, the
// stakeholder map, response rates against the roster and suggested actions.
// The response rates come as the disclosure control left them (disclose).
func addRelations(run *reports.Run, opts Options, rel *analysis.RelationAggregator, s seams, rates []analysis.ResponseRate) {
	opt := opts.Gaps
	seams := rel.Seams(run.Result, analysis.SeamOptions{Gaps: opt, Roster: s.roster, Actions: s.actions, Lang: opts.Lang, Rates: rates})
	run.Relations = &reports.Relations{
		GapOptions:  opt,
		Gaps:        seams.Gaps,
		Flagged:     seams.Flagged,
		Map:         seams.Map,
		Roster:      s.rosterName,
		Rates:       seams.Rates,
		Lang:        opts.Lang,
		Actions:     s.actionsName,
		Suggestions: seams.Suggestions,
	}
}

// relationFiles are the CSV outputs of the seams' views.
func relationFiles(run *reports.Run) []outdir.File {
	rel := run.Relations
	files := []outdir.File{
		{Name: "gaps.csv", Write: func(w io.Writer) error {
			err := reports.WriteGapsCSV(w, rel.Gaps, run.Calendar)
			rel.Gaps = nil // nothing else reads every gap: let a large run's table go
			return err
		}},
		{Name: "network.csv", Write: func(w io.Writer) error { return reports.WriteNetworkCSV(w, rel.Map) }},
		{Name: "network_links.csv", Write: func(w io.Writer) error { return reports.WriteNetworkLinksCSV(w, rel.Map, run.Calendar) }},
	}
	if rel.Roster != "" {
		files = append(files, outdir.File{Name: "response_rates.csv", Write: func(w io.Writer) error {
			return reports.WriteResponseRatesCSV(w, rel.Rates, run.Calendar)
		}})
	}
	return files
}

// logRelations logs what the seams' views found that a reader should look at.
func logRelations(log *slog.Logger, run *reports.Run) {
	rel := run.Relations
	if rel == nil {
		return
	}
	flagged := map[analysis.Flag]map[string]bool{}
	for _, g := range rel.Flagged {
		if g.Flag != "" {
			if flagged[g.Flag] == nil {
				flagged[g.Flag] = map[string]bool{}
			}
			flagged[g.Flag][g.Partnership] = true
		}
	}
	for _, f := range []analysis.Flag{analysis.FlagAsymmetric, analysis.FlagPerceptionGap, analysis.FlagLayerGap} {
		if len(flagged[f]) > 0 {
			log.Warn("partners see the partnership differently", "flag", f, "partnerships", len(flagged[f]))
		}
	}
	for _, o := range rel.Map.Orgs {
		if o.Articulation {
			log.Info("single point of failure", "org", o.Org, "cut_off", o.CutOff)
		}
	}
	warned := map[string]bool{}
	for _, r := range rel.Rates {
		if r.Warning == analysis.WarnUnderRepresented {
			warned[r.Partnership] = true
		}
	}
	if len(warned) > 0 {
		log.Warn("a side of a partnership is under-represented in its latest wave; see response_rates.csv", "partnerships", len(warned))
	}
}

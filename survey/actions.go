package survey

import (
	"bytes"
	_ "embed"
	"errors"
	"fmt"
	"io"
	"strings"
)

// Action is one suggested practice for a weak dimension.
type Action struct {
	Dimension string // a dimension id of the codebook
	Band      string // concern or borderline; empty for both
	Lang      string // en or ja
	Text      string
}

// Actions is a table of suggested practices, in file order.
type Actions struct {
	Rows []Action
}

// Action bands: the two bands that call for action.
const (
	ActionBandConcern    = "concern"
	ActionBandBorderline = "borderline"
)

// For returns the practices suggested for dimension in band, in lang: the rows for
// that band and those for both bands, in file order. When the table has none in lang
// for this dimension, the English ones are returned, so that a table written in one
// language still serves a run in the other.
func (a *Actions) For(dimension, band, lang string) []string {
	if a == nil {
		return nil
	}
	pick := func(lang string) []string {
		var out []string
		for _, r := range a.Rows {
			if r.Dimension == dimension && r.Lang == lang && (r.Band == "" || r.Band == band) {
				out = append(out, r.Text)
			}
		}
		return out
	}
	if out := pick(lang); len(out) > 0 || lang == "en" {
		return out
	}
	return pick("en")
}

//go:embed builtin_actions.csv
var builtinActionsCSV []byte

// BuiltinActions returns the built-in practices, in English and Japanese, for the
// built-in instrument's four dimensions: two for a borderline dimension, three for a
// concern. They follow the practice literature on inter-agency collaboration: contact
// points that do not depend on one person, regular meetings at every layer, and shared
// information, values and judgement.
func BuiltinActions() *Actions {
	a, err := ReadActions(bytes.NewReader(builtinActionsCSV), "built-in actions")
	if err != nil {
		panic("survey: built-in actions are invalid: " + err.Error()) // a build defect, not user data
	}
	return a
}

// BuiltinActionsCSV returns the built-in practices in actions CSV form, a starting point
// for a custom table.
func BuiltinActionsCSV() []byte { return bytes.Clone(builtinActionsCSV) }

// ActionsHeader is the header of an actions CSV.
const ActionsHeader = "dimension,band,lang,action"

type actionRow struct {
	Dimension string `csv:"dimension"`
	Band      string `csv:"band"`
	Lang      string `csv:"lang"`
	Action    string `csv:"action"`
}

// actionsLimits bound an actions table: at most 10,000 practices (the built-in table
// has 44; 32 dimensions × 2 bands × 2 languages × 10 practices are 1,280), each of at
// most 4 KiB of text, with names (dimension, band, lang) of at most 1 KiB.
var actionsLimits = tableLimits{
	rows: 10_000, rowsWhat: "rows", rowsHint: "a table of suggested practices lists a few for each dimension",
	cell: maxNameBytes, cells: map[string]int{"action": maxTextBytes},
}

// ReadActions reads an actions CSV with header dimension,band,lang,action: one row per
// practice; band is concern, borderline or empty (both), lang en or ja. name is used in
// error messages.
func ReadActions(r io.Reader, name string) (*Actions, error) {
	rows, lines, err := readTable[actionRow](r, name, "actions table", ActionsHeader, strings.Split(ActionsHeader, ","), actionsLimits)
	if err != nil {
		return nil, err
	}
	if len(rows) == 0 {
		return nil, &FileError{File: name, Err: errors.New("the actions table has a header but no rows")}
	}
	a := &Actions{}
	for i, row := range rows {
		fail := func(format string, args ...any) error {
			return &FileError{File: name, Line: lines[i], Err: fmt.Errorf(format, args...)}
		}
		act := Action{
			Dimension: strings.TrimSpace(row.Dimension),
			Band:      strings.ToLower(strings.TrimSpace(row.Band)),
			Lang:      strings.ToLower(strings.TrimSpace(row.Lang)),
			Text:      strings.TrimSpace(row.Action),
		}
		switch {
		case act.Dimension == "":
			return nil, fail("the dimension is empty")
		case act.Band != "" && act.Band != ActionBandConcern && act.Band != ActionBandBorderline:
			return nil, fail("band must be concern, borderline or empty (both), got %q", row.Band)
		case act.Lang != "en" && act.Lang != "ja":
			return nil, fail("lang must be en or ja, got %q", row.Lang)
		case act.Text == "":
			return nil, fail("the action is empty")
		}
		a.Rows = append(a.Rows, act)
	}
	return a, nil
}

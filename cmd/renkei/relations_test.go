package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

// runSample runs the built-in sample with args and returns the output folder.
func runSample(t *testing.T, args ...string) string {
	t.Helper()
	clearEnv(t)
	out := filepath.Join(t.TempDir(), "out")
	if r := mustRun(t, append([]string{"run", "--out", out}, args...)...); r.code != exitOK {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	return out
}

// TestSampleSeams checks the sample's story at the seams: midori-npo's two orgs see the
// partnership differently (asymmetric, with its gap and CI), no other partnership is
// flagged; the Central Community Support Center is the single point of failure that
// cuts off most; nishi-housing's city office is under-represented.
func TestSampleSeams(t *testing.T) {
	skipShort(t)
	out := runSample(t)
	flagged := map[string]bool{}
	for _, row := range csvRows(t, filepath.Join(out, "gaps.csv")) {
		if row["flag"] == "" {
			continue
		}
		flagged[row["partnership"]+" "+row["flag"]] = true
		gap, _ := strconv.ParseFloat(row["gap"], 64)
		lo, _ := strconv.ParseFloat(row["gap_ci_low"], 64)
		hi, _ := strconv.ParseFloat(row["gap_ci_high"], 64)
		if row["kind"] != "directed" || !(lo <= gap && gap <= hi) || !(hi < 0 || lo > 0) || gap > -0.5 && gap < 0.5 {
			t.Errorf("flagged row %v: want a directed gap of at least 0.5 whose CI excludes 0", row)
		}
	}
	if len(flagged) != 1 || !flagged["midori-npo asymmetric"] {
		t.Errorf("flagged %v, want midori-npo asymmetric only", flagged)
	}

	var hub map[string]string
	for _, row := range csvRows(t, filepath.Join(out, "network.csv")) {
		if row["org"] == "Central Community Support Center" {
			hub = row
		}
	}
	if hub == nil || hub["articulation"] != "true" || hub["cut_off"] != "8" || hub["degree"] != "8" {
		t.Errorf("the hub: %v, want an articulation point of degree 8 cutting off 8 orgs", hub)
	}
	var s struct {
		Flags map[string][]string `json:"flags"`
		Gaps  struct {
			Flagged []struct{ Partnership, Kind, Flag string } `json:"flagged"`
		} `json:"gaps"`
		Network struct {
			SinglePointsOfFailure []struct {
				Org    string `json:"org"`
				CutOff int    `json:"cut_off"`
			} `json:"single_points_of_failure"`
		} `json:"network"`
		ResponseRates struct {
			Warnings []struct {
				Partnership, Org, Warning string
			} `json:"warnings"`
		} `json:"response_rates"`
	}
	if err := json.Unmarshal(readFile(t, filepath.Join(out, "summary.json")), &s); err != nil {
		t.Fatal(err)
	}
	// summary.json: the same gaps, and flags per gap flag without another definition.
	for f, want := range map[string][]string{"asymmetric": {"midori-npo"}, "perception_gap": {}, "layer_gap": {}} {
		if got, ok := s.Flags[f]; !ok || !slices.Equal(got, want) {
			t.Errorf("summary.json flags.%s = %v, want %v", f, got, want)
		}
	}
	if len(s.Gaps.Flagged) != 5 {
		t.Errorf("summary.json lists %d flagged gaps, want midori-npo's 4 dimensions and health", len(s.Gaps.Flagged))
	}
	for _, g := range s.Gaps.Flagged {
		if g.Partnership != "midori-npo" || g.Kind != "directed" || g.Flag != "asymmetric" {
			t.Errorf("summary.json flags gap %+v, want midori-npo's directed gaps only", g)
		}
	}
	if spf := s.Network.SinglePointsOfFailure; len(spf) == 0 || spf[0].Org != "Central Community Support Center" {
		t.Errorf("single points of failure %+v, want the hub first", spf)
	}
	if w := s.ResponseRates.Warnings; len(w) != 1 || w[0].Partnership != "nishi-housing" || w[0].Org != "Nishi City Office Welfare Division" || w[0].Warning != "under_represented" {
		t.Errorf("response-rate warnings %+v, want the city office under-represented in nishi-housing", w)
	}
	roles := 0
	for _, row := range csvRows(t, filepath.Join(out, "response_rates.csv")) {
		if row["level"] == "role" && row["partnership"] == "kita-hospital" && row["wave"] == "2026Q4" {
			roles++
		}
	}
	if roles != 3 {
		t.Errorf("kita-hospital has %d role rates in 2026Q4, want top, middle and frontline", roles)
	}
}

// TestSuggestedActions: every dimension of a partnership in the concern or borderline
// band in its latest reported wave (scores.csv) gets its practices in summary.json,
// in the run's language.
func TestSuggestedActions(t *testing.T) {
	skipShort(t)
	for _, lang := range []string{"en", "ja"} {
		t.Run(lang, func(t *testing.T) {
			out := runSample(t, "--lang", lang)
			latest := map[string]string{}
			rows := csvRows(t, filepath.Join(out, "scores.csv"))
			for _, row := range rows {
				if row["breakdown"] == "all" && row["suppressed"] == "false" && row["dimension"] != "health" {
					latest[row["partnership"]] = row["wave"] // rows are in wave order
				}
			}
			weak := map[string]string{}
			for _, row := range rows {
				if row["breakdown"] == "all" && row["dimension"] != "health" && row["wave"] == latest[row["partnership"]] && (row["band"] == "concern" || row["band"] == "borderline") {
					weak[row["partnership"]+" "+row["dimension"]] = row["band"]
				}
			}
			var s struct {
				Actions struct {
					Lang        string `json:"lang"`
					Suggestions []struct {
						Partnership, Dimension, Band string
						Actions                      []string
					} `json:"suggestions"`
				} `json:"actions"`
			}
			if err := json.Unmarshal(readFile(t, filepath.Join(out, "summary.json")), &s); err != nil {
				t.Fatal(err)
			}
			if s.Actions.Lang != lang || len(s.Actions.Suggestions) != len(weak) || len(weak) == 0 {
				t.Fatalf("lang %q, %d suggestions; want %q and %d", s.Actions.Lang, len(s.Actions.Suggestions), lang, len(weak))
			}
			for _, sg := range s.Actions.Suggestions {
				want := 2
				if sg.Band == "concern" {
					want = 3
				}
				if weak[sg.Partnership+" "+sg.Dimension] != sg.Band || len(sg.Actions) != want {
					t.Errorf("%+v: want band %q and %d actions", sg, weak[sg.Partnership+" "+sg.Dimension], want)
				}
				for _, a := range sg.Actions {
					if japanese := !isASCII(a); japanese != (lang == "ja") {
						t.Errorf("action %q is not in %s", a, lang)
					}
				}
			}
		})
	}
}

func isASCII(s string) bool { return utf8.RuneCountInString(s) == len(s) }

func TestCustomActionsAndRoster(t *testing.T) {
	skipShort(t)
	dir := t.TempDir()
	actions := filepath.Join(dir, "actions.csv")
	roster := filepath.Join(dir, "roster.csv")
	if err := os.WriteFile(actions, []byte("dimension,band,lang,action\ntrust,,en,Meet for lunch.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(roster, []byte("partnership,org,expected\nkita-hospital,Kita General Hospital,12\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	input := filepath.Join(repoRoot, "internal", "sample", "sample", "responses.csv")
	t.Run("ActionsReplaceBuiltIn", func(t *testing.T) {
		out := runSample(t, "--actions", actions)
		data := string(readFile(t, filepath.Join(out, "summary.json")))
		if !strings.Contains(data, `"source": "`+actions) || !strings.Contains(data, "Meet for lunch.") || strings.Contains(data, "case conference") {
			t.Error("summary.json does not list the custom actions only")
		}
	})
	t.Run("NoRosterNoRates", func(t *testing.T) {
		out := runSample(t, "--input", input)
		if _, err := os.Stat(filepath.Join(out, "response_rates.csv")); !os.IsNotExist(err) {
			t.Errorf("a run on the user's files without a roster wrote response_rates.csv (%v)", err)
		}
	})
	t.Run("RosterGiven", func(t *testing.T) {
		out := runSample(t, "--input", input, "--roster", roster)
		rows := csvRows(t, filepath.Join(out, "response_rates.csv"))
		if len(rows) != 16 || rows[0]["partnership"] != "kita-hospital" || rows[0]["expected"] != "12" {
			t.Errorf("%d rows, first %v; want kita-hospital's whole and org rows in 8 waves", len(rows), rows[0])
		}
	})
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"ErrRosterMissing", []string{"--roster", filepath.Join(dir, "none.csv")}, "no such file"},
		{"ErrRosterBad", []string{"--roster", actions}, "actions.csv:1: the header lacks partnership, org, expected; a roster header"},
		{"ErrActionsBad", []string{"--actions", roster}, ":1: the header lacks dimension"},
		{"ErrGapMin", []string{"--gap-min", "5"}, "RENKEI_GAP_MIN (--gap-min) must lie between 0 and 4"},
		{"ErrGapAdjust", []string{"--gap-adjust", "sidak"}, `RENKEI_GAP_ADJUST (--gap-adjust): unknown adjustment "sidak"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			clearEnv(t)
			out := filepath.Join(t.TempDir(), "out")
			r := mustRun(t, append([]string{"run", "--out", out}, tc.args...)...)
			if r.code != exitUsage || !strings.Contains(r.stderr, tc.want) {
				t.Errorf("exit %d, want %d; stderr lacks %q:\n%s", r.code, exitUsage, tc.want, r.stderr)
			}
			if _, err := os.Stat(out); !os.IsNotExist(err) {
				t.Error("an output folder was written")
			}
		})
	}
}

// TestNoHiddenDirectionRecoverable recomputes, from the published scores.csv and
// gaps.csv, every subtraction of directed views from their org and from the pool of
// unpublished orgs, and every subtraction of org counts from the whole in
// response_rates.csv: none may leave 1 to k−1 respondents.
func TestNoHiddenDirectionRecoverable(t *testing.T) {
	skipShort(t)
	for _, k := range []int{3, 5, 10} {
		t.Run("k"+strconv.Itoa(k), func(t *testing.T) {
			out := runSample(t, "--min-group", strconv.Itoa(k))
			type cell struct{ p, w, d string }
			whole := map[cell]int{}
			orgs := map[cell]map[string]int{}
			for _, row := range csvRows(t, filepath.Join(out, "scores.csv")) {
				n, err := strconv.Atoi(row["n"])
				if err != nil {
					continue // suppressed
				}
				c := cell{row["partnership"], row["wave"], row["dimension"]}
				switch row["breakdown"] {
				case "all":
					whole[c] = n
				case "org":
					if orgs[c] == nil {
						orgs[c] = map[string]int{}
					}
					orgs[c][row["group"]] = n
				}
			}
			directions := map[cell]map[[2]string]int{}
			shown := 0
			for _, row := range csvRows(t, filepath.Join(out, "gaps.csv")) {
				if row["kind"] != "directed" {
					continue
				}
				c := cell{row["partnership"], row["wave"], row["dimension"]}
				for _, side := range []string{"a", "b"} {
					if n, err := strconv.Atoi(row["n_"+side]); err == nil {
						if directions[c] == nil {
							directions[c] = map[[2]string]int{}
						}
						directions[c][[2]string{row["group_"+side], row["partner_"+side]}] = n
						shown++
					}
				}
			}
			if shown == 0 {
				t.Fatal("no directed view is shown: the check would prove nothing")
			}
			for c, dirs := range directions {
				pool := whole[c]
				for _, n := range orgs[c] {
					pool -= n
				}
				rest := map[string]int{}
				for org, n := range orgs[c] {
					rest[org] = n
				}
				for d, n := range dirs {
					if _, ok := orgs[c][d[0]]; ok {
						rest[d[0]] -= n
					} else {
						pool -= n
					}
				}
				rest["(pool of unpublished orgs)"] = pool
				for org, r := range rest {
					if r > 0 && r < k {
						t.Errorf("%v %s: subtracting the directed views leaves %d respondents (k = %d)", c, org, r, k)
					}
				}
			}
			type pw struct{ p, w, level string }
			wholeRate, members := map[pw]int{}, map[pw]int{}
			for _, row := range csvRows(t, filepath.Join(out, "response_rates.csv")) {
				n, err := strconv.Atoi(row["responses"])
				if err != nil {
					continue
				}
				if row["level"] == "all" {
					wholeRate[pw{row["partnership"], row["wave"], "org"}] = n
					wholeRate[pw{row["partnership"], row["wave"], "role"}] = n
				} else {
					members[pw{row["partnership"], row["wave"], row["level"]}] += n
				}
			}
			for key, n := range members {
				if rest := wholeRate[key] - n; rest > 0 && rest < k {
					t.Errorf("%v: the whole minus the shown counts leaves %d responses (k = %d)", key, rest, k)
				}
			}
		})
	}
}

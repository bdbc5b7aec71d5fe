package survey

import (
	"errors"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
)

// Kind says at which level a partnership is carried.
type Kind string

// Kinds of partnership: between named people (連携, it may end when they leave) or
// between agencies (協働, carried by the organisations).
const (
	KindUnknown Kind = ""
	KindPerson  Kind = "person"
	KindAgency  Kind = "agency"
)

// ParseKind reads a kind: person, person-level, individual, 個人; agency,
// agency-level, organisation, organization, 組織, 機関; empty is unknown.
func ParseKind(s string) (Kind, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "":
		return KindUnknown, nil
	case "person", "person-level", "person level", "individual", "個人", "個人レベル":
		return KindPerson, nil
	case "agency", "agency-level", "agency level", "organisation", "organization", "組織", "機関", "組織レベル":
		return KindAgency, nil
	}
	return KindUnknown, fmt.Errorf("unknown kind %q; use person (person-level) or agency (agency-level)", s)
}

// RosterMember is one member organisation of a partnership, or one role of it, and the
// respondents expected from it in each wave.
type RosterMember struct {
	Org      string
	Role     string // empty: the row counts the whole org
	Expected int
}

// RosterPartnership is one partnership of a roster.
type RosterPartnership struct {
	ID      string
	Name    string // display name; empty when the roster gives none
	Kind    Kind
	Members []RosterMember // by org, then role
}

// Expected returns the respondents expected from the whole partnership.
func (p *RosterPartnership) Expected() int {
	n := 0
	for _, m := range p.Members {
		n += m.Expected
	}
	return n
}

// Orgs returns the member organisations, sorted.
func (p *RosterPartnership) Orgs() []string {
	var orgs []string
	for _, m := range p.Members {
		if len(orgs) == 0 || orgs[len(orgs)-1] != m.Org {
			orgs = append(orgs, m.Org)
		}
	}
	return orgs
}

// Roster lists the partnerships a survey expects answers from, their member
// organisations and how many respondents each should give per wave.
type Roster struct {
	Partnerships []RosterPartnership // sorted by ID
}

// Partnership returns the partnership id, or nil.
func (r *Roster) Partnership(id string) *RosterPartnership {
	if r == nil {
		return nil
	}
	i := sort.Search(len(r.Partnerships), func(i int) bool { return r.Partnerships[i].ID >= id })
	if i < len(r.Partnerships) && r.Partnerships[i].ID == id {
		return &r.Partnerships[i]
	}
	return nil
}

// RosterHeader is the header of a roster CSV; partnership, org and expected are
// required.
const RosterHeader = "partnership,name,org,kind,role,expected"

type rosterRow struct {
	Partnership string `csv:"partnership"`
	Name        string `csv:"name"`
	Org         string `csv:"org"`
	Kind        string `csv:"kind"`
	Role        string `csv:"role"`
	Expected    string `csv:"expected"`
}

// maxExpected bounds one row's expected respondents, so that sums cannot overflow.
const maxExpected = 1_000_000

// rosterLimits bound a roster: at most 250,000 rows (a national survey's 50,000
// partnerships of five member rows each; reading one takes about 2 KiB of memory, so
// the most is some 500 MB), and names (partnership, display name, org, role, kind,
// expected) of at most 1 KiB.
var rosterLimits = tableLimits{
	rows: 250_000, rowsWhat: "rows", rowsHint: "split the survey into several runs",
	cell: maxNameBytes,
}

// ReadRoster reads a roster CSV with header partnership,name,org,kind,role,expected:
// one row per partnership and member organisation, or per partnership, member
// organisation and role, with the respondents expected from it in each wave. name
// (the partnership's display name) and kind (person or agency) may be given on any of
// a partnership's rows but must not contradict each other; role and name and kind are
// optional columns. An organisation is listed either as a whole (empty role) or role
// by role, not both. name is used in error messages.
func ReadRoster(r io.Reader, name string) (*Roster, error) {
	rows, lines, err := readTable[rosterRow](r, name, "roster", RosterHeader, []string{"partnership", "org", "expected"}, rosterLimits)
	if err != nil {
		return nil, err
	}
	if len(rows) == 0 {
		return nil, &FileError{File: name, Err: errors.New("the roster has a header but no rows")}
	}
	type memberKey struct{ p, org, role string }
	type partnershipInfo struct {
		p                  *RosterPartnership
		nameLine, kindLine int
	}
	byID := map[string]*partnershipInfo{}
	seen := map[memberKey]int{}
	type listing struct {
		whole bool // the org's row has no role
		line  int
	}
	listed := map[[2]string]listing{}
	var ids []string
	for i, row := range rows {
		line := lines[i]
		fail := func(format string, args ...any) error {
			return &FileError{File: name, Line: line, Err: fmt.Errorf(format, args...)}
		}
		id, org, role := strings.TrimSpace(row.Partnership), strings.TrimSpace(row.Org), strings.TrimSpace(row.Role)
		display := strings.TrimSpace(row.Name)
		if id == "" {
			return nil, fail("the partnership is empty")
		}
		if org == "" {
			return nil, fail("the org is empty; list one row per member organisation")
		}
		kind, err := ParseKind(row.Kind)
		if err != nil {
			return nil, fail("%v", err)
		}
		expected, err := strconv.Atoi(strings.TrimSpace(row.Expected))
		if err != nil || expected < 0 || expected > maxExpected {
			return nil, fail("expected must be a whole number of respondents from 0 to %d, got %q", maxExpected, row.Expected)
		}
		if prev, ok := seen[memberKey{id, org, role}]; ok {
			return nil, fail("%s, %s%s is listed twice (first on line %d)", id, org, roleSuffix(role), prev)
		}
		seen[memberKey{id, org, role}] = line
		if prev, ok := listed[[2]string{id, org}]; ok && prev.whole != (role == "") {
			return nil, fail("%s lists %s both as a whole (empty role) and role by role (line %d); use one or the other", id, org, prev.line)
		}
		listed[[2]string{id, org}] = listing{whole: role == "", line: line}
		info, ok := byID[id]
		if !ok {
			info = &partnershipInfo{p: &RosterPartnership{ID: id}}
			byID[id] = info
			ids = append(ids, id)
		}
		p := info.p
		if display != "" {
			if p.Name != "" && p.Name != display {
				return nil, fail("%s is named %q here but %q on line %d", id, display, p.Name, info.nameLine)
			}
			p.Name, info.nameLine = display, line
		}
		if kind != KindUnknown {
			if p.Kind != KindUnknown && p.Kind != kind {
				return nil, fail("%s is %s-level here but %s-level on line %d", id, kind, p.Kind, info.kindLine)
			}
			p.Kind, info.kindLine = kind, line
		}
		p.Members = append(p.Members, RosterMember{Org: org, Role: role, Expected: expected})
	}
	sort.Strings(ids)
	ro := &Roster{}
	for _, id := range ids {
		p := byID[id].p
		sort.Slice(p.Members, func(i, j int) bool {
			if p.Members[i].Org != p.Members[j].Org {
				return p.Members[i].Org < p.Members[j].Org
			}
			return p.Members[i].Role < p.Members[j].Role
		})
		ro.Partnerships = append(ro.Partnerships, *p)
	}
	return ro, nil
}

func roleSuffix(role string) string {
	if role == "" {
		return ""
	}
	return " (" + role + ")"
}

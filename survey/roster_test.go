package survey

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

func TestReadRoster(t *testing.T) {
	text := RosterHeader + "\n" +
		"p2,Second,B,agency,,4\n" +
		"p1,First,Org A,person,top,1\n" +
		"p1,,Org A,,frontline,3\n" +
		"p1,First,Org B,Person-level,,5\n"
	ro, err := ReadRoster(strings.NewReader(text), "roster.csv")
	if err != nil {
		t.Fatal(err)
	}
	want := &Roster{Partnerships: []RosterPartnership{
		{ID: "p1", Name: "First", Kind: KindPerson, Members: []RosterMember{
			{Org: "Org A", Role: "frontline", Expected: 3}, {Org: "Org A", Role: "top", Expected: 1}, {Org: "Org B", Expected: 5},
		}},
		{ID: "p2", Name: "Second", Kind: KindAgency, Members: []RosterMember{{Org: "B", Expected: 4}}},
	}}
	if !reflect.DeepEqual(ro, want) {
		t.Fatalf("got %+v\nwant %+v", ro, want)
	}
	p := ro.Partnership("p1")
	if p == nil || p.Expected() != 9 || !reflect.DeepEqual(p.Orgs(), []string{"Org A", "Org B"}) {
		t.Errorf("p1: %+v, expected %d", p, p.Expected())
	}
	if ro.Partnership("p3") != nil {
		t.Error("an unknown partnership was found")
	}
}

func TestReadRosterOptionalColumns(t *testing.T) {
	ro, err := ReadRoster(strings.NewReader("\xEF\xBB\xBFexpected,org,partnership\n3,A,p\n"), "r.csv")
	if err != nil {
		t.Fatal(err)
	}
	if got := ro.Partnerships[0]; got.Kind != KindUnknown || got.Name != "" || got.Members[0].Expected != 3 {
		t.Errorf("got %+v", got)
	}
}

func TestReadRosterErrors(t *testing.T) {
	for _, tc := range []struct {
		name, text, want string
		line             int
	}{
		{"ErrEmpty", "", "is empty", 0},
		{"ErrNoRows", RosterHeader + "\n", "no rows", 0},
		{"ErrMissingColumns", "partnership,name\np,x\n", "lacks org, expected", 1},
		{"ErrDuplicateColumn", "partnership,org,expected,org\np,a,1,b\n", "names org twice", 1},
		{"ErrEmptyPartnership", RosterHeader + "\n,n,A,,,3\n", "partnership is empty", 2},
		{"ErrEmptyOrg", RosterHeader + "\np,n,,,,3\n", "org is empty", 2},
		{"ErrBadExpected", RosterHeader + "\np,n,A,,,three\n", "whole number", 2},
		{"ErrNegativeExpected", RosterHeader + "\np,n,A,,,-1\n", "whole number", 2},
		{"ErrBadKind", RosterHeader + "\np,n,A,team,,3\n", "unknown kind", 2},
		{"ErrTwice", RosterHeader + "\np,n,A,,top,3\np,n,A,,top,4\n", "listed twice (first on line 2)", 3},
		{"ErrWholeAndRoles", RosterHeader + "\np,n,A,,,3\np,n,A,,top,4\n", "both as a whole", 3},
		{"ErrNameConflict", RosterHeader + "\np,One,A,,,3\np,Two,B,,,4\n", "named \"Two\" here but \"One\" on line 2", 3},
		{"ErrKindConflict", RosterHeader + "\np,,A,person,,3\np,,B,agency,,4\n", "agency-level here but person-level on line 2", 3},
		{"ErrBrokenQuote", RosterHeader + "\np,\"n,A,,,3\n", "not a readable CSV", 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ReadRoster(strings.NewReader(tc.text), "roster.csv")
			var fe *FileError
			if !errors.As(err, &fe) {
				t.Fatalf("error %v, want a *FileError", err)
			}
			if !strings.Contains(err.Error(), tc.want) || fe.Line != tc.line || fe.File != "roster.csv" {
				t.Errorf("error %q (line %d), want it to contain %q on line %d", err, fe.Line, tc.want, tc.line)
			}
		})
	}
}

func TestParseKind(t *testing.T) {
	for in, want := range map[string]Kind{"": KindUnknown, "Person": KindPerson, "個人": KindPerson, " agency-level ": KindAgency, "組織": KindAgency} {
		if got, err := ParseKind(in); err != nil || got != want {
			t.Errorf("ParseKind(%q) = %q, %v, want %q", in, got, err, want)
		}
	}
}

package survey

import (
	"errors"
	"fmt"
	"io"
	"math"
	"strings"
	"testing"
)

const qualityCodebook = `item,dimension,reverse,min,max,text_en,text_ja,header
a1,alpha,false,1,5,,,
a2,alpha,false,1,5,,,
a3,alpha,true,1,5,,,
b1,beta,false,1,5,,,
b2,beta,false,1,5,,,
`

const qualityHeader = "respondent,partnership,wave,phase,submitted_at,a1,a2,a3,b1,b2\n"

// readAll reads files (name, body without header) through one checker and returns the
// problems of every file and the checker.
func readQuality(tb testing.TB, files ...[2]string) ([]Problem, *QualityChecker) {
	tb.Helper()
	cb, err := ReadCodebook(strings.NewReader(qualityCodebook), "codebook")
	if err != nil {
		tb.Fatal(err)
	}
	qc := NewQualityChecker(cb)
	var problems []Problem
	for _, f := range files {
		rd, err := NewReader(strings.NewReader(qualityHeader+f[1]), f[0], cb, ReadOptions{Calendar: Calendar{FiscalStart: 1}, Quality: qc})
		if err != nil {
			tb.Fatal(err)
		}
		for {
			_, err := rd.Read()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				tb.Fatal(err)
			}
		}
		problems = append(problems, rd.Problems()...)
	}
	return problems, qc
}

// found lists the problems as "file:line code".
func found(problems []Problem) []string {
	var out []string
	for _, p := range problems {
		out = append(out, fmt.Sprintf("%s:%d %s", p.File, p.Line, p.Code))
	}
	return out
}

// TestQualityDetectors: each detector finds the rows it is for, on the line they are
// on, and leaves alone the rows that only look similar.
func TestQualityDetectors(t *testing.T) {
	cases := []struct {
		name  string
		files [][2]string
		want  []string
	}{
		{name: "StraightLinerFound", files: [][2]string{{"f.csv",
			"r1,p,2026Q1,,,5,5,5,5,5\n"}}, want: []string{"f.csv:2 straight_lining"}},
		{name: "StraightLinerWithOneBlankFound", files: [][2]string{{"f.csv",
			"r1,p,2026Q1,,,3,3,,3,3\n"}}, want: []string{"f.csv:2 straight_lining"}},
		{name: "VariedAnswersNotStraightLining", files: [][2]string{{"f.csv",
			"r1,p,2026Q1,,,5,5,1,5,5\n"}}},
		{name: "TwoAnswersNotStraightLining", files: [][2]string{{"f.csv",
			"r1,p,2026Q1,,,4,4,,,\n"}}, want: []string{"f.csv:2 too_few_answers"}},
		{name: "SameRespondentWaveDuplicate", files: [][2]string{{"f.csv",
			"r1,p,2026Q1,,,4,3,2,4,3\nr2,p,2026Q1,,,4,3,2,4,3\nr1,p,2026Q1,,,2,3,2,4,3\n"}}, want: []string{"f.csv:4 duplicate"}},
		{name: "SameRespondentOtherWaveNotDuplicate", files: [][2]string{{"f.csv",
			"r1,p,2026Q1,,,4,3,2,4,3\nr1,p,2026Q2,,,4,3,2,4,3\n"}}},
		{name: "SameRespondentOtherPartnershipNotDuplicate", files: [][2]string{{"f.csv",
			"r1,p,2026Q1,,,4,3,2,4,3\nr1,q,2026Q1,,,4,3,2,4,3\n"}}},
		{name: "BeforeAndAfterInOneWaveNotDuplicate", files: [][2]string{{"f.csv",
			"r1,p,2026Q1,before,,4,3,2,4,3\nr1,p,2026Q1,after,,4,3,2,4,3\n"}}},
		{name: "IdenticalRowsWithoutRespondentDuplicate", files: [][2]string{{"f.csv",
			",p,2026Q1,,2026-01-05,4,3,2,4,3\n,p,2026Q1,,2026-01-06,4,3,2,4,3\n,p,2026Q1,,2026-01-05,4,3,2,4,3\n"}}, want: []string{"f.csv:4 duplicate"}},
		{name: "DuplicateAcrossFiles", files: [][2]string{{"a.csv", "r1,p,2026Q1,,,4,3,2,4,3\n"}, {"b.csv", "r1,p,2026-02-01,,,4,3,2,4,3\n"}},
			want: []string{"b.csv:2 duplicate"}},
		{name: "TooFewAnswersFound", files: [][2]string{{"f.csv",
			"r1,p,2026Q1,,,4,,,4,3\n"}}, want: []string{"f.csv:2 too_few_answers"}},
		{name: "HalfAnsweredScored", files: [][2]string{{"f.csv",
			"r1,p,2026Q1,,,4,3,,4,\n"}}},
		{name: "OutOfRangeAndUnreadableStillFound", files: [][2]string{{"f.csv",
			"r1,p,2026Q1,,,9,3,2,maybe,3\n"}}, want: []string{"f.csv:2 out_of_range", "f.csv:2 bad_answer"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			problems, _ := readQuality(t, tc.files...)
			if got := strings.Join(found(problems), "; "); got != strings.Join(tc.want, "; ") {
				t.Errorf("found %q, want %q\n%v", got, strings.Join(tc.want, "; "), problems)
			}
		})
	}
}

// TestQualityMessages: a message says what was found and where the original is.
func TestQualityMessages(t *testing.T) {
	problems, _ := readQuality(t, [2]string{"a.csv", "r1,p,2026Q1,,,5,5,5,5,5\n"}, [2]string{"b.csv", "r1,p,2026Q1,,,4,,,4,3\n"})
	want := []string{
		"straight-lining: all 5 answers are 5, the reverse-worded a3 included",
		"the same respondent already answered for this partnership, wave and phase on a.csv line 2",
		"too few answers to score alpha (1 of 3 answered, 2 needed)",
	}
	if len(problems) != len(want) {
		t.Fatalf("%d problems, want %d: %v", len(problems), len(want), problems)
	}
	for i, w := range want {
		if !strings.Contains(problems[i].Message, w) {
			t.Errorf("message %q lacks %q", problems[i].Message, w)
		}
	}
}

// TestQualityCounts: per partnership and wave, responses, missing answers, problems by
// code and flawed responses are counted; so are each item's missing answers.
func TestQualityCounts(t *testing.T) {
	_, qc := readQuality(t, [2]string{"f.csv", "" +
		"r1,p,2026Q1,,,5,5,5,5,5\n" + // straight-lining
		"r2,p,2026Q1,,,4,,2,4,3\n" + // one missing
		"r2,p,2026Q1,,,4,3,2,4,3\n" + // duplicate
		"r3,q,2026Q2,,,9,,,,\n" + // out of range, too few answers: one flawed response
		"r4,q,2026Q2,,,1,2,3,4,5\n"})
	s := qc.Summary()
	if len(s.Groups) != 2 {
		t.Fatalf("groups %+v, want p/2026Q1 and q/2026Q2", s.Groups)
	}
	p, q := s.Groups[0], s.Groups[1]
	if p.Partnership != "p" || p.Responses != 3 || p.Missing != 1 || p.Answers != 14 || p.Flagged != 2 ||
		p.ByCode[CodeStraightLining] != 1 || p.ByCode[CodeDuplicate] != 1 {
		t.Errorf("p: %+v", p)
	}
	if q.Partnership != "q" || q.Wave != (Wave{Year: 2026, Quarter: 2}) || q.Responses != 2 || q.Missing != 5 || q.Flagged != 1 ||
		q.ByCode[CodeOutOfRange] != 1 || q.ByCode[CodeTooFewAnswers] != 1 {
		t.Errorf("q: %+v", q)
	}
	if got := q.MissingRate(); got != 0.5 {
		t.Errorf("q missing rate %v, want 5 of 10", got)
	}
	if s.Total.Responses != 5 || s.Total.Flagged != 3 || s.Total.Missing != 6 {
		t.Errorf("total: %+v", s.Total)
	}
	wantItems := []ItemMissing{{"a1", 4, 1}, {"a2", 3, 2}, {"a3", 4, 1}, {"b1", 4, 1}, {"b2", 4, 1}}
	for i, w := range wantItems {
		if s.Items[i] != w {
			t.Errorf("item %d: %+v, want %+v", i, s.Items[i], w)
		}
	}
}

// TestDuplicatesSpill: with records spilled to the temporary file, and rows recorded
// out of order, every duplicate is found once, named after the first place of its key,
// within a file and across files.
func TestDuplicatesSpill(t *testing.T) {
	for _, limit := range []int{dupPartRecords, 3} {
		t.Run(fmt.Sprintf("PartLimit%d", limit), func(t *testing.T) {
			defer func(parts, stage int) { dupPartLimit, dupStageLimit = parts, stage }(dupPartLimit, dupStageLimit)
			dupPartLimit = limit
			if limit == 3 {
				dupStageLimit = 4 * 3 * dupRecordSize // written every four blocks, the rest at resolve
			}
			var d dupRecorder
			defer d.close()
			const keys, lines = 700, 3000
			// File 0: line l has key l % keys, recorded from the last line back.
			for l := lines; l >= 1; l-- {
				d.add(dupRecord{fp: fingerprint([]byte(fmt.Sprint(l % keys))), pos: uint64(l), pw: uint32(l % 7)})
			}
			if limit == 3 && (d.spill == nil || len(d.stage) == 0) {
				t.Fatalf("before resolving: spill file %v, %d bytes staged; want blocks both written and staged", d.spill != nil, len(d.stage))
			}
			got := map[uint64]uint64{}
			if err := d.resolve(0, func(r dupRecord, orig uint64) { got[r.pos] = orig }); err != nil {
				t.Fatal(err)
			}
			if len(got) != lines-keys {
				t.Fatalf("%d duplicates, want %d", len(got), lines-keys)
			}
			for pos, orig := range got {
				if want := pos % keys; want == 0 && orig != keys || want != 0 && orig != want {
					t.Fatalf("line %d named the original at %d", pos, orig)
				}
			}
			// File 1 repeats key 5 (first at line 5 of file 0) and has one new key twice.
			d.add(dupRecord{fp: fingerprint([]byte("5")), pos: 1<<32 | 2})
			d.add(dupRecord{fp: fingerprint([]byte("new")), pos: 1<<32 | 3})
			d.add(dupRecord{fp: fingerprint([]byte("new")), pos: 1<<32 | 9})
			got = map[uint64]uint64{}
			if err := d.resolve(1, func(r dupRecord, orig uint64) { got[r.pos] = orig }); err != nil {
				t.Fatal(err)
			}
			want := map[uint64]uint64{1<<32 | 2: 5, 1<<32 | 9: 1<<32 | 3}
			if fmt.Sprint(got) != fmt.Sprint(want) {
				t.Errorf("file 1 duplicates %v, want %v", got, want)
			}
		})
	}
}

// TestQualityNotesBounded: past maxQualityNotes problems of one code in a file, the
// rest are counted in one note on the last listed line, and still counted per group.
func TestQualityNotesBounded(t *testing.T) {
	var body strings.Builder
	rows := maxQualityNotes + 5
	for i := 0; i <= rows; i++ {
		body.WriteString("r1,p,2026Q1,,,4,3,2,4,3\n") // the first is the original
	}
	problems, qc := readQuality(t, [2]string{"f.csv", body.String()})
	if len(problems) != maxQualityNotes+1 {
		t.Fatalf("%d problems, want %d listed and one note", len(problems), maxQualityNotes)
	}
	note := problems[len(problems)-1]
	if note.Line != maxQualityNotes+2 || !strings.HasPrefix(note.Message, "5 more rows after this line have the problem duplicate") {
		t.Errorf("note %v", note)
	}
	if got := qc.Summary().Total.ByCode[CodeDuplicate]; got != rows {
		t.Errorf("duplicates counted %d, want %d", got, rows)
	}
}

func TestItemMissingRate(t *testing.T) {
	if got := (ItemMissing{Answered: 3, Missing: 1}).Rate(); got != 0.25 {
		t.Errorf("Rate = %g, want 0.25", got)
	}
	if got := (ItemMissing{}).Rate(); !math.IsNaN(got) {
		t.Errorf("Rate of an item without cells = %g, want NaN", got)
	}
}

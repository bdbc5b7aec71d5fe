package survey

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// itemColumns is the header of the built-in items, in codebook order. With
// "partnership,wave," before it, item j of the codebook is in column j+3.
const itemColumns = "comm1,comm2,comm3,comm4,trust1,trust2,trust3,trust4,role1,role2,role3,role4,goal1,goal2,goal3,goal4"

const basicHeader = "partnership,wave," + itemColumns + "\n"

// ans returns the 16 answer cells of a row of the built-in instrument: "3" each, except
// the items named in pairs of id, cell.
func ans(pairs ...string) string {
	ids := strings.Split(itemColumns, ",")
	cells := slices.Repeat([]string{"3"}, len(ids))
	for i := 0; i+1 < len(pairs); i += 2 {
		j := slices.Index(ids, pairs[i])
		if j < 0 {
			panic("ans: no item " + pairs[i])
		}
		cells[j] = pairs[i+1]
	}
	return strings.Join(cells, ",")
}

// answers spells the Answers of a built-in response: one digit per item, M for missing;
// spaces are ignored.
func answers(s string) []int8 {
	var a []int8
	for _, c := range strings.ReplaceAll(s, " ", "") {
		if c == 'M' {
			a = append(a, Missing)
		} else {
			a = append(a, int8(c-'0'))
		}
	}
	if len(a) != 16 {
		panic(fmt.Sprintf("answers(%q): %d answers, want 16", s, len(a)))
	}
	return a
}

const all3 = "3333 3333 3333 3333"

// readResult is everything one read of a responses file produced.
type readResult struct {
	responses     []Response
	problems      []Problem
	read, rejects int
	encoding      Encoding
}

// readAll reads a whole responses file with cb, copying every response, and returns the
// first error other than io.EOF.
func readAll(tb testing.TB, cb *Codebook, data []byte, opt ReadOptions) (readResult, error) {
	tb.Helper()
	rd, err := NewReader(bytes.NewReader(data), "responses.csv", cb, opt)
	if err != nil {
		return readResult{}, err
	}
	var res readResult
	for {
		r, err := rd.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return res, err
		}
		c := *r
		c.Answers = slices.Clone(r.Answers)
		res.responses = append(res.responses, c)
	}
	res.problems = rd.Problems()
	res.read, res.rejects = rd.Rows()
	res.encoding = rd.Encoding()
	return res, nil
}

// mustReadWith reads a responses file that must be readable.
func mustReadWith(tb testing.TB, cb *Codebook, data []byte, opt ReadOptions) readResult {
	tb.Helper()
	res, err := readAll(tb, cb, data, opt)
	if err != nil {
		tb.Fatalf("reading responses: %v", err)
	}
	for _, p := range res.problems {
		if p.File != "responses.csv" || p.Message == "" {
			tb.Errorf("problem %+v lacks its file or message", p)
		}
	}
	return res
}

// mustRead reads csvText with the built-in codebook and returns copies of its responses
// and its problems.
func mustRead(tb testing.TB, csvText string, opt ReadOptions) ([]Response, []Problem) {
	tb.Helper()
	res := mustReadWith(tb, BuiltinCodebook(), []byte(csvText), opt)
	return res.responses, res.problems
}

// readError reads a responses file that must fail and returns its *FileError.
func readError(tb testing.TB, cb *Codebook, data []byte, opt ReadOptions) *FileError {
	tb.Helper()
	res, err := readAll(tb, cb, data, opt)
	if err == nil {
		tb.Fatalf("read %d responses and no error, want a *FileError", len(res.responses))
	}
	var fe *FileError
	if !errors.As(err, &fe) {
		tb.Fatalf("error %T %v, want *FileError", err, err)
	}
	if fe.File != "responses.csv" {
		tb.Errorf("FileError.File = %q", fe.File)
	}
	return fe
}

// where is the part of a Problem that tests compare exactly.
type where struct {
	Line, Column int
	Severity     Severity
	Code         string
}

func wheres(ps []Problem) []where {
	w := make([]where, len(ps))
	for i, p := range ps {
		w[i] = where{p.Line, p.Column, p.Severity, p.Code}
	}
	return w
}

func checkProblems(tb testing.TB, got []Problem, want []where) {
	tb.Helper()
	if g := wheres(got); !reflect.DeepEqual(g, want) && (len(g) > 0 || len(want) > 0) {
		tb.Errorf("problems\n%v\nwant\n%v", got, want)
	}
}

func checkResponses(tb testing.TB, got, want []Response) {
	tb.Helper()
	if !reflect.DeepEqual(got, want) && (len(got) > 0 || len(want) > 0) {
		tb.Errorf("responses\n%+v\nwant\n%+v", got, want)
	}
}

func TestReaderAllFields(t *testing.T) {
	text := "partnership,wave,respondent,org,partner,role,phase,submitted_at," + itemColumns + "\n" +
		"City × Hospital,2026Q1,r01,City,Hospital,frontline,before,2026-01-10 09:00,5,4,3,2,1,2,3,4,5,4,3,2,1,2,3,4\n" +
		" City × Hospital ,2026-05-14, r02 , Hospital , City , top ,AFTER,,1,1,1,1,1,1,1,1,5,5,5,5,NA,,-,無回答\n" +
		"School × NPO,FY2026Q3,,,,,事前,,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3\n"
	got, problems := mustRead(t, text, ReadOptions{})
	checkProblems(t, problems, nil)
	checkResponses(t, got, []Response{
		{Line: 2, Partnership: "City × Hospital", Wave: Wave{2026, 1}, Respondent: "r01", Org: "City", Partner: "Hospital",
			Role: "frontline", Phase: PhaseBefore, SubmittedAt: "2026-01-10 09:00", Answers: answers("5432 1234 5432 1234")},
		{Line: 3, Partnership: "City × Hospital", Wave: Wave{2026, 2}, Respondent: "r02", Org: "Hospital", Partner: "City",
			Role: "top", Phase: PhaseAfter, Answers: answers("1111 1111 5555 MMMM")},
		{Line: 4, Partnership: "School × NPO", Wave: Wave{2026, 3}, Phase: PhaseBefore, Answers: answers(all3)},
	})
}

func TestReaderRowsAndEncoding(t *testing.T) {
	text := basicHeader +
		"p1,2026Q1," + ans() + "\n" +
		",2026Q1," + ans() + "\n" +
		"p2,spring," + ans() + "\n" +
		"\n" +
		"p3,2026Q2," + ans("comm1", "7") + "\n"
	res := mustReadWith(t, BuiltinCodebook(), []byte(text), ReadOptions{})
	if res.read != 4 || res.rejects != 2 {
		t.Errorf("Rows() = %d read, %d rejected; want 4, 2", res.read, res.rejects)
	}
	if len(res.responses) != 2 || res.responses[0].Line != 2 || res.responses[1].Line != 6 {
		t.Errorf("responses %+v, want lines 2 and 6", res.responses)
	}
	if res.encoding != EncodingUTF8 {
		t.Errorf("Encoding() = %q, want utf-8", res.encoding)
	}
}

func TestReaderBOM(t *testing.T) {
	text := basicHeader + "p1,2026Q1," + ans() + "\n"
	want, wantProblems := mustRead(t, text, ReadOptions{})
	for _, enc := range []Encoding{EncodingAuto, EncodingUTF8} {
		got, problems := mustRead(t, "\xEF\xBB\xBF"+text, ReadOptions{Encoding: enc})
		checkResponses(t, got, want)
		checkProblems(t, problems, wheres(wantProblems))
	}
	if len(want) != 1 || want[0].Partnership != "p1" {
		t.Errorf("responses %+v", want)
	}
}

func TestReaderShiftJIS(t *testing.T) {
	text := "パートナーシップ,wave,担当者,phase,役割," + itemColumns + "\n" +
		"市役所×病院,2026Q1,田中,事前,現場," + ans("comm1", "とてもそう思う", "comm2", "全くそう思わない") + "\n" +
		"市役所×病院,2026Q2,ｽｽﾞｷ,事後,管理職," + ans("comm1", "ややそう思う", "comm2", "無回答", "goal4", "５") + "\n" +
		"学校×ＮＰＯ,2026/06/30,,,," + ans("comm1", "どちらともいえない", "comm2", "4", "trust1", "かなりそう思う") + "\n"
	opt := ReadOptions{Columns: map[string]string{"partnership": "パートナーシップ", "respondent": "担当者", "role": "役割"}}
	utf8Result := mustReadWith(t, BuiltinCodebook(), []byte(text), opt)
	checkResponses(t, utf8Result.responses, []Response{
		{Line: 2, Partnership: "市役所×病院", Wave: Wave{2026, 1}, Respondent: "田中", Role: "現場", Phase: PhaseBefore, Answers: answers("5133 3333 3333 3333")},
		{Line: 3, Partnership: "市役所×病院", Wave: Wave{2026, 2}, Respondent: "ｽｽﾞｷ", Role: "管理職", Phase: PhaseAfter, Answers: answers("4M33 3333 3333 3335")},
		{Line: 4, Partnership: "学校×ＮＰＯ", Wave: Wave{2026, 2}, Answers: answers("3433 M333 3333 3333")},
	})
	checkProblems(t, utf8Result.problems, []where{
		{0, 0, SeverityInfo, CodeLabelAnswer}, // comm1 holds labels only
		{2, 7, SeverityInfo, CodeLabelAnswer}, // comm2: a label among numbers
		{3, 21, SeverityInfo, CodeWideDigit},  // goal4
		{4, 10, SeverityError, CodeBadAnswer}, // trust1: not a label of the scale
	})
	for _, enc := range []Encoding{EncodingAuto, EncodingShiftJIS} {
		t.Run(string(enc), func(t *testing.T) {
			sjis := mustReadWith(t, BuiltinCodebook(), shiftJIS(t, text), ReadOptions{Encoding: enc, Columns: opt.Columns})
			if sjis.encoding != EncodingShiftJIS {
				t.Errorf("Encoding() = %q, want shift_jis", sjis.encoding)
			}
			checkResponses(t, sjis.responses, utf8Result.responses)
			if !reflect.DeepEqual(sjis.problems, utf8Result.problems) {
				t.Errorf("problems\n%v\nwant\n%v", sjis.problems, utf8Result.problems)
			}
		})
	}
}

func TestReaderLabels(t *testing.T) {
	text := basicHeader +
		"p1,2026Q1," + ans("comm1", "Strongly agree", "comm2", "strongly DISAGREE", "comm3", "とてもそう思う", "comm4", "  Neither agree nor disagree ",
		"trust1", "あまりそう思わない", "trust2", "AGREE", "trust3", "ややそう思う", "trust4", "Disagree") + "\n" +
		"p1,2026Q1," + ans() + "\n"
	got, problems := mustRead(t, text, ReadOptions{})
	checkResponses(t, got, []Response{
		{Line: 2, Partnership: "p1", Wave: Wave{2026, 1}, Answers: answers("5153 2442 3333 3333")},
		{Line: 3, Partnership: "p1", Wave: Wave{2026, 1}, Answers: answers(all3)},
	})
	var want []where
	for col := 3; col <= 10; col++ {
		want = append(want, where{2, col, SeverityInfo, CodeLabelAnswer})
	}
	checkProblems(t, problems, want)
	if msg := problems[2].Message; !strings.Contains(msg, `comm3: the answer "とてもそう思う" is a scale label among numbers, read as 5`) {
		t.Errorf("message %q", msg)
	}
}

func TestReaderLabelOnlyFile(t *testing.T) {
	// A form tool's export: every answer a label. One note for the file, not one per cell.
	var b strings.Builder
	b.WriteString(basicHeader)
	labels := []string{"Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree", "Strongly agree"}
	for i := range 30 {
		cells := slices.Repeat([]string{labels[i%5]}, 16)
		if i == 7 {
			cells[3] = "" // a missing answer does not make a column mixed
		}
		fmt.Fprintf(&b, "p%d,2026Q1,%s\n", i%3, strings.Join(cells, ","))
	}
	got, problems := mustRead(t, b.String(), ReadOptions{})
	if len(got) != 30 {
		t.Fatalf("%d responses, want 30", len(got))
	}
	if got[9].Answers[0] != 5 || got[7].Answers[3] != Missing || got[7].Answers[2] != 3 {
		t.Errorf("answers %v and %v", got[9].Answers, got[7].Answers)
	}
	checkProblems(t, problems, []where{{0, 0, SeverityInfo, CodeLabelAnswer}})
	if len(problems) == 1 && !strings.Contains(problems[0].Message, "answers in 16 columns are written as scale labels") {
		t.Errorf("message %q", problems[0].Message)
	}
	if len(problems) == 1 && problems[0].String() != "responses.csv: "+problems[0].Message {
		t.Errorf("String() = %q", problems[0].String())
	}
}

func TestReaderManyLabelsAmongNumbers(t *testing.T) {
	var b strings.Builder
	b.WriteString(basicHeader)
	b.WriteString("p,2026Q1," + ans() + "\n") // line 2: numbers
	for range 25 {                            // lines 3–27: comm1 a label
		b.WriteString("p,2026Q1," + ans("comm1", "Agree") + "\n")
	}
	_, problems := mustRead(t, b.String(), ReadOptions{})
	var want []where
	for line := 3; line < 3+maxLabelNotes; line++ {
		want = append(want, where{line, 3, SeverityInfo, CodeLabelAnswer})
	}
	want = append(want, where{3 + maxLabelNotes - 1, 3, SeverityInfo, CodeLabelAnswer})
	checkProblems(t, problems, want)
	if last := problems[len(problems)-1].Message; !strings.Contains(last, "comm1: 5 more answers after this line") {
		t.Errorf("last message %q", last)
	}
}

func TestReaderHeaderByQuestionText(t *testing.T) {
	cb := BuiltinCodebook()
	var ja, en []string
	for _, it := range cb.Items {
		ja = append(ja, it.TextJA)
		en = append(en, it.TextEN)
	}
	// Form tools quote titles, pad them, or put the question in full-width forms.
	ja[0] = "  " + ja[0] + "　"
	en[1] = strings.ToUpper(en[1])
	csvTitles := func(titles []string) string {
		q := make([]string, len(titles))
		for i, t := range titles {
			q[i] = `"` + strings.ReplaceAll(t, `"`, `""`) + `"`
		}
		return strings.Join(q, ",")
	}
	row := "p1,2026Q1,1,2,3,4,5,1,2,3,4,5,1,2,3,4,5,1\n"
	want := []Response{{Line: 2, Partnership: "p1", Wave: Wave{2026, 1}, Answers: answers("1234 5123 4512 3451")}}
	for name, titles := range map[string][]string{"Japanese": ja, "English": en} {
		t.Run(name, func(t *testing.T) {
			got, problems := mustRead(t, "partnership,wave,"+csvTitles(titles)+"\n"+row, ReadOptions{})
			checkResponses(t, got, want)
			checkProblems(t, problems, nil)
		})
	}
	t.Run("MixedWithIDs", func(t *testing.T) {
		titles := strings.Split(itemColumns, ",")
		titles[4], titles[15] = ja[4], en[15]
		got, problems := mustRead(t, "partnership,wave,"+csvTitles(titles)+"\n"+row, ReadOptions{})
		checkResponses(t, got, want)
		checkProblems(t, problems, nil)
	})
}

func TestReaderHeaderFromCodebook(t *testing.T) {
	cb := mustReadCodebook(t, testCodebookHeader+
		"q1,sharing,false,1,5,We share information.,情報を共有している。,Q1. 情報共有\n"+
		"q2,sharing,true,1,5,We hide information.,情報を隠すことがある。,Q2. 情報秘匿\n"+
		"q3,trust,false,1,5,We trust them.,信頼している。,\n")
	text := "wave,partnership,ｑ1．　情報共有,q2.  情報秘匿,信頼している。\n" +
		"2026Q1,p1,Agree,1,5\n" +
		"2026Q1,p2,2,2,2\n"
	res := mustReadWith(t, cb, []byte(text), ReadOptions{})
	checkResponses(t, res.responses, []Response{
		{Line: 2, Partnership: "p1", Wave: Wave{2026, 1}, Answers: []int8{4, 1, 5}},
		{Line: 3, Partnership: "p2", Wave: Wave{2026, 1}, Answers: []int8{2, 2, 2}},
	})
	checkProblems(t, res.problems, []where{{2, 3, SeverityInfo, CodeLabelAnswer}})
}

func TestParseColumnMap(t *testing.T) {
	tests := []struct {
		name, in string
		want     map[string]string
	}{
		{"Pairs", "partnership=partnership_id,respondent=respondent_id",
			map[string]string{"partnership": "partnership_id", "respondent": "respondent_id"}},
		{"SpacesAndCase", " Wave = 調査回 , ORG=所属 ,", map[string]string{"wave": "調査回", "org": "所属"}},
		{"Empty", "", map[string]string{}},
		{"LastWins", "wave=a,wave=b", map[string]string{"wave": "b"}},
		{"TitleWithEquals", "role=a=b", map[string]string{"role": "a=b"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ParseColumnMap(tc.in)
			if err != nil || !reflect.DeepEqual(got, tc.want) {
				t.Errorf("ParseColumnMap(%q) = %v, %v; want %v", tc.in, got, err, tc.want)
			}
		})
	}
	errs := []struct {
		name, in, msg string
	}{
		{"ErrNoEquals", "partnership", `"partnership" is not field=column`},
		{"ErrNoColumn", "wave= ", "is not field=column"},
		{"ErrUnknownField", "team=team_id", `unknown field "team"; the fields are partnership, wave, respondent`},
		{"ErrItemIsNotAField", "comm1=q1", `unknown field "comm1"`},
	}
	for _, tc := range errs {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ParseColumnMap(tc.in)
			if err == nil || !strings.Contains(err.Error(), tc.msg) {
				t.Errorf("ParseColumnMap(%q) = %v, %v; want an error containing %q", tc.in, got, err, tc.msg)
			}
		})
	}
}

func TestReaderColumnMap(t *testing.T) {
	columns, err := ParseColumnMap("partnership=partnership_id,respondent=respondent_id")
	if err != nil {
		t.Fatal(err)
	}
	text := "respondent_id,Partnership_ID,wave,partnership," + itemColumns + "\n" +
		"r7,p-001,2026Q1,ignored," + ans() + "\n"
	got, problems := mustRead(t, text, ReadOptions{Columns: columns})
	checkResponses(t, got, []Response{{Line: 2, Partnership: "p-001", Wave: Wave{2026, 1}, Respondent: "r7", Answers: answers(all3)}})
	// The unmapped "partnership" column is not a field any more.
	checkProblems(t, problems, []where{{1, 4, SeverityInfo, CodeUnknownColumn}})

	t.Run("ErrMappedColumnAbsent", func(t *testing.T) {
		fe := readError(t, BuiltinCodebook(), []byte(basicHeader+"p1,2026Q1,"+ans()+"\n"), ReadOptions{Columns: map[string]string{"wave": "survey_round"}})
		if fe.Line != 1 || !strings.Contains(fe.Error(), `no "survey_round" column`) || !strings.Contains(fe.Error(), "wave=<its title>") {
			t.Errorf("error %v (line %d)", fe, fe.Line)
		}
	})
}

func TestReaderPartnershipFromOrgs(t *testing.T) {
	text := "org,partner,wave," + itemColumns + "\n" +
		"Hospital A,City office,2026Q1," + ans() + "\n" +
		" City office , Hospital A ,2026Q1," + ans() + "\n" +
		"City office,,2026Q1," + ans() + "\n" +
		"Hospital A,School,2026Q2," + ans() + "\n"
	got, problems := mustRead(t, text, ReadOptions{})
	checkResponses(t, got, []Response{
		{Line: 2, Partnership: "City office × Hospital A", Wave: Wave{2026, 1}, Org: "Hospital A", Partner: "City office", Answers: answers(all3)},
		{Line: 3, Partnership: "City office × Hospital A", Wave: Wave{2026, 1}, Org: "City office", Partner: "Hospital A", Answers: answers(all3)},
		{Line: 5, Partnership: "Hospital A × School", Wave: Wave{2026, 2}, Org: "Hospital A", Partner: "School", Answers: answers(all3)},
	})
	checkProblems(t, problems, []where{{4, 0, SeverityError, CodeMissingPartnership}})
}

// An explicit partnership column wins over org and partner, even when a cell is empty.
func TestReaderPartnershipColumnWins(t *testing.T) {
	text := "partnership,org,partner,wave," + itemColumns + "\n" +
		"P1,A,B,2026Q1," + ans() + "\n" +
		",A,B,2026Q1," + ans() + "\n"
	got, problems := mustRead(t, text, ReadOptions{})
	checkResponses(t, got, []Response{{Line: 2, Partnership: "P1", Wave: Wave{2026, 1}, Org: "A", Partner: "B", Answers: answers(all3)}})
	checkProblems(t, problems, []where{{3, 1, SeverityError, CodeMissingPartnership}})
}

func TestReaderProblems(t *testing.T) {
	ids := strings.Split(itemColumns, ",")
	tests := []struct {
		name          string
		text          string
		want          []where
		wantResponses []Response // nil: none accepted
		wantRead      int
		wantRejected  int
		wantMessage   string // a fragment of the first problem's message
	}{
		{
			name:     "MissingPartnership",
			text:     basicHeader + ",2026Q1," + ans() + "\n" + "  ,2026Q2," + ans() + "\n",
			want:     []where{{2, 1, SeverityError, CodeMissingPartnership}, {3, 1, SeverityError, CodeMissingPartnership}},
			wantRead: 2, wantRejected: 2, wantMessage: "the partnership is empty; the row is skipped",
		},
		{
			name:     "BadWave",
			text:     basicHeader + "p1,spring," + ans() + "\n",
			want:     []where{{2, 2, SeverityError, CodeBadWave}},
			wantRead: 1, wantRejected: 1, wantMessage: `the wave is "spring"; write it as 2026Q1`,
		},
		{
			name:     "BadWaveQuarterFive",
			text:     basicHeader + "p1,2026Q5," + ans("comm1", "9") + "\n",
			want:     []where{{2, 2, SeverityError, CodeBadWave}}, // a rejected row's answers are not examined
			wantRead: 1, wantRejected: 1,
		},
		{
			name:     "BadWaveEmpty",
			text:     basicHeader + "p1,," + ans() + "\n",
			want:     []where{{2, 2, SeverityError, CodeBadWave}},
			wantRead: 1, wantRejected: 1, wantMessage: "the wave is empty; the row is skipped",
		},
		{
			name:          "OutOfRangeKeepsOtherAnswers",
			text:          basicHeader + "p1,2026Q1,6,1,2,3,4,5,1,2,3,4,5,1,2,3,4,0\n",
			want:          []where{{2, 3, SeverityError, CodeOutOfRange}, {2, 18, SeverityError, CodeOutOfRange}},
			wantResponses: []Response{{Line: 2, Partnership: "p1", Wave: Wave{2026, 1}, Answers: answers("M123 4512 3451 234M")}},
			wantRead:      1, wantMessage: `comm1: the answer "6" is outside the scale 1–5; it counts as unanswered`,
		},
		{
			name:          "BadAnswer",
			text:          basicHeader + "p1,2026Q1," + ans("comm2", "maybe", "trust1", "3.5", "goal1", "1e9", "goal2", "5 or 4") + "\n",
			want:          []where{{2, 4, SeverityError, CodeBadAnswer}, {2, 7, SeverityError, CodeBadAnswer}, {2, 15, SeverityError, CodeBadAnswer}, {2, 16, SeverityError, CodeBadAnswer}},
			wantResponses: []Response{{Line: 2, Partnership: "p1", Wave: Wave{2026, 1}, Answers: answers("3M33 M333 3333 MM33")}},
			wantRead:      1, wantMessage: `comm2: the answer "maybe" is not a whole number from 1 to 5, or its label`,
		},
		{
			name:          "BadAnswerLongCellTruncated",
			text:          basicHeader + "p1,2026Q1," + ans("comm1", strings.Repeat("あ", 45)) + "\n",
			want:          []where{{2, 3, SeverityError, CodeBadAnswer}},
			wantResponses: []Response{{Line: 2, Partnership: "p1", Wave: Wave{2026, 1}, Answers: answers("M333 3333 3333 3333")}},
			wantRead:      1, wantMessage: `comm1: the answer "` + strings.Repeat("あ", 40) + `…" is not`,
		},
		{
			name: "LabelAmongNumbers",
			text: basicHeader + "p1,2026Q1," + ans() + "\n" + "p1,2026Q1," + ans("role2", "Agree") + "\n",
			want: []where{{3, 12, SeverityInfo, CodeLabelAnswer}},
			wantResponses: []Response{
				{Line: 2, Partnership: "p1", Wave: Wave{2026, 1}, Answers: answers(all3)},
				{Line: 3, Partnership: "p1", Wave: Wave{2026, 1}, Answers: answers("3333 3333 3433 3333")},
			},
			wantRead: 2, wantMessage: `role2: the answer "Agree" is a scale label among numbers, read as 4`,
		},
		{
			name: "LabelOnlyColumn",
			text: basicHeader + "p1,2026Q1," + ans("role2", "Agree") + "\n" + "p1,2026Q1," + ans("role2", "とてもそう思う") + "\n",
			want: []where{{0, 0, SeverityInfo, CodeLabelAnswer}},
			wantResponses: []Response{
				{Line: 2, Partnership: "p1", Wave: Wave{2026, 1}, Answers: answers("3333 3333 3433 3333")},
				{Line: 3, Partnership: "p1", Wave: Wave{2026, 1}, Answers: answers("3333 3333 3533 3333")},
			},
			wantRead: 2, wantMessage: "answers in 1 columns are written as scale labels",
		},
		{
			name:          "WideDigit",
			text:          basicHeader + "p1,2026Q1," + ans("goal4", "５") + "\n",
			want:          []where{{2, 18, SeverityInfo, CodeWideDigit}},
			wantResponses: []Response{{Line: 2, Partnership: "p1", Wave: Wave{2026, 1}, Answers: answers("3333 3333 3333 3335")}},
			wantRead:      1, wantMessage: `goal4: the answer "５" is in full-width digits, read as 5`,
		},
		{
			name:          "BadPhase",
			text:          "partnership,wave,phase," + itemColumns + "\n" + "p1,2026Q1,during," + ans() + "\n" + "p1,2026Q1,post," + ans() + "\n",
			want:          []where{{2, 3, SeverityWarning, CodeBadPhase}},
			wantResponses: []Response{{Line: 2, Partnership: "p1", Wave: Wave{2026, 1}, Answers: answers(all3)}, {Line: 3, Partnership: "p1", Wave: Wave{2026, 1}, Phase: PhaseAfter, Answers: answers(all3)}},
			wantRead:      2, wantMessage: `phase "during" is neither before nor after; it is ignored`,
		},
		{
			name:          "ShortRow",
			text:          basicHeader + "p1,2026Q1,1,2,3\n",
			want:          []where{{2, 0, SeverityWarning, CodeShortRow}},
			wantResponses: []Response{{Line: 2, Partnership: "p1", Wave: Wave{2026, 1}, Answers: answers("123M MMMM MMMM MMMM")}},
			wantRead:      1, wantMessage: "the row has 5 cells but the header has 18 columns",
		},
		{
			name:     "ShortRowWithoutWave",
			text:     basicHeader + "p1\n",
			want:     []where{{2, 0, SeverityWarning, CodeShortRow}, {2, 2, SeverityError, CodeBadWave}},
			wantRead: 1, wantRejected: 1,
		},
		{
			name:          "LongRow",
			text:          basicHeader + "p1,2026Q1," + ans() + ",extra,more\n",
			want:          []where{{2, 19, SeverityWarning, CodeLongRow}},
			wantResponses: []Response{{Line: 2, Partnership: "p1", Wave: Wave{2026, 1}, Answers: answers(all3)}},
			wantRead:      1, wantMessage: "the row has 20 cells but the header has 18 columns",
		},
		{
			name:          "UnknownColumn",
			text:          "partnership,wave,comment,," + itemColumns + ",Timestamp\n" + "p1,2026Q1,fine,x," + ans() + ",2026-01-01\n",
			want:          []where{{1, 3, SeverityInfo, CodeUnknownColumn}, {1, 21, SeverityInfo, CodeUnknownColumn}},
			wantResponses: []Response{{Line: 2, Partnership: "p1", Wave: Wave{2026, 1}, Answers: answers(all3)}},
			wantRead:      1, wantMessage: `column "comment" is not a codebook item or a known field; it is ignored`,
		},
		{
			name:          "MissingItemColumn",
			text:          "partnership,wave," + strings.Join(ids[1:15], ",") + "\n" + "p1,2026Q1,1,2,3,4,5,1,2,3,4,5,1,2,3,4\n",
			want:          []where{{1, 0, SeverityWarning, CodeMissingItemColumn}, {1, 0, SeverityWarning, CodeMissingItemColumn}},
			wantResponses: []Response{{Line: 2, Partnership: "p1", Wave: Wave{2026, 1}, Answers: answers("M123 4512 3451 234M")}},
			wantRead:      1, wantMessage: "the file has no column for item comm1; its answers count as missing",
		},
		{
			name:          "BadQuote",
			text:          basicHeader + "p1,2026Q1,3,a\"b," + ans()[4:] + "\n" + "p2,2026Q1," + ans() + "\n",
			want:          []where{{2, 4, SeverityError, CodeBadQuote}},
			wantResponses: []Response{{Line: 3, Partnership: "p2", Wave: Wave{2026, 1}, Answers: answers(all3)}},
			wantRead:      2, wantRejected: 1, wantMessage: "a quote inside an unquoted cell; the row is skipped",
		},
		{
			name:     "BadQuoteInFirstCell",
			text:     basicHeader + "p\"1,2026Q1," + ans() + "\n",
			want:     []where{{2, 1, SeverityError, CodeBadQuote}},
			wantRead: 1, wantRejected: 1,
		},
		{
			name: "SeveralInOneRowInColumnOrder",
			text: "partnership,wave,phase," + itemColumns + ",note\n" +
				"p1,2026Q1,mid," + ans("comm1", "0", "comm2", "?", "comm3", "Agree", "comm4", "２") + "\n" +
				"p1,2026Q1,," + ans() + ",n,extra\n",
			want: []where{
				{1, 20, SeverityInfo, CodeUnknownColumn},
				{2, 0, SeverityWarning, CodeShortRow},
				{2, 3, SeverityWarning, CodeBadPhase},
				{2, 4, SeverityError, CodeOutOfRange},
				{2, 5, SeverityError, CodeBadAnswer},
				{2, 6, SeverityInfo, CodeLabelAnswer},
				{2, 7, SeverityInfo, CodeWideDigit},
				{3, 21, SeverityWarning, CodeLongRow},
			},
			wantResponses: []Response{
				{Line: 2, Partnership: "p1", Wave: Wave{2026, 1}, Answers: answers("MM42 3333 3333 3333")},
				{Line: 3, Partnership: "p1", Wave: Wave{2026, 1}, Answers: answers(all3)},
			},
			wantRead: 2,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := mustReadWith(t, BuiltinCodebook(), []byte(tc.text), ReadOptions{})
			checkProblems(t, res.problems, tc.want)
			checkResponses(t, res.responses, tc.wantResponses)
			if res.read != tc.wantRead || res.rejects != tc.wantRejected {
				t.Errorf("Rows() = %d, %d; want %d, %d", res.read, res.rejects, tc.wantRead, tc.wantRejected)
			}
			if tc.wantMessage != "" && len(res.problems) > 0 && !strings.Contains(res.problems[0].Message, tc.wantMessage) {
				t.Errorf("message %q does not contain %q", res.problems[0].Message, tc.wantMessage)
			}
		})
	}
}

func TestReaderProblemCodesAllProduced(t *testing.T) {
	// Every code problem.go declares is produced by some case of TestReaderProblems;
	// this keeps the list and the tests from drifting apart.
	codes := []string{CodeMissingPartnership, CodeBadWave, CodeOutOfRange, CodeBadAnswer, CodeLabelAnswer, CodeWideDigit,
		CodeBadPhase, CodeBadQuote, CodeLongRow, CodeShortRow, CodeUnknownColumn, CodeMissingItemColumn}
	text := "partnership,wave,phase,note," + strings.Join(strings.Split(itemColumns, ",")[:15], ",") + "\n" +
		",2026Q1,,,\n" +
		"p1,x,,,\n" +
		"p1,2026Q1,mid,," + ans("comm1", "0", "comm2", "?", "comm3", "Agree", "comm4", "２")[:len(ans())-2] + "\n" +
		"p1,2026Q1,,," + ans()[:len(ans())-2] + ",long\n" +
		"p\"1,2026Q1\n"
	_, problems := mustRead(t, text, ReadOptions{})
	seen := map[string]bool{}
	for _, p := range problems {
		seen[p.Code] = true
	}
	for _, c := range codes {
		if !seen[c] {
			t.Errorf("code %s not produced; problems: %v", c, problems)
		}
	}
}

func TestReaderProblemString(t *testing.T) {
	tests := []struct {
		name string
		p    Problem
		want string
	}{
		{"File", Problem{File: "a.csv", Message: "m"}, "a.csv: m"},
		{"Line", Problem{File: "a.csv", Line: 3, Message: "m"}, "a.csv:3: m"},
		{"Cell", Problem{File: "a.csv", Line: 3, Column: 7, Message: "m"}, "a.csv:3:7: m"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.p.String(); got != tc.want {
				t.Errorf("String() = %q, want %q", got, tc.want)
			}
		})
	}
	fe := &FileError{File: "a.csv", Line: 4, Err: errBroken}
	if fe.Error() != "a.csv:4: disk on fire" || !errors.Is(fe, errBroken) {
		t.Errorf("FileError %q does not name its line or unwrap", fe.Error())
	}
	if got := (&FileError{File: "a.csv", Err: errBroken}).Error(); got != "a.csv: disk on fire" {
		t.Errorf("FileError without a line = %q", got)
	}
}

func TestReaderFileErrors(t *testing.T) {
	row := "p1,2026Q1," + ans() + "\n"
	var longASCII strings.Builder
	longASCII.WriteString(basicHeader)
	lines := 1
	for longASCII.Len() <= detectSpan {
		longASCII.WriteString(row)
		lines++
	}
	tests := []struct {
		name     string
		data     []byte
		opt      ReadOptions
		wantLine int
		wantMsg  string
	}{
		{"ErrEmpty", nil, ReadOptions{}, 0, "the file is empty; it needs a header row with at least partnership and wave columns"},
		{"ErrBOMOnly", []byte("\xEF\xBB\xBF"), ReadOptions{}, 0, "the file is empty"},
		{"ErrBlankLinesOnly", []byte("\n\r\n\n"), ReadOptions{}, 0, "the file is empty"},
		{"ErrNoWave", []byte("partnership," + itemColumns + "\n" + "p1," + ans() + "\n"), ReadOptions{}, 1, `no "wave" column (the header has "partnership", "comm1",`},
		{"ErrNoWaveNamesVariable", []byte("partnership,round,comm1\n"), ReadOptions{}, 1, "name the column that holds the wave with RENKEI_COLUMNS, e.g. wave=<its title>"},
		{"ErrNoWaveLongHeaderShortened", []byte("partnership," + itemColumns + "\n"), ReadOptions{}, 1, `"role3", … 5 more)`},
		{"ErrNoPartnership", []byte("wave," + itemColumns + "\n"), ReadOptions{}, 1, `no "partnership" column`},
		{"ErrOrgWithoutPartner", []byte("org,wave," + itemColumns + "\n"), ReadOptions{}, 1, "RENKEI_COLUMNS"},
		{"ErrNoItemColumns", []byte("partnership,wave,q1,q2\n" + "p1,2026Q1,3,3\n"), ReadOptions{}, 1, `no column matches an item of the codebook (e.g. "comm1")`},
		{"ErrDuplicateTitles", []byte("partnership,wave,comm1,comm2,Comm1\n"), ReadOptions{}, 1, `columns 3 and 5 are both titled "Comm1"; rename one of them`},
		{"ErrDuplicateTitlesAfterFolding", []byte("partnership,ｗａｖｅ,wave,comm1\n"), ReadOptions{}, 1, "columns 2 and 3 are both titled"},
		{"ErrUnterminatedQuote", []byte(basicHeader + row + "p1,2026Q1,\"3," + ans()[2:] + "\n" + row), ReadOptions{}, 3, "broken CSV quoting from line 3"},
		{"ErrTextAfterClosingQuote", []byte(basicHeader + "p1,\"2026Q1\"x," + ans() + "\n"), ReadOptions{}, 2, "broken CSV quoting from line 2"},
		{"ErrQuoteInHeader", []byte("partnership,wa\"ve,comm1\n"), ReadOptions{}, 1, "broken CSV quoting from line 1"},
		{"ErrNULInRow", []byte(basicHeader + row + "p1\x00,2026Q1," + ans() + "\n"), ReadOptions{}, 3, "column 1 holds a NUL byte"},
		{"ErrNULInHeader", []byte("partnership,wave,comm1\x00\n"), ReadOptions{}, 1, "column 3 holds a NUL byte"},
		{"ErrInvalidUTF8Forced", append([]byte(basicHeader+row), shiftJIS(t, "市役所,2026Q1,"+ans()+"\n")...), ReadOptions{Encoding: EncodingUTF8}, 3,
			"column 1 is not valid UTF-8 text; if Excel saved the file in Japanese, set RENKEI_ENCODING=shift_jis"},
		{"ErrInvalidShiftJISForced", []byte(basicHeader + "p1,2026Q1,\xA0," + ans()[2:] + "\n"), ReadOptions{Encoding: EncodingShiftJIS}, 2,
			"column 3 is not valid Shift_JIS text"},
		{"ErrShiftJISAfterDetectionSpan", append([]byte(longASCII.String()), shiftJIS(t, "p1,2026Q1,"+ans("trust1", "とてもそう思う")+"\n")...), ReadOptions{}, lines + 1,
			"column 7 is not valid UTF-8 text"},
		{"ErrUTF16", []byte("\xFF\xFEp\x00a\x00r\x00"), ReadOptions{}, 0, "the file is UTF-16"},
		{"ErrHeaderOnly", []byte(basicHeader), ReadOptions{}, 0, "the file has a header but no responses"},
		{"ErrHeaderAndBlankRowsOnly", []byte(basicHeader + ",,,\n\n"), ReadOptions{}, 0, "the file has a header but no responses"},
		{"ErrTooManyColumns", []byte("partnership,wave,comm1" + strings.Repeat(",x", maxColumns) + "\n"), ReadOptions{}, 1, "the header has 2003 columns; a survey export has at most 2000"},
		{"ErrHugeCell", []byte(basicHeader + row + "p1,2026Q1," + strings.Repeat("9", 100<<10) + "\n"), ReadOptions{}, 3, "column 3 holds 100 KiB of text"},
		{"ErrHugeRow", []byte(basicHeader + row + "p1,2026Q1," + strings.Repeat("9", 10<<20) + "\n"), ReadOptions{}, 3, "runs on for more than 1024 KiB of text without a line break"},
		{"ErrNotText", []byte("\x80\x81\xFF\x00"), ReadOptions{}, 0, "neither UTF-8 nor Shift_JIS"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			fe := readError(t, BuiltinCodebook(), tc.data, tc.opt)
			if fe.Line != tc.wantLine {
				t.Errorf("Line = %d, want %d (%v)", fe.Line, tc.wantLine, fe)
			}
			if !strings.Contains(fe.Error(), tc.wantMsg) {
				t.Errorf("error %q does not contain %q", fe.Error(), tc.wantMsg)
			}
		})
	}
}

// TestReaderDelimiters: files separated by semicolons or tabs (as spreadsheets in some
// locales save them) read like comma-separated ones, with a note in the problems.
func TestReaderDelimiters(t *testing.T) {
	comma := basicHeader + "p1,2026Q1," + ans("comm1", "Agree") + "\n" + "\"p,2\",2026Q2," + ans() + "\n"
	want, _ := mustRead(t, comma, ReadOptions{})
	tests := []struct {
		name, delim, note string
	}{
		{"Semicolons", ";", "separated by semicolons"},
		{"Tabs", "\t", "separated by tabs"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			text := strings.ReplaceAll(strings.ReplaceAll(comma, ",", tc.delim), "\"p"+tc.delim+"2\"", "\"p,2\"")
			got, problems := mustRead(t, text, ReadOptions{})
			if !reflect.DeepEqual(got, want) {
				t.Errorf("responses differ from the comma-separated file:\n got %+v\nwant %+v", got, want)
			}
			if len(problems) == 0 || problems[0].Code != CodeDelimiter || !strings.Contains(problems[0].Message, tc.note) {
				t.Errorf("problems = %v, want a %s note first", problems, CodeDelimiter)
			}
		})
	}
	t.Run("QuotedSemicolonsDoNotCount", func(t *testing.T) {
		header := "partnership,wave,\"" + strings.Repeat("a;", 30) + "\"," + itemColumns + "\n"
		if _, problems := mustRead(t, header+"p,2026Q1,x,"+ans()+"\n", ReadOptions{}); len(problems) > 0 && problems[0].Code == CodeDelimiter {
			t.Errorf("a comma-separated header with semicolons inside a quoted title was read as semicolon-separated")
		}
	})
}

func TestReaderReadError(t *testing.T) {
	row := "p1,2026Q1," + ans() + "\n"
	t.Run("ErrInHeader", func(t *testing.T) {
		data := io.MultiReader(strings.NewReader(basicHeader+row), errReader{})
		_, err := NewReader(data, "responses.csv", BuiltinCodebook(), ReadOptions{})
		var fe *FileError
		if !errors.As(err, &fe) || !errors.Is(err, errBroken) {
			t.Errorf("error %v, want a *FileError wrapping %v", err, errBroken)
		}
	})
	t.Run("ErrAfterRows", func(t *testing.T) {
		// Past the detection span, so that the error comes from Read, after responses.
		body := basicHeader + strings.Repeat(row, detectSpan/len(row)+10)
		rd, err := NewReader(io.MultiReader(strings.NewReader(body), errReader{}), "responses.csv", BuiltinCodebook(), ReadOptions{})
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for {
			_, err = rd.Read()
			if err != nil {
				break
			}
			n++
		}
		var fe *FileError
		if !errors.As(err, &fe) || !errors.Is(err, errBroken) || fe.Line != 0 {
			t.Errorf("error %v, want a *FileError wrapping %v", err, errBroken)
		}
		if n < detectSpan/len(row) {
			t.Errorf("%d responses before the error, want all rows read so far", n)
		}
	})
}

func TestPhase(t *testing.T) {
	tests := []struct {
		in     string
		want   Phase
		ok     bool
		string string
	}{
		{"", PhaseNone, true, ""},
		{"before", PhaseBefore, true, "before"},
		{" PRE ", PhaseBefore, true, "before"},
		{"事前", PhaseBefore, true, "before"},
		{"After", PhaseAfter, true, "after"},
		{"post", PhaseAfter, true, "after"},
		{"事後", PhaseAfter, true, "after"},
		{"during", PhaseNone, false, ""},
	}
	for _, tc := range tests {
		t.Run("Read"+tc.in, func(t *testing.T) {
			got, ok := parsePhase(tc.in)
			if got != tc.want || ok != tc.ok || got.String() != tc.string {
				t.Errorf("parsePhase(%q) = %v (%q), %v; want %v (%q), %v", tc.in, got, got.String(), ok, tc.want, tc.string, tc.ok)
			}
		})
	}
}

func TestReaderSkipsBlankRows(t *testing.T) {
	text := basicHeader +
		"\n" + // 2
		"p1,2026Q1," + ans() + "\n" + // 3
		",,,\n" + // 4: all-empty cells
		" ,\t, \n" + // 5: white space only
		strings.Repeat(",", 17) + "\n" + // 6: a full row of empty cells
		"p2,2026Q1," + ans() + "\n" + // 7
		"\n\n"
	res := mustReadWith(t, BuiltinCodebook(), []byte(text), ReadOptions{})
	checkProblems(t, res.problems, nil)
	if len(res.responses) != 2 || res.responses[0].Line != 3 || res.responses[1].Line != 7 {
		t.Errorf("responses %+v, want lines 3 and 7", res.responses)
	}
	if res.read != 2 || res.rejects != 0 {
		t.Errorf("Rows() = %d, %d; want 2, 0", res.read, res.rejects)
	}
}

func TestReaderMultilineCells(t *testing.T) {
	text := "partnership,wave,comment," + itemColumns + "\n" +
		"p1,2026Q1,\"first line\n" + // 2
		"second line\"," + ans() + "\n" + // 3
		"p2,2026Q1,\"a\n\nb\n\"," + ans("comm1", "9") + "\n" + // 4–7, an empty line inside the cell
		"p3,\"2026\nQ1\",," + ans() + "\n" + // 8–9: a wave broken over two lines
		"p4,2026Q1,x," + ans("goal4", "x") + "\n" // 10
	res := mustReadWith(t, BuiltinCodebook(), []byte(text), ReadOptions{})
	checkResponses(t, res.responses, []Response{
		{Line: 2, Partnership: "p1", Wave: Wave{2026, 1}, Answers: answers(all3)},
		{Line: 4, Partnership: "p2", Wave: Wave{2026, 1}, Answers: answers("M333 3333 3333 3333")},
		{Line: 10, Partnership: "p4", Wave: Wave{2026, 1}, Answers: answers("3333 3333 3333 333M")},
	})
	checkProblems(t, res.problems, []where{
		{1, 3, SeverityInfo, CodeUnknownColumn},
		{4, 4, SeverityError, CodeOutOfRange},
		{8, 2, SeverityError, CodeBadWave},
		{10, 19, SeverityError, CodeBadAnswer},
	})
	t.Run("BadQuoteAfterMultilineCell", func(t *testing.T) {
		text := "partnership,wave,comment," + itemColumns + "\n" +
			"p1,2026Q1,\"a\nb\"," + ans() + "\n" + // 2–3
			"p2,2026Q1,say \"hi\"," + ans() + "\n" + // 4
			"p3,2026Q1,," + ans() + "\n" // 5
		res := mustReadWith(t, BuiltinCodebook(), []byte(text), ReadOptions{})
		checkProblems(t, res.problems, []where{{1, 3, SeverityInfo, CodeUnknownColumn}, {4, 3, SeverityError, CodeBadQuote}})
		if len(res.responses) != 2 || res.responses[1].Line != 5 {
			t.Errorf("responses %+v", res.responses)
		}
	})
}

func TestReaderCRLF(t *testing.T) {
	text := "partnership,wave,phase,comment," + itemColumns + "\n" +
		"p1,2026Q1,before,\"two\nlines\"," + ans() + "\n" +
		"p1,2026Q2,after,," + ans("goal4", "7") + "\n" +
		"\n" +
		"p2,2026Q1,,," + ans("goal4", "") + "\n"
	lf := mustReadWith(t, BuiltinCodebook(), []byte(text), ReadOptions{})
	crlf := mustReadWith(t, BuiltinCodebook(), []byte(strings.ReplaceAll(text, "\n", "\r\n")), ReadOptions{})
	checkResponses(t, lf.responses, []Response{
		{Line: 2, Partnership: "p1", Wave: Wave{2026, 1}, Phase: PhaseBefore, Answers: answers(all3)},
		{Line: 4, Partnership: "p1", Wave: Wave{2026, 2}, Phase: PhaseAfter, Answers: answers("3333 3333 3333 333M")},
		{Line: 6, Partnership: "p2", Wave: Wave{2026, 1}, Answers: answers("3333 3333 3333 333M")},
	})
	checkResponses(t, crlf.responses, lf.responses)
	checkProblems(t, lf.problems, []where{{1, 4, SeverityInfo, CodeUnknownColumn}, {4, 20, SeverityError, CodeOutOfRange}})
	checkProblems(t, crlf.problems, wheres(lf.problems))
	for i := range crlf.problems {
		if crlf.problems[i].Message != lf.problems[i].Message {
			t.Errorf("CRLF message %q, LF message %q", crlf.problems[i].Message, lf.problems[i].Message)
		}
	}
}

func TestReaderLongShiftJISFile(t *testing.T) {
	// Larger than the detection span, with Japanese throughout: detected once, read whole.
	var b strings.Builder
	b.WriteString("partnership,wave," + itemColumns + "\n")
	n := 0
	for b.Len() < 3*detectSpan {
		fmt.Fprintf(&b, "連携%d,2026Q%d,%s\n", n%7, n%4+1, ans("comm1", "とてもそう思う", "goal4", "全くそう思わない"))
		n++
	}
	res := mustReadWith(t, BuiltinCodebook(), shiftJIS(t, b.String()), ReadOptions{})
	if res.encoding != EncodingShiftJIS || len(res.responses) != n || res.read != n {
		t.Fatalf("encoding %q, %d responses of %d rows, want shift_jis and %d", res.encoding, len(res.responses), res.read, n)
	}
	last := res.responses[n-1]
	want := Response{Line: n + 1, Partnership: fmt.Sprintf("連携%d", (n-1)%7), Wave: Wave{2026, (n-1)%4 + 1}, Answers: answers("5333 3333 3333 3331")}
	if !reflect.DeepEqual(last, want) {
		t.Errorf("last response %+v, want %+v", last, want)
	}
	checkProblems(t, res.problems, []where{{0, 0, SeverityInfo, CodeLabelAnswer}})
}

func TestReaderFiscalCalendar(t *testing.T) {
	text := basicHeader +
		"p1,2026-02-10," + ans() + "\n" +
		"p1,2026-04-01," + ans() + "\n" +
		"p1,FY2026Q4," + ans() + "\n"
	got, _ := mustRead(t, text, ReadOptions{Calendar: Calendar{FiscalStart: 4}})
	var waves []Wave
	for _, r := range got {
		waves = append(waves, r.Wave)
	}
	if want := []Wave{{2025, 4}, {2026, 1}, {2026, 4}}; !reflect.DeepEqual(waves, want) {
		t.Errorf("waves %v, want %v", waves, want)
	}
}

func TestReaderAfterEOF(t *testing.T) {
	rd, err := NewReader(strings.NewReader(basicHeader+"p1,2026Q1,"+ans("comm1", "Agree")+"\n"), "responses.csv", BuiltinCodebook(), ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := rd.Read(); err != nil {
		t.Fatal(err)
	}
	for range 3 {
		if r, err := rd.Read(); r != nil || !errors.Is(err, io.EOF) {
			t.Fatalf("Read after the end = %v, %v; want nil, io.EOF", r, err)
		}
	}
	checkProblems(t, rd.Problems(), []where{{0, 0, SeverityInfo, CodeLabelAnswer}})
}

func BenchmarkReader(b *testing.B) {
	var buf strings.Builder
	buf.WriteString("partnership,wave,respondent,org,partner,role," + itemColumns + "\n")
	for i := range 10000 {
		fmt.Fprintf(&buf, "p%d,2026Q%d,r%d,A,B,frontline,%s\n", i%50, i%4+1, i, ans("comm1", "5", "goal4", "1"))
	}
	data := []byte(buf.String())
	cb := BuiltinCodebook()
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		rd, err := NewReader(bytes.NewReader(data), "bench.csv", cb, ReadOptions{})
		if err != nil {
			b.Fatal(err)
		}
		for {
			if _, err := rd.Read(); err != nil {
				if err != io.EOF {
					b.Fatal(err)
				}
				break
			}
		}
	}
}

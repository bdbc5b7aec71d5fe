package survey

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strings"
	"testing"
)

const testCodebookHeader = "item,dimension,reverse,min,max,text_en,text_ja,header\n"

// mustReadCodebook reads a codebook CSV and fails the test on any error.
func mustReadCodebook(tb testing.TB, text string) *Codebook {
	tb.Helper()
	cb, err := ReadCodebook(strings.NewReader(text), "codebook.csv")
	if err != nil {
		tb.Fatalf("ReadCodebook: %v", err)
	}
	return cb
}

// readCodebookError reads a codebook that must be rejected and returns its *FileError.
func readCodebookError(tb testing.TB, data []byte) *FileError {
	tb.Helper()
	cb, err := ReadCodebook(bytes.NewReader(data), "codebook.csv")
	if err == nil {
		tb.Fatalf("ReadCodebook succeeded with %d items, want an error", len(cb.Items))
	}
	var fe *FileError
	if !errors.As(err, &fe) {
		tb.Fatalf("ReadCodebook error %T %v, want *FileError", err, err)
	}
	if fe.File != "codebook.csv" {
		tb.Errorf("FileError.File = %q, want codebook.csv", fe.File)
	}
	return fe
}

func TestBuiltinCodebook(t *testing.T) {
	cb := BuiltinCodebook()
	if !cb.Builtin {
		t.Error("Builtin = false, want true")
	}
	if len(cb.Items) != 16 {
		t.Fatalf("%d items, want 16", len(cb.Items))
	}
	if cb.Min != 1 || cb.Max != 5 || cb.Points() != 5 {
		t.Errorf("scale %d–%d (%d points), want 1–5 (5 points)", cb.Min, cb.Max, cb.Points())
	}
	wantDims := []Dimension{
		{ID: "communication", NameEN: "Communication", NameJA: "コミュニケーション", Items: []int{0, 1, 2, 3}},
		{ID: "trust", NameEN: "Trust", NameJA: "信頼", Items: []int{4, 5, 6, 7}},
		{ID: "role_clarity", NameEN: "Role clarity", NameJA: "役割の明確さ", Items: []int{8, 9, 10, 11}},
		{ID: "shared_goals", NameEN: "Shared goals", NameJA: "目標の共有", Items: []int{12, 13, 14, 15}},
	}
	if !reflect.DeepEqual(cb.Dimensions, wantDims) {
		t.Errorf("Dimensions =\n%+v\nwant\n%+v", cb.Dimensions, wantDims)
	}
	wantIDs := []string{"comm1", "comm2", "comm3", "comm4", "trust1", "trust2", "trust3", "trust4",
		"role1", "role2", "role3", "role4", "goal1", "goal2", "goal3", "goal4"}
	var reverse []string
	for i, it := range cb.Items {
		if it.ID != wantIDs[i] {
			t.Errorf("item %d is %q, want %q", i, it.ID, wantIDs[i])
		}
		if it.Min != 1 || it.Max != 5 {
			t.Errorf("item %s scale %d–%d, want 1–5", it.ID, it.Min, it.Max)
		}
		if it.TextEN == "" || it.TextJA == "" {
			t.Errorf("item %s lacks a question text: %+v", it.ID, it)
		}
		if it.Header != "" {
			t.Errorf("item %s has header %q, want none", it.ID, it.Header)
		}
		if it.Reverse {
			reverse = append(reverse, it.ID)
		}
	}
	if want := []string{"comm4", "trust4", "role4"}; !reflect.DeepEqual(reverse, want) {
		t.Errorf("reverse items %v, want %v", reverse, want)
	}
	// Spot-check texts against the design's table.
	if got, want := cb.Items[5].TextEN, "Even when we disagree, we can talk frankly."; got != want {
		t.Errorf("trust2 TextEN = %q, want %q", got, want)
	}
	if got, want := cb.Items[7].TextJA, "困難なケースを連携先に「丸投げ」されていると感じることがある。"; got != want {
		t.Errorf("trust4 TextJA = %q, want %q", got, want)
	}
	if got := cb.Dimension("trust"); got != 1 {
		t.Errorf(`Dimension("trust") = %d, want 1`, got)
	}
	if got := cb.Dimension("Trust"); got != -1 {
		t.Errorf(`Dimension("Trust") = %d, want -1`, got)
	}
	if got := cb.Dimensions[2].Name("ja"); got != "役割の明確さ" {
		t.Errorf(`Name("ja") = %q`, got)
	}
	if got := cb.Dimensions[2].Name("en"); got != "Role clarity" {
		t.Errorf(`Name("en") = %q`, got)
	}
	// Every call returns a fresh codebook: callers may modify theirs.
	cb.Items[0].ID = "changed"
	if BuiltinCodebook().Items[0].ID != "comm1" {
		t.Error("BuiltinCodebook shares its items between calls")
	}
}

func TestItemScore(t *testing.T) {
	plain := Item{Min: 1, Max: 5}
	reverse := Item{Min: 1, Max: 5, Reverse: true}
	six := Item{Min: 1, Max: 6, Reverse: true}
	zero := Item{Min: 0, Max: 10, Reverse: true}
	tests := []struct {
		name   string
		it     Item
		answer int
		want   int
	}{
		{"PlainKeepsAnswer", plain, 2, 2},
		{"ReverseFlipsLow", reverse, 1, 5},
		{"ReverseKeepsMidpoint", reverse, 3, 3},
		{"ReverseSixPoint", six, 2, 5},
		{"ReverseZeroBased", zero, 3, 7},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.it.Score(tc.answer); got != tc.want {
				t.Errorf("Score(%d) = %d, want %d", tc.answer, got, tc.want)
			}
		})
	}
}

func TestCodebookTo100(t *testing.T) {
	five := BuiltinCodebook()
	seven := &Codebook{Min: 1, Max: 7}
	tests := []struct {
		name string
		cb   *Codebook
		v    float64
		want float64
	}{
		{"MinIsZero", five, 1, 0},
		{"MaxIsHundred", five, 5, 100},
		{"MidpointIsFifty", five, 3, 50},
		{"QuarterStep", five, 2, 25},
		{"SevenPoint", seven, 4, 50},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.cb.To100(tc.v); got != tc.want {
				t.Errorf("To100(%v) = %v, want %v", tc.v, got, tc.want)
			}
		})
	}
}

// sixPointCodebook has five dimensions on a 1–6 scale, interleaved so that dimension
// order (by first item) and Items indices are both exercised.
const sixPointCodebook = testCodebookHeader +
	"c1,communication,true,1,6,We talk.,話す。,\n" +
	"t1,trust,false,1,6,We trust.,信じる。,Q2 trust\n" +
	"c2,communication,1,1,6,We listen.,聞く。,\n" +
	"r1,respect,0,1,6,We respect.,尊重する。,\n" +
	"w1,workload,TRUE,1,6,Work is fair.,負担が公平。,\n" +
	"g1,growth,False,1,6,We grow.,成長する。,\n" +
	"r2,respect,,1,6,We value.,評価する。,\n" +
	"t2,trust,yes,1,6,We rely.,頼る。,\n"

func TestReadCodebookCustom(t *testing.T) {
	cb := mustReadCodebook(t, sixPointCodebook)
	if cb.Builtin {
		t.Error("Builtin = true for a custom codebook")
	}
	if cb.Min != 1 || cb.Max != 6 || cb.Points() != 6 {
		t.Errorf("scale %d–%d (%d points), want 1–6 (6 points)", cb.Min, cb.Max, cb.Points())
	}
	wantDims := []Dimension{
		{ID: "communication", NameEN: "Communication", NameJA: "コミュニケーション", Items: []int{0, 2}},
		{ID: "trust", NameEN: "Trust", NameJA: "信頼", Items: []int{1, 7}},
		{ID: "respect", NameEN: "respect", NameJA: "respect", Items: []int{3, 6}},
		{ID: "workload", NameEN: "workload", NameJA: "workload", Items: []int{4}},
		{ID: "growth", NameEN: "growth", NameJA: "growth", Items: []int{5}},
	}
	if !reflect.DeepEqual(cb.Dimensions, wantDims) {
		t.Errorf("Dimensions =\n%+v\nwant\n%+v", cb.Dimensions, wantDims)
	}
	wantItems := []Item{
		{ID: "c1", Dimension: "communication", Reverse: true, Min: 1, Max: 6, TextEN: "We talk.", TextJA: "話す。"},
		{ID: "t1", Dimension: "trust", Reverse: false, Min: 1, Max: 6, TextEN: "We trust.", TextJA: "信じる。", Header: "Q2 trust"},
		{ID: "c2", Dimension: "communication", Reverse: true, Min: 1, Max: 6, TextEN: "We listen.", TextJA: "聞く。"},
		{ID: "r1", Dimension: "respect", Reverse: false, Min: 1, Max: 6, TextEN: "We respect.", TextJA: "尊重する。"},
		{ID: "w1", Dimension: "workload", Reverse: true, Min: 1, Max: 6, TextEN: "Work is fair.", TextJA: "負担が公平。"},
		{ID: "g1", Dimension: "growth", Reverse: false, Min: 1, Max: 6, TextEN: "We grow.", TextJA: "成長する。"},
		{ID: "r2", Dimension: "respect", Reverse: false, Min: 1, Max: 6, TextEN: "We value.", TextJA: "評価する。"},
		{ID: "t2", Dimension: "trust", Reverse: true, Min: 1, Max: 6, TextEN: "We rely.", TextJA: "頼る。"},
	}
	if !reflect.DeepEqual(cb.Items, wantItems) {
		t.Errorf("Items =\n%+v\nwant\n%+v", cb.Items, wantItems)
	}
	if cb.Labels() != nil {
		t.Errorf("Labels() of a 1–6 scale = %v, want nil", cb.Labels())
	}
}

func TestReadCodebookReverse(t *testing.T) {
	tests := []struct {
		name, cell string
		want       bool
	}{
		{"TrueIsReverse", "true", true},
		{"UpperTrueIsReverse", "TRUE", true},
		{"OneIsReverse", "1", true},
		{"YesIsReverse", "yes", true},
		{"FalseIsPlain", "false", false},
		{"ZeroIsPlain", "0", false},
		{"EmptyIsPlain", "", false},
		{"SpacedTrueIsReverse", " true ", true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cb := mustReadCodebook(t, testCodebookHeader+"a1,alpha,"+tc.cell+",1,5,,,\n")
			if got := cb.Items[0].Reverse; got != tc.want {
				t.Errorf("reverse %q read as %v, want %v", tc.cell, got, tc.want)
			}
		})
	}
}

func TestReadCodebookErrors(t *testing.T) {
	const ok = "a1,alpha,false,1,5,,,\n"
	tests := []struct {
		name     string
		data     string
		wantLine int
		wantMsg  string // a fragment of the message
	}{
		{"ErrEmpty", "", 0, "empty"},
		{"ErrBlankOnly", "\n \r\n\n", 0, "empty"},
		{"ErrBOMOnly", "\xEF\xBB\xBF", 0, "empty"},
		{"ErrHeaderLacksColumns", "item,dimension,reverse,min\n" + "a1,alpha,false,1\n", 1, "lacks max"},
		{"ErrHeaderLacksSeveral", "item,text_en\n" + "a1,x\n", 1, "lacks dimension, reverse, min, max"},
		{"ErrHeaderOnly", testCodebookHeader, 0, "no items"},
		{"ErrItemTwice", testCodebookHeader + ok + "b1,alpha,false,1,5,,,\n" + "a1,alpha,false,1,5,,,\n", 4, `"a1" is listed twice (first on line 2)`},
		{"ErrItemInTwoDimensions", testCodebookHeader + ok + "a1,beta,false,1,5,,,\n", 3, "listed twice"},
		{"ErrItemTwiceOtherCase", testCodebookHeader + ok + "A1,beta,false,1,5,,,\n", 3, "listed twice"},
		{"ErrMinAboveMax", testCodebookHeader + "a1,alpha,false,5,1,,,\n", 2, "min 5 is not below max 1"},
		{"ErrDimensionTooLong", testCodebookHeader + seventeenItems(), 0, `dimension "long" has 17 items; at most 16`},
		{"ErrMinEqualsMax", testCodebookHeader + ok + "a2,alpha,false,3,3,,,\n", 3, "min 3 is not below max 3"},
		{"ErrMixedScales", testCodebookHeader + ok + ok[:1] + "2,alpha,false,1,7,,,\n", 3, "scale 1–7 but earlier items use 1–5"},
		{"ErrMixedScaleMin", testCodebookHeader + ok + "a2,alpha,false,0,5,,,\n", 3, "all items must share one scale"},
		{"ErrMinNotInteger", testCodebookHeader + "a1,alpha,false,1.5,5,,,\n", 2, `min is "1.5"`},
		{"ErrMaxNotInteger", testCodebookHeader + ok + "a2,alpha,false,1,five,,,\n", 3, `max is "five"`},
		{"ErrMinEmpty", testCodebookHeader + "a1,alpha,false,,5,,,\n", 2, `min is ""`},
		{"ErrBoundOutsideLimits", testCodebookHeader + "a1,alpha,false,-60,-55,,,\n", 2, "outside -50…50"},
		{"ErrTooManyPoints", testCodebookHeader + "a1,alpha,false,0,11,,,\n", 2, "12 points; at most 11"},
		{"ErrReservedWave", testCodebookHeader + ok + "wave,alpha,false,1,5,,,\n", 3, `item id "wave" is a reserved column name`},
		{"ErrReservedPartnershipAnyCase", testCodebookHeader + "Partnership,alpha,false,1,5,,,\n", 2, "reserved column name"},
		{"ErrReservedSubmittedAt", testCodebookHeader + "submitted_at,alpha,false,1,5,,,\n", 2, "reserved column name"},
		{"ErrDimensionHealth", testCodebookHeader + ok + "a2,health,false,1,5,,,\n", 3, `"health" is reserved for the health index`},
		{"ErrDimensionHealthAnyCase", testCodebookHeader + "a1,Health,false,1,5,,,\n", 2, "reserved for the health index"},
		{"ErrEmptyItemID", testCodebookHeader + ok + " ,alpha,false,1,5,,,\n", 3, "item id is empty"},
		{"ErrNoDimension", testCodebookHeader + "a1,,false,1,5,,,\n", 2, `item "a1" has no dimension`},
		{"ErrBadReverse", testCodebookHeader + "a1,alpha,maybe,1,5,,,\n", 2, `reverse is "maybe"`},
		{"ErrSharedHeaderText", testCodebookHeader + "a1,alpha,false,1,5,Same question?,,\n" + "a2,beta,false,1,5,same  QUESTION?,,\n", 0, `items "a1" and "a2" share the column title "same question?"`},
		{"ErrHeaderIsOtherItemsID", testCodebookHeader + ok + "a2,alpha,false,1,5,,,A1\n", 0, `items "a1" and "a2" share`},
		{"ErrUTF16", "\xFF\xFEi\x00t\x00", 0, "UTF-16"},
		{"ErrNotText", "item\xA0", 0, "neither UTF-8 nor Shift_JIS"},
		{"ErrBrokenQuote", testCodebookHeader + ok + "a2,alpha,false,1,5,\"open,,\n", 3, ""},
		{"ErrWrongFieldCount", testCodebookHeader + ok + "a2,alpha,false,1,5\n", 3, "wrong number of fields"},
		// Lines count as the file does: blank lines and multi-line quoted cells included.
		{"ErrLineAfterBlankLine", testCodebookHeader + ok + "\n" + "a2,alpha,false,9,5,,,\n", 4, "min 9"},
		{"ErrLineAfterMultilineText", testCodebookHeader + "a1,alpha,false,1,5,\"two\nlines\",,\n" + "a2,alpha,false,9,5,,,\n", 4, "min 9"},
		{"ErrLineWithCRLF", strings.ReplaceAll(testCodebookHeader+ok+"a2,alpha,false,9,5,,,\n", "\n", "\r\n"), 3, "min 9"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			fe := readCodebookError(t, []byte(tc.data))
			if fe.Line != tc.wantLine {
				t.Errorf("Line = %d, want %d (%v)", fe.Line, tc.wantLine, fe)
			}
			if !strings.Contains(fe.Error(), tc.wantMsg) {
				t.Errorf("error %q does not contain %q", fe.Error(), tc.wantMsg)
			}
			if msg := fe.Err.Error(); msg == "" || msg[:1] != strings.ToLower(msg[:1]) {
				t.Errorf("message %q is empty or capitalised", msg)
			}
		})
	}
}

func TestReadCodebookReadError(t *testing.T) {
	_, err := ReadCodebook(io.MultiReader(strings.NewReader(testCodebookHeader), errReader{}), "codebook.csv")
	var fe *FileError
	if !errors.As(err, &fe) || !errors.Is(err, errBroken) || fe.File != "codebook.csv" {
		t.Errorf("error %v, want a *FileError wrapping %v", err, errBroken)
	}
}

func TestReadCodebookEncodings(t *testing.T) {
	const text = testCodebookHeader +
		"k1,kyoryoku,false,1,5,We cooperate.,連携先と協力できている。,問1 協力\n" +
		"k2,kyoryoku,true,1,5,We clash.,連携先と対立することがある。,\n"
	want := mustReadCodebook(t, text)
	if got := want.Items[0].TextJA; got != "連携先と協力できている。" {
		t.Fatalf("UTF-8 TextJA = %q", got)
	}
	tests := []struct {
		name string
		data []byte
	}{
		{"BOM", append([]byte("\xEF\xBB\xBF"), text...)},
		{"ShiftJIS", shiftJIS(t, text)},
		{"ShiftJISCRLF", shiftJIS(t, strings.ReplaceAll(text, "\n", "\r\n"))},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ReadCodebook(bytes.NewReader(tc.data), "codebook.csv")
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("read\n%+v\nwant\n%+v", got, want)
			}
		})
	}
}

func TestReadCodebookHeaderForms(t *testing.T) {
	tests := []struct {
		name string
		data string
	}{
		{"ColumnsInOtherOrder", "max,min,dimension,item,reverse\n5,1,alpha,a1,false\n"},
		{"OptionalColumnsAbsent", "item,dimension,reverse,min,max\na1,alpha,false,1,5\n"},
		{"QuotedHeader", `"item","dimension","reverse","min","max","text_en","text_ja","header"` + "\n" + `"a1","alpha","false","1","5","","",""` + "\n"},
		{"SpacesAroundTitles", "item , dimension,reverse,min,max\na1,alpha,false,1,5\n"},
		{"ExtraColumnIgnored", "item,dimension,reverse,min,max,note\na1,alpha,false,1,5,whatever\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cb := mustReadCodebook(t, tc.data)
			want := []Item{{ID: "a1", Dimension: "alpha", Min: 1, Max: 5}}
			if !reflect.DeepEqual(cb.Items, want) {
				t.Errorf("Items = %+v, want %+v", cb.Items, want)
			}
		})
	}
}

// Titles are matched as gocsv matches them, letter case significant. A header in
// another case is rejected on its own line rather than passing the check and then
// losing every value ("the item id is empty" on line 2).
func TestReadCodebookHeaderCase(t *testing.T) {
	fe := readCodebookError(t, []byte("\n"+"Item,Dimension,Reverse,Min,Max\na1,alpha,false,1,5\n"))
	if fe.Line != 2 || !strings.Contains(fe.Error(), "the header lacks item, dimension, reverse, min, max") {
		t.Errorf("error %v (line %d), want the header on line 2 rejected", fe, fe.Line)
	}
}

func TestCodebookRoundTrip(t *testing.T) {
	t.Run("Builtin", func(t *testing.T) {
		var buf bytes.Buffer
		if err := WriteCodebookCSV(&buf, BuiltinCodebook()); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(buf.Bytes(), BuiltinCodebookCSV()) {
			t.Errorf("written CSV differs from the embedded one:\n%s", buf.Bytes())
		}
		got, err := ReadCodebook(&buf, "written")
		if err != nil {
			t.Fatal(err)
		}
		want := BuiltinCodebook()
		want.Builtin = false
		if !reflect.DeepEqual(got, want) {
			t.Errorf("read back\n%+v\nwant\n%+v", got, want)
		}
	})
	t.Run("SixPointWithQuotesAndNewlines", func(t *testing.T) {
		cb := mustReadCodebook(t, sixPointCodebook)
		cb.Items[0].TextEN = `We say "yes", then act.`
		cb.Items[1].TextJA = "一行目\n二行目"
		var buf bytes.Buffer
		if err := WriteCodebookCSV(&buf, cb); err != nil {
			t.Fatal(err)
		}
		got := mustReadCodebook(t, buf.String())
		if !reflect.DeepEqual(got, cb) {
			t.Errorf("read back\n%+v\nwant\n%+v", got, cb)
		}
	})
}

func TestBuiltinCodebookCSVIsACopy(t *testing.T) {
	b := BuiltinCodebookCSV()
	b[0] = 'X'
	if BuiltinCodebookCSV()[0] != 'i' {
		t.Error("BuiltinCodebookCSV returns the embedded slice itself")
	}
}

func seventeenItems() string {
	var b strings.Builder
	for i := 1; i <= 17; i++ {
		fmt.Fprintf(&b, "l%d,long,false,1,5,,,\n", i)
	}
	return b.String()
}

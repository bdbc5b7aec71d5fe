package survey

import (
	"strings"
	"testing"
)

func TestAnswerParse(t *testing.T) {
	p := newAnswerParser(BuiltinCodebook())
	tests := []struct {
		name string
		cell string
		want int8
		kind answerKind
	}{
		{"NumberOne", "1", 1, answerNumber},
		{"NumberFive", "5", 5, answerNumber},
		{"NumberPadded", " 4 ", 4, answerNumber},
		{"NumberLeadingZero", "03", 3, answerNumber},
		{"NumberPlusSign", "+2", 2, answerNumber},
		{"LabelEnglish", "Strongly agree", 5, answerLabel},
		{"LabelEnglishLowerCase", "strongly disagree", 1, answerLabel},
		{"LabelEnglishUpperCase", "AGREE", 4, answerLabel},
		{"LabelEnglishMixedCasePadded", "  Neither Agree Nor Disagree ", 3, answerLabel},
		{"LabelEnglishDisagree", "Disagree", 2, answerLabel},
		{"LabelJapaneseStronglyAgree", "とてもそう思う", 5, answerLabel},
		{"LabelJapaneseSomewhatAgree", "ややそう思う", 4, answerLabel},
		{"LabelJapaneseNeutral", "どちらともいえない", 3, answerLabel},
		{"LabelJapaneseDisagree", "あまりそう思わない", 2, answerLabel},
		{"LabelJapaneseStronglyDisagree", "全くそう思わない", 1, answerLabel},
		{"MissingBlank", "", Missing, answerMissing},
		{"MissingSpaces", "   ", Missing, answerMissing},
		{"MissingNA", "NA", Missing, answerMissing},
		{"MissingNALowerCase", "na", Missing, answerMissing},
		{"MissingNSlashA", "N/A", Missing, answerMissing},
		{"MissingExcelNA", "#N/A", Missing, answerMissing},
		{"MissingDash", "-", Missing, answerMissing},
		{"MissingDashPadded", " - ", Missing, answerMissing},
		{"MissingJapanese", "無回答", Missing, answerMissing},
		{"MissingFullWidthNA", "ＮＡ", Missing, answerMissing},
		{"MissingFullWidthDash", "－", Missing, answerMissing},
		{"MissingNull", "NULL", Missing, answerMissing},
		{"OutOfRangeZero", "0", Missing, answerOutOfRange},
		{"OutOfRangeSix", "6", Missing, answerOutOfRange},
		{"OutOfRangeNine", "9", Missing, answerOutOfRange},
		{"OutOfRangeTen", "10", Missing, answerOutOfRange},
		{"OutOfRangeNegative", "-1", Missing, answerOutOfRange},
		{"OutOfRangeWide", "６", Missing, answerOutOfRange},
		{"InvalidDecimal", "3.5", Missing, answerInvalid},
		{"InvalidExponent", "1e9", Missing, answerInvalid},
		{"InvalidWord", "maybe", Missing, answerInvalid},
		{"InvalidHuge", "99999999999999999999", Missing, answerInvalid},
		{"InvalidLabelPlusNumber", "5 Strongly agree", Missing, answerInvalid},
		{"InvalidTwoAnswers", "3,4", Missing, answerInvalid},
		{"WideDigit", "５", 5, answerWide},
		{"WideDigitPadded", "　２　", 2, answerWide},
		{"WideDigitLeadingZero", "０３", 3, answerWide},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, kind := p.parse(tc.cell)
			if got != tc.want || kind != tc.kind {
				t.Errorf("parse(%q) = %d, kind %d; want %d, kind %d", tc.cell, got, kind, tc.want, tc.kind)
			}
		})
	}
}

func TestAnswerParseOtherScales(t *testing.T) {
	six := newAnswerParser(mustReadCodebook(t, testCodebookHeader+"a1,alpha,false,1,6,,,\n"))
	eleven := newAnswerParser(mustReadCodebook(t, testCodebookHeader+"a1,alpha,false,0,10,,,\n"))
	signed := newAnswerParser(mustReadCodebook(t, testCodebookHeader+"a1,alpha,false,-2,2,,,\n"))
	tests := []struct {
		name string
		p    *answerParser
		cell string
		want int8
		kind answerKind
	}{
		{"SixPointSix", six, "6", 6, answerNumber},
		{"SixPointSeven", six, "7", Missing, answerOutOfRange},
		{"SixPointHasNoLabels", six, "Strongly agree", Missing, answerInvalid},
		{"SixPointHasNoJapaneseLabels", six, "とてもそう思う", Missing, answerInvalid},
		{"ElevenPointZero", eleven, "0", 0, answerNumber},
		{"ElevenPointTen", eleven, "10", 10, answerNumber},
		{"ElevenPointEleven", eleven, "11", Missing, answerOutOfRange},
		{"SignedNegative", signed, "-2", -2, answerNumber},
		{"SignedZero", signed, "0", 0, answerNumber},
		{"SignedBelow", signed, "-3", Missing, answerOutOfRange},
		{"SignedDashIsMissing", signed, "-", Missing, answerMissing},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, kind := tc.p.parse(tc.cell)
			if got != tc.want || kind != tc.kind {
				t.Errorf("parse(%q) = %d, kind %d; want %d, kind %d", tc.cell, got, kind, tc.want, tc.kind)
			}
		})
	}
}

func TestAnswerDescribeScale(t *testing.T) {
	if got, want := newAnswerParser(BuiltinCodebook()).describeScale(), "a whole number from 1 to 5, or its label"; got != want {
		t.Errorf("built-in: %q, want %q", got, want)
	}
	six := newAnswerParser(mustReadCodebook(t, testCodebookHeader+"a1,alpha,false,1,6,,,\n"))
	if got, want := six.describeScale(), "a whole number from 1 to 6"; got != want {
		t.Errorf("1–6: %q, want %q", got, want)
	}
}

func TestBuiltinLabels(t *testing.T) {
	labels := BuiltinCodebook().Labels()
	if len(labels) != 5 {
		t.Fatalf("%d labels, want 5", len(labels))
	}
	for i, l := range labels {
		if l.Value != i+1 || l.EN == "" || l.JA == "" {
			t.Errorf("label %d = %+v", i, l)
		}
	}
	if labels[4].JA != "とてもそう思う" || !strings.EqualFold(labels[0].EN, "strongly disagree") {
		t.Errorf("labels do not word the agreement scale: %+v", labels)
	}
}

// The common case, one ASCII digit, must not allocate: it runs once per cell.
func TestAnswerParseDigitAllocs(t *testing.T) {
	p := newAnswerParser(BuiltinCodebook())
	allocs := testing.AllocsPerRun(100, func() {
		for _, c := range []string{"1", "3", "5", "9"} {
			p.parse(c)
		}
	})
	if allocs != 0 {
		t.Errorf("%v allocations per run, want 0", allocs)
	}
}

func BenchmarkAnswerParse(b *testing.B) {
	p := newAnswerParser(BuiltinCodebook())
	cells := []string{"1", "5", "", "NA", "Agree", "とてもそう思う", "５", "3.5"}
	for i := 0; b.Loop(); i++ {
		p.parse(cells[i%len(cells)])
	}
}

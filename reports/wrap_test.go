package reports

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// monoWidth measures text as a terminal would: a Japanese character is two units wide,
// any other one.
func monoWidth(s string) float64 {
	w := 0.0
	for _, r := range s {
		if wideRune(r) {
			w += 2
		} else {
			w++
		}
	}
	return w
}

func TestWrapText(t *testing.T) {
	cases := []struct {
		name  string
		text  string
		width float64
		want  []string // nil: only the invariants are checked
	}{
		{name: "EnglishBreaksAtSpaces", text: "the quick brown fox jumps over the lazy dog", width: 15,
			want: []string{"the quick brown", "fox jumps over", "the lazy dog"}},
		{name: "JapaneseBreaksBetweenCharacters", text: "連携先とは必要な情報を共有", width: 10,
			want: []string{"連携先とは", "必要な情報", "を共有"}},
		// 、 would start the second line: it stays with は, and the line breaks earlier.
		{name: "NoCommaAtLineStart", text: "連携先とは、必要な情報", width: 10,
			want: []string{"連携先と", "は、必要な", "情報"}},
		// ー and small っ may not start a line either.
		{name: "NoProlongedSoundOrSmallKanaAtLineStart", text: "ミーティングがあったコーディネーター", width: 6,
			want: []string{"ミー", "ティン", "グが", "あった", "コー", "ディ", "ネー", "ター"}},
		// （ may not end a line: it moves down with what it opens.
		{name: "NoOpeningBracketAtLineEnd", text: "平均値の差（95%信頼区間）", width: 12,
			want: []string{"平均値の差", "（95%信頼区", "間）"}},
		{name: "MixedScriptsBreakAtTheBoundary", text: "kita-hospitalの信頼が低下", width: 16,
			want: []string{"kita-hospitalの", "信頼が低下"}},
		{name: "LongWordBrokenBetweenCharacters", text: "abcdefghij klm", width: 4,
			want: []string{"abcd", "efgh", "ij", "klm"}},
		{name: "LineFeedsKept", text: "one\ntwo three", width: 20, want: []string{"one", "two three"}},
		{name: "EmptyText", text: "", width: 10, want: []string{""}},
		{name: "LongJapaneseSentence", width: 23,
			text: "研修の前後で、コミュニケーションは+0.69点（95%信頼区間0.39〜0.98、改善）、役割の明確さは+0.74点（95%信頼区間0.42〜1.06、改善）でした。目標の共有には明確な変化はありません。"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			lines := wrapText(tc.text, tc.width, monoWidth)
			if tc.want != nil && strings.Join(lines, "|") != strings.Join(tc.want, "|") {
				t.Errorf("lines:\n  got  %q\n  want %q", lines, tc.want)
			}
			// No character is lost: only the spaces at breaks (and line feeds) go.
			strip := func(s string) string { return strings.NewReplacer(" ", "", "\n", "").Replace(s) }
			if got, want := strip(strings.Join(lines, "")), strip(tc.text); got != want {
				t.Errorf("characters lost or changed:\n  got  %s\n  want %s", got, want)
			}
			for i, line := range lines {
				if monoWidth(line) > tc.width && utf8.RuneCountInString(line) > 1 {
					t.Errorf("line %d %q is %g wide, more than %g", i, line, monoWidth(line), tc.width)
				}
				if r, _ := utf8.DecodeRuneInString(line); i > 0 && strings.ContainsRune(noLineStart, r) {
					t.Errorf("line %d starts with %q", i, r)
				}
				if r, _ := utf8.DecodeLastRuneInString(line); i < len(lines)-1 && strings.ContainsRune(noLineEnd, r) {
					t.Errorf("line %d ends with %q", i, r)
				}
			}
		})
	}
}

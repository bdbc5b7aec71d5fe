package survey

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"

	"golang.org/x/text/encoding/japanese"
)

// shiftJIS encodes s in Shift_JIS (CP932), as Excel in Japan saves a CSV file.
func shiftJIS(tb testing.TB, s string) []byte {
	tb.Helper()
	b, err := japanese.ShiftJIS.NewEncoder().Bytes([]byte(s))
	if err != nil {
		tb.Fatalf("encoding %q in Shift_JIS: %v", s, err)
	}
	return b
}

func TestParseEncoding(t *testing.T) {
	tests := []struct {
		in   string
		want Encoding
	}{
		{"", EncodingAuto},
		{"auto", EncodingAuto},
		{" AUTO ", EncodingAuto},
		{"utf-8", EncodingUTF8},
		{"UTF-8", EncodingUTF8},
		{"utf8", EncodingUTF8},
		{"shift_jis", EncodingShiftJIS},
		{"Shift_JIS", EncodingShiftJIS},
		{"shift-jis", EncodingShiftJIS},
		{"SJIS", EncodingShiftJIS},
		{"cp932", EncodingShiftJIS},
		{"Windows-31J", EncodingShiftJIS},
	}
	for _, tc := range tests {
		t.Run("Read"+tc.in, func(t *testing.T) {
			got, err := ParseEncoding(tc.in)
			if err != nil || got != tc.want {
				t.Errorf("ParseEncoding(%q) = %q, %v; want %q", tc.in, got, err, tc.want)
			}
		})
	}
	for _, in := range []string{"latin1", "utf-16", "euc-jp", "utf"} {
		t.Run("Err"+in, func(t *testing.T) {
			got, err := ParseEncoding(in)
			if err == nil {
				t.Fatalf("ParseEncoding(%q) = %q, want an error", in, got)
			}
			if !strings.Contains(err.Error(), in) || !strings.Contains(err.Error(), "auto, utf-8 or shift_jis") {
				t.Errorf("message %q should name the input and the choices", err)
			}
		})
	}
}

func TestDetectEncoding(t *testing.T) {
	const japaneseText = "partnership,wave\n市役所×病院,2026Q1\nとてもそう思う\n"
	sjis := shiftJIS(t, japaneseText)
	// A Shift_JIS text cut after a lead byte, and one cut right after a whole
	// two-byte character whose second byte is ≥ 0x81 ("あ" is 82 A0).
	cutLead := append(bytes.Repeat([]byte("a"), 100), 0x82)
	cutAfterChar := append(bytes.Repeat([]byte("a"), 100), shiftJIS(t, "あ")...)
	tests := []struct {
		name  string
		head  []byte
		atEOF bool
		want  Encoding
	}{
		{"ASCIIIsUTF8", []byte("partnership,wave\np1,2026Q1\n"), true, EncodingUTF8},
		{"EmptyIsUTF8", nil, true, EncodingUTF8},
		{"JapaneseUTF8", []byte(japaneseText), true, EncodingUTF8},
		{"BOMIsUTF8", append([]byte("\xEF\xBB\xBF"), japaneseText...), true, EncodingUTF8},
		{"BOMBeforeBadBytesIsUTF8", []byte("\xEF\xBB\xBF\x82\xA0"), true, EncodingUTF8},
		{"ShiftJIS", sjis, true, EncodingShiftJIS},
		{"HalfWidthKatakanaShiftJIS", shiftJIS(t, "ｱﾝｹｰﾄ,1\n"), true, EncodingShiftJIS},
		{"UTF8CutMidCharacter", []byte(japaneseText)[:len("partnership,wave\n市")+1], false, EncodingUTF8},
		{"ShiftJISCutAfterLeadByte", cutLead, false, EncodingShiftJIS},
		{"ShiftJISCutAfterWholeCharacter", cutAfterChar, false, EncodingShiftJIS},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := detectEncoding(tc.head, tc.atEOF)
			if err != nil || got != tc.want {
				t.Errorf("detectEncoding = %q, %v; want %q", got, err, tc.want)
			}
		})
	}
	errs := []struct {
		name, head, msg string
	}{
		{"ErrUTF16LE", "\xFF\xFEp\x00a\x00", "UTF-16"},
		{"ErrUTF16BE", "\xFE\xFF\x00p\x00a", "UTF-16"},
		{"ErrNeither", "abc\xA0\xA0def", "neither UTF-8 nor Shift_JIS"},
		{"ErrShiftJISCutAtEOF", "abc\x82", "neither UTF-8 nor Shift_JIS"},
	}
	for _, tc := range errs {
		t.Run(tc.name, func(t *testing.T) {
			got, err := detectEncoding([]byte(tc.head), true)
			if err == nil {
				t.Fatalf("detectEncoding = %q, want an error", got)
			}
			if !strings.Contains(err.Error(), tc.msg) {
				t.Errorf("error %q does not contain %q", err, tc.msg)
			}
		})
	}
}

func TestNewTextReader(t *testing.T) {
	const text = "partnership,wave,comm1\n市役所×病院,2026Q1,とてもそう思う\n"
	tests := []struct {
		name    string
		data    []byte
		enc     Encoding
		wantEnc Encoding
		want    string
	}{
		{"AutoUTF8", []byte(text), EncodingAuto, EncodingUTF8, text},
		{"EmptyMeansAuto", []byte(text), "", EncodingUTF8, text},
		{"AutoBOMStripped", append([]byte("\xEF\xBB\xBF"), text...), EncodingAuto, EncodingUTF8, text},
		{"ForcedUTF8BOMStripped", append([]byte("\xEF\xBB\xBF"), text...), EncodingUTF8, EncodingUTF8, text},
		{"AutoShiftJIS", shiftJIS(t, text), EncodingAuto, EncodingShiftJIS, text},
		{"ForcedShiftJIS", shiftJIS(t, text), EncodingShiftJIS, EncodingShiftJIS, text},
		{"ForcedShiftJISOnASCII", []byte("a,b\n"), EncodingShiftJIS, EncodingShiftJIS, "a,b\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, enc, err := newTextReader(bytes.NewReader(tc.data), tc.enc)
			if err != nil {
				t.Fatal(err)
			}
			if enc != tc.wantEnc {
				t.Errorf("encoding %q, want %q", enc, tc.wantEnc)
			}
			got, err := io.ReadAll(r)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tc.want {
				t.Errorf("text %q, want %q", got, tc.want)
			}
		})
	}
	t.Run("ErrUTF16", func(t *testing.T) {
		_, _, err := newTextReader(bytes.NewReader([]byte("\xFF\xFEp\x00")), EncodingAuto)
		if err == nil || !strings.Contains(err.Error(), "UTF-16") {
			t.Errorf("error %v, want one about UTF-16", err)
		}
	})
	t.Run("ErrRead", func(t *testing.T) {
		_, _, err := newTextReader(io.MultiReader(strings.NewReader("a,b\n"), errReader{}), EncodingAuto)
		if err != errBroken {
			t.Errorf("error %v, want %v", err, errBroken)
		}
	})
}

// A Shift_JIS file longer than the detection span decodes whole, whatever byte the span
// ends on.
func TestNewTextReaderLongShiftJIS(t *testing.T) {
	for pad := 0; pad < 4; pad++ {
		var b strings.Builder
		b.WriteString(strings.Repeat("x", detectSpan-2-pad))
		for b.Len() < detectSpan+100 {
			b.WriteString("あい,ｱ\n")
		}
		text := b.String()
		r, enc, err := newTextReader(bytes.NewReader(shiftJIS(t, text)), EncodingAuto)
		if err != nil {
			t.Fatalf("pad %d: %v", pad, err)
		}
		if enc != EncodingShiftJIS {
			t.Errorf("pad %d: encoding %q, want shift_jis", pad, enc)
		}
		got, err := io.ReadAll(r)
		if err != nil || string(got) != text {
			t.Errorf("pad %d: text differs (%d bytes, want %d), %v", pad, len(got), len(text), err)
		}
	}
}

func TestDecodeAll(t *testing.T) {
	tests := []struct {
		name    string
		data    []byte
		enc     Encoding
		want    string
		wantEnc Encoding
		wantErr string
	}{
		{"UTF8", []byte("信頼"), EncodingAuto, "信頼", EncodingUTF8, ""},
		{"BOM", []byte("\xEF\xBB\xBF信頼"), EncodingAuto, "信頼", EncodingUTF8, ""},
		{"ShiftJIS", shiftJIS(t, "信頼"), EncodingAuto, "信頼", EncodingShiftJIS, ""},
		{"ErrForcedUTF8OnShiftJIS", shiftJIS(t, "信頼"), EncodingUTF8, "", "", "not valid utf-8 text"},
		{"ErrForcedShiftJISOnBadBytes", []byte("ok\xA0"), EncodingShiftJIS, "", "", "not valid shift_jis text"},
		{"ErrUTF16", []byte("\xFE\xFF\x00a"), EncodingAuto, "", "", "UTF-16"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, enc, err := decodeAll(tc.data, tc.enc)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Errorf("error %v, want one containing %q", err, tc.wantErr)
				}
				return
			}
			if err != nil || got != tc.want || enc != tc.wantEnc {
				t.Errorf("decodeAll = %q, %q, %v; want %q, %q", got, enc, err, tc.want, tc.wantEnc)
			}
		})
	}
}

var errBroken = errors.New("disk on fire")

// errReader fails every read, like a file on a broken disk.
type errReader struct{}

func (errReader) Read([]byte) (int, error) { return 0, errBroken }

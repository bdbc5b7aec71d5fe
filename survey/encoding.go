package survey

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/transform"
)

// Encoding names a text encoding of an input file.
type Encoding string

// The encodings renkei reads. Shift_JIS means Microsoft's CP932 (Windows-31J), which is
// what Excel in Japan writes.
const (
	EncodingAuto     Encoding = "auto"
	EncodingUTF8     Encoding = "utf-8"
	EncodingShiftJIS Encoding = "shift_jis"
)

// ParseEncoding reads an encoding name: auto, utf-8 (utf8) or shift_jis (sjis, cp932,
// windows-31j), in any letter case.
func ParseEncoding(s string) (Encoding, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "auto":
		return EncodingAuto, nil
	case "utf-8", "utf8":
		return EncodingUTF8, nil
	case "shift_jis", "shift-jis", "sjis", "cp932", "windows-31j":
		return EncodingShiftJIS, nil
	}
	return "", fmt.Errorf("unknown encoding %q; use auto, utf-8 or shift_jis", s)
}

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// detectSpan is how much of a file is looked at to tell its encoding.
const detectSpan = 64 << 10

// detectEncoding tells UTF-8 from Shift_JIS by the file's first bytes: a BOM or valid
// UTF-8 is UTF-8; bytes that are valid CP932 and not UTF-8 are Shift_JIS.
func detectEncoding(head []byte, atEOF bool) (Encoding, error) {
	if bytes.HasPrefix(head, utf8BOM) {
		return EncodingUTF8, nil
	}
	if bytes.HasPrefix(head, []byte{0xFF, 0xFE}) || bytes.HasPrefix(head, []byte{0xFE, 0xFF}) {
		return "", errors.New("the file is UTF-16; save it as CSV UTF-8 (or as CSV in Shift_JIS) and run again")
	}
	if validUTF8Prefix(head, atEOF) {
		return EncodingUTF8, nil
	}
	if validShiftJIS(head, atEOF) {
		return EncodingShiftJIS, nil
	}
	return "", errors.New("the file is neither UTF-8 nor Shift_JIS text; save it as CSV UTF-8 and run again")
}

// validUTF8Prefix reports whether b is valid UTF-8, allowing a character cut off at the
// end of a partial read.
func validUTF8Prefix(b []byte, atEOF bool) bool {
	if !atEOF {
		for i := 0; i < utf8.UTFMax && i < len(b); i++ {
			if utf8.RuneStart(b[len(b)-1-i]) {
				if !utf8.FullRune(b[len(b)-1-i:]) {
					b = b[:len(b)-1-i]
				}
				break
			}
		}
	}
	return utf8.Valid(b)
}

func validShiftJIS(b []byte, atEOF bool) bool {
	if decodesAsShiftJIS(b) {
		return true
	}
	// A partial read may end on the lead byte of a cut-off character. The last byte
	// alone cannot tell: the second byte of a whole character can be ≥ 0x81 too.
	return !atEOF && len(b) > 0 && b[len(b)-1] >= 0x81 && decodesAsShiftJIS(b[:len(b)-1])
}

func decodesAsShiftJIS(b []byte) bool {
	out, err := japanese.ShiftJIS.NewDecoder().Bytes(b)
	return err == nil && !bytes.ContainsRune(out, utf8.RuneError)
}

// newTextReader returns a reader of the UTF-8 text of r, with any BOM removed, and the
// encoding it used (detected when enc is EncodingAuto).
func newTextReader(r io.Reader, enc Encoding) (io.Reader, Encoding, error) {
	br := bufio.NewReaderSize(r, detectSpan)
	head, err := br.Peek(detectSpan)
	atEOF := err != nil
	if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, bufio.ErrBufferFull) {
		return nil, "", err
	}
	if enc == EncodingAuto || enc == "" {
		if enc, err = detectEncoding(head, atEOF); err != nil {
			return nil, "", err
		}
	}
	switch enc {
	case EncodingShiftJIS:
		return transform.NewReader(br, japanese.ShiftJIS.NewDecoder()), enc, nil
	default:
		if bytes.HasPrefix(head, utf8BOM) {
			_, _ = br.Discard(len(utf8BOM))
		}
		return br, EncodingUTF8, nil
	}
}

// decodeAll returns data as UTF-8 text, for small files read whole (codebooks).
func decodeAll(data []byte, enc Encoding) (string, Encoding, error) {
	r, enc, err := newTextReader(bytes.NewReader(data), enc)
	if err != nil {
		return "", "", err
	}
	text, err := io.ReadAll(r)
	if err != nil {
		return "", "", err
	}
	if !utf8.Valid(text) || (enc == EncodingShiftJIS && bytes.ContainsRune(text, utf8.RuneError)) {
		return "", "", fmt.Errorf("the file is not valid %s text", enc)
	}
	return string(text), enc, nil
}

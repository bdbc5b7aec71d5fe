package survey

import (
	"bytes"
	"errors"
	"io"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/text/encoding/japanese"
)

// mustShiftJIS encodes s for seed corpora, where no testing.TB is at hand.
func mustShiftJIS(s string) []byte {
	b, err := japanese.ShiftJIS.NewEncoder().Bytes([]byte(s))
	if err != nil {
		panic(err)
	}
	return b
}

func FuzzReader(f *testing.F) {
	row := "p1,2026Q1," + ans() + "\n"
	seeds := [][]byte{
		[]byte(basicHeader + row),
		[]byte("\xEF\xBB\xBF" + basicHeader + row + "p2,2026-05-14," + ans("comm1", "Agree", "goal4", "５") + "\n"),
		mustShiftJIS("partnership,wave,phase," + itemColumns + "\n市役所×病院,FY2026Q1,事前," + ans("comm1", "とてもそう思う") + "\n"),
		[]byte("org,partner,wave,comm1,comm2\nA,B,2026Q1,1,9\nA,,2026Q1,x,\n"),
		[]byte(basicHeader + "p1,2026Q1,3,a\"b\n" + ",,,\n\n" + "p1,2026Q1,\"1\n2\",\n"),
		[]byte(basicHeader + "p1,2026Q1,\"3\n"),
		[]byte(basicHeader + "p1\x00,2026Q1\n"),
		[]byte("partnership,wave,comm1,Comm1\n"),
		[]byte("\xFF\xFEp\x00"),
		[]byte(""),
		[]byte("partnership,wave,comm1\r\np1,2026Q5,1\r\np2,2026Q1,6,extra\r\n"),
	}
	for i, s := range seeds {
		f.Add(s, uint8(i))
	}
	cb := BuiltinCodebook()
	f.Fuzz(func(t *testing.T, data []byte, mode uint8) {
		encodings := []Encoding{EncodingAuto, EncodingUTF8, EncodingShiftJIS}
		opt := ReadOptions{
			Encoding: encodings[int(mode)%len(encodings)],
			Calendar: Calendar{FiscalStart: int(mode/3)%13 + 1},
		}
		rd, err := NewReader(bytes.NewReader(data), "fuzz.csv", cb, opt)
		if err != nil {
			requireFileError(t, err)
			return
		}
		accepted := 0
		for {
			r, err := rd.Read()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				requireFileError(t, err)
				break
			}
			accepted++
			if r.Partnership == "" || strings.TrimSpace(r.Partnership) != r.Partnership {
				t.Errorf("line %d: partnership %q", r.Line, r.Partnership)
			}
			if r.Line < 2 {
				t.Errorf("response on line %d, before the first data row", r.Line)
			}
			if r.Wave.Quarter < 1 || r.Wave.Quarter > 4 {
				t.Errorf("line %d: wave %+v", r.Line, r.Wave)
			}
			if len(r.Answers) != len(cb.Items) {
				t.Fatalf("line %d: %d answers for %d items", r.Line, len(r.Answers), len(cb.Items))
			}
			for j, a := range r.Answers {
				if a != Missing && (a < 1 || a > 5) {
					t.Errorf("line %d: answer %d to %s is neither missing nor on the scale", r.Line, a, cb.Items[j].ID)
				}
			}
		}
		read, rejected := rd.Rows()
		if read-rejected < accepted || rejected < 0 {
			t.Errorf("Rows() = %d read, %d rejected, but %d accepted", read, rejected, accepted)
		}
		for _, p := range rd.Problems() {
			if p.Line < 0 || p.Column < 0 || p.Code == "" || p.Severity == "" || p.Message == "" || p.File != "fuzz.csv" {
				t.Errorf("malformed problem %+v", p)
			}
		}
	})
}

func requireFileError(t *testing.T, err error) {
	t.Helper()
	var fe *FileError
	if !errors.As(err, &fe) {
		t.Fatalf("error %T %v, want *FileError", err, err)
	}
	if fe.Line < 0 || fe.Err == nil {
		t.Fatalf("malformed FileError %+v", fe)
	}
}

func FuzzCodebook(f *testing.F) {
	f.Add(BuiltinCodebookCSV())
	f.Add([]byte(sixPointCodebook))
	f.Add(mustShiftJIS(sixPointCodebook))
	f.Add(append([]byte("\xEF\xBB\xBF"), sixPointCodebook...))
	f.Add([]byte("item,dimension,reverse,min,max\na1,alpha,true,0,10\na2,beta,0,0,10\n"))
	f.Add([]byte(testCodebookHeader + "a1,alpha,false,5,1,,,\n"))
	f.Add([]byte(testCodebookHeader + "a1,alpha,false,1,5,\"open,,\n"))
	f.Add([]byte(testCodebookHeader + "a1,alpha,false,1,5,,,\na1,beta,false,1,5,,,\n"))
	f.Add([]byte(testCodebookHeader + "wave,health,maybe,x,y,,,\n"))
	f.Add([]byte("item,dimension\n"))
	f.Add([]byte(""))
	f.Fuzz(func(t *testing.T, data []byte) {
		cb, err := ReadCodebook(bytes.NewReader(data), "fuzz.csv")
		if err != nil {
			requireFileError(t, err)
			return
		}
		checkCodebook(t, cb)
		// What is written reads back the same.
		var buf bytes.Buffer
		if err := WriteCodebookCSV(&buf, cb); err != nil {
			t.Fatal(err)
		}
		back, err := ReadCodebook(&buf, "written")
		if err != nil {
			t.Fatalf("the written codebook does not read back: %v\n%s", err, buf.Bytes())
		}
		if !reflect.DeepEqual(back, cb) {
			t.Errorf("read back\n%+v\nwant\n%+v", back, cb)
		}
	})
}

// checkCodebook checks the invariants of a codebook ReadCodebook accepted.
func checkCodebook(t *testing.T, cb *Codebook) {
	t.Helper()
	if len(cb.Items) == 0 || len(cb.Dimensions) == 0 {
		t.Fatalf("%d items in %d dimensions", len(cb.Items), len(cb.Dimensions))
	}
	if cb.Min >= cb.Max || cb.Points() > maxScalePoints {
		t.Errorf("scale %d–%d", cb.Min, cb.Max)
	}
	ids := map[string]bool{}
	for _, it := range cb.Items {
		if it.Min >= it.Max || it.Min != cb.Min || it.Max != cb.Max {
			t.Errorf("item %q scale %d–%d, codebook %d–%d", it.ID, it.Min, it.Max, cb.Min, cb.Max)
		}
		if it.ID == "" || isReservedColumn(it.ID) || it.Dimension == "" || strings.EqualFold(it.Dimension, HealthDimension) {
			t.Errorf("item %+v should have been rejected", it)
		}
		if id := strings.ToLower(it.ID); ids[id] {
			t.Errorf("item %q twice", it.ID)
		} else {
			ids[id] = true
		}
	}
	owner := make([]int, len(cb.Items))
	for i := range owner {
		owner[i] = -1
	}
	for d, dim := range cb.Dimensions {
		if len(dim.Items) == 0 {
			t.Errorf("dimension %q has no items", dim.ID)
		}
		for _, j := range dim.Items {
			if j < 0 || j >= len(cb.Items) {
				t.Fatalf("dimension %q lists item index %d of %d", dim.ID, j, len(cb.Items))
			}
			if cb.Items[j].Dimension != dim.ID {
				t.Errorf("dimension %q lists item %q of dimension %q", dim.ID, cb.Items[j].ID, cb.Items[j].Dimension)
			}
			if owner[j] >= 0 {
				t.Errorf("item %q in two dimensions", cb.Items[j].ID)
			}
			owner[j] = d
		}
	}
	for j, d := range owner {
		if d < 0 {
			t.Errorf("item %q in no dimension", cb.Items[j].ID)
		}
	}
}

func FuzzParseWave(f *testing.F) {
	for _, s := range []string{"2026Q1", "2026-Q1", "2026 q1", "FY2026Q4", "２０２６Ｑ１", "2026-05-14", "2026/5/14",
		"2026/11/05 10:23", "1900-01-15", "2999-12-31", "spring", "2026Q5", "", "26Q1", "2026-02-30"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, cal := range []Calendar{{FiscalStart: 1}, {FiscalStart: 4}} {
			w, err := cal.ParseWave(s)
			if err != nil {
				if !errors.Is(err, errWave) || w != (Wave{}) {
					t.Errorf("FiscalStart %d: ParseWave(%q) = %+v, %v", cal.FiscalStart, s, w, err)
				}
				continue
			}
			if w.Quarter < 1 || w.Quarter > 4 {
				t.Errorf("FiscalStart %d: ParseWave(%q) = %+v: quarter out of 1..4", cal.FiscalStart, s, w)
			}
			label := cal.Label(w)
			back, err := cal.ParseWave(label)
			if err != nil || back != w {
				t.Errorf("FiscalStart %d: ParseWave(%q) = %+v, labelled %q, read back as %+v, %v", cal.FiscalStart, s, w, label, back, err)
			}
			if WaveFromIndex(w.Index()) != w {
				t.Errorf("WaveFromIndex(Index(%+v)) = %+v", w, WaveFromIndex(w.Index()))
			}
			first, last := cal.Months(w)
			if cal.WaveOf(first) != w || cal.WaveOf(last) != w {
				t.Errorf("FiscalStart %d: %+v spans %v … %v", cal.FiscalStart, w, first, last)
			}
		}
	})
}

// FuzzParseAnswer: any cell yields a value on the scale or Missing, and the kind says
// which; a cell read as a number reads back the same from its decimal form.
func FuzzParseAnswer(f *testing.F) {
	for _, s := range []string{"", "3", " 4 ", "５", "Strongly agree", "とてもそう思う", "NA", "－", "3.5", "-1", "1e9", "maybe", "\x00", "\xff"} {
		f.Add(s, 1, 5)
	}
	f.Add("0", 0, 10)
	f.Add("-2", -3, 3)
	f.Fuzz(func(t *testing.T, cell string, min, max int) {
		if min < minScaleValue || max > maxScaleValue || min >= max || max-min+1 > maxScalePoints {
			return
		}
		p := newAnswerParser(&Codebook{Min: min, Max: max})
		v, kind := p.parse(cell)
		switch kind {
		case answerNumber, answerLabel, answerWide:
			if int(v) < min || int(v) > max {
				t.Fatalf("parse(%q) = %d, off the scale %d–%d", cell, v, min, max)
			}
			if back, k := p.parse(strconv.Itoa(int(v))); back != v || k != answerNumber {
				t.Fatalf("parse(%q) = %d, but %d reads back as %d (%v)", cell, v, v, back, k)
			}
		default:
			if v != Missing {
				t.Fatalf("parse(%q) = %d with kind %v, want Missing", cell, v, kind)
			}
		}
	})
}

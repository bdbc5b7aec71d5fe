package reports

import (
	"bytes"
	"encoding/json"
	"testing"
)

// TestWriteIndentedJSONAsEncoder: field by field, the streamed JSON is the Encoder's.
func TestWriteIndentedJSONAsEncoder(t *testing.T) {
	type inner struct {
		A string            `json:"a"`
		M map[string][]int  `json:"m,omitempty"`
		P *float64          `json:"p"`
		N []string          `json:"n"`
		X map[string]string `json:"x"`
	}
	type doc struct {
		Text     string  `json:"text"`
		Skipped  string  `json:"skipped,omitempty"`
		Zero     int     `json:"zero"`
		ZeroOmit int     `json:"zero_omit,omitempty"`
		Flag     bool    `json:"flag,omitempty"`
		Items    []inner `json:"items"`
		Empty    []inner `json:"empty"`
		Nil      []inner `json:"nil"`
		NilOmit  []inner `json:"nil_omit,omitempty"`
		Ptr      *inner  `json:"ptr,omitempty"`
		NilPtr   *inner  `json:"nil_ptr"`
		Numbers  []int   `json:"numbers"`
		Hidden   string  `json:"-"`
		NoTag    string
		private  string
	}
	half := 0.5
	for _, c := range []struct {
		name string
		v    any
	}{
		{name: "Full", v: doc{
			Text: "<b>&\"quoted\"</b> 日本語", Flag: true,
			Items:   []inner{{A: "one", M: map[string][]int{"z": {1}, "a": nil}, P: &half, N: []string{}}, {A: "two"}},
			Empty:   []inner{},
			Ptr:     &inner{A: "<", X: map[string]string{}},
			Numbers: []int{1, 2, 3}, Hidden: "h", NoTag: "no tag", private: "p",
		}},
		{name: "Zero", v: doc{}},
		{name: "NoFields", v: struct{}{}},
		{name: "AllOmitted", v: struct {
			A string `json:"a,omitempty"`
		}{}},
	} {
		t.Run(c.name, func(t *testing.T) {
			var want, got bytes.Buffer
			enc := json.NewEncoder(&want)
			enc.SetIndent("", "  ")
			if err := enc.Encode(c.v); err != nil {
				t.Fatal(err)
			}
			if err := writeIndentedJSON(&got, c.v); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got.Bytes(), want.Bytes()) {
				t.Errorf("streamed:\n%s\nEncoder:\n%s", got.Bytes(), want.Bytes())
			}
		})
	}
}

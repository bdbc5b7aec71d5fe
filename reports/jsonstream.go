package reports

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"reflect"
	"strings"
)

// writeIndentedJSON writes v, a struct, byte for byte as a json.Encoder with
// SetIndent("", "  ") writes it, but one field at a time, and a slice field one
// element at a time. summary.json of a large run is tens of megabytes (2,000
// partnerships: 26 MB), which the Encoder builds whole, twice — compact, then indented
// — before writing a byte.
func writeIndentedJSON(w io.Writer, v any) error {
	bw := bufio.NewWriter(w)
	rv := reflect.ValueOf(v)
	var buf bytes.Buffer
	put := func(x any, prefix string) error {
		data, err := json.Marshal(x) // escapes <, > and & as the Encoder does by default
		if err != nil {
			return err
		}
		buf.Reset()
		if err := json.Indent(&buf, data, prefix, "  "); err != nil {
			return err
		}
		_, err = bw.Write(buf.Bytes())
		return err
	}
	bw.WriteString("{")
	first := true
	for i := range rv.NumField() {
		f := rv.Type().Field(i)
		name, opts, _ := strings.Cut(f.Tag.Get("json"), ",")
		fv := rv.Field(i)
		if !f.IsExported() || name == "-" || (strings.Contains(","+opts+",", ",omitempty,") && emptyJSON(fv)) {
			continue
		}
		if name == "" {
			name = f.Name
		}
		if !first {
			bw.WriteString(",")
		}
		first = false
		key, err := json.Marshal(name)
		if err != nil {
			return err
		}
		bw.WriteString("\n  ")
		bw.Write(key)
		bw.WriteString(": ")
		if fv.Kind() != reflect.Slice || fv.Len() == 0 {
			if err := put(fv.Interface(), "  "); err != nil {
				return err
			}
			continue
		}
		bw.WriteString("[")
		for j := range fv.Len() {
			if j > 0 {
				bw.WriteString(",")
			}
			bw.WriteString("\n    ")
			if err := put(fv.Index(j).Interface(), "    "); err != nil {
				return err
			}
		}
		bw.WriteString("\n  ]")
	}
	if !first {
		bw.WriteString("\n")
	}
	bw.WriteString("}\n")
	return bw.Flush()
}

// emptyJSON is encoding/json's test for omitempty.
func emptyJSON(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Array, reflect.Map, reflect.Slice, reflect.String:
		return v.Len() == 0
	case reflect.Bool,
		reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr,
		reflect.Float32, reflect.Float64,
		reflect.Interface, reflect.Pointer:
		return v.IsZero()
	}
	return false
}

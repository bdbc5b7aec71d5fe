package reports

import (
	"bytes"
	"io"
)

// ChartCache draws each chart's SVG at most once and keeps it, so that the charts/
// folder and the HTML report share one drawing; it is not safe for concurrent use.
// PNGs are not kept: a 300-DPI PNG is ten times the SVG, and the PDF draws its own,
// each a few pixels wider (see pdfWriter.chart), so each PNG has one consumer.
type ChartCache struct {
	charts []Chart
	index  map[string]int // chart name → position in charts
	svg    map[string][]byte
}

// NewChartCache returns a cache of charts, none drawn yet.
func NewChartCache(charts []Chart) *ChartCache {
	c := &ChartCache{charts: charts, index: map[string]int{}, svg: map[string][]byte{}}
	for i, ch := range charts {
		c.index[ch.Name] = i
	}
	return c
}

// Charts returns the charts in the order given.
func (c *ChartCache) Charts() []Chart { return c.charts }

// SVG returns the chart named name as SVG, drawing it on first use.
func (c *ChartCache) SVG(name string) ([]byte, error) {
	if data, ok := c.svg[name]; ok {
		return data, nil
	}
	ch, ok := c.byName(name)
	if !ok {
		return nil, &missingChartError{name}
	}
	var buf bytes.Buffer
	if err := ch.WriteSVG(&buf); err != nil {
		return nil, err
	}
	data := bytes.Clone(buf.Bytes()) // without the buffer's spare capacity
	c.svg[name] = data
	return data, nil
}

// WriteSVG returns a writer of the chart's SVG for an output file.
func (c *ChartCache) WriteSVG(name string) func(io.Writer) error {
	return func(w io.Writer) error {
		data, err := c.SVG(name)
		if err != nil {
			return err
		}
		_, err = w.Write(data)
		return err
	}
}

// WritePNG returns a writer of the chart's PNG for an output file, drawn as it is
// written.
func (c *ChartCache) WritePNG(name string) func(io.Writer) error {
	return func(w io.Writer) error {
		ch, ok := c.byName(name)
		if !ok {
			return &missingChartError{name}
		}
		return ch.WritePNG(w)
	}
}

type missingChartError struct{ name string }

func (e *missingChartError) Error() string { return "no chart named " + e.name }

func (c *ChartCache) byName(name string) (Chart, bool) {
	i, ok := c.index[name]
	if !ok {
		return Chart{}, false
	}
	return c.charts[i], true
}

// find returns the chart of a kind about a subject.
func (c *ChartCache) find(kind, subject string) (Chart, bool) {
	if c == nil {
		return Chart{}, false
	}
	for _, ch := range c.charts {
		if ch.Kind == kind && ch.Subject == subject {
			return ch, true
		}
	}
	return Chart{}, false
}

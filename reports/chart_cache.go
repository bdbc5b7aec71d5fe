package reports

import (
	"bytes"
	"io"
)

// ChartCache draws each chart at most once per format and keeps the result, so that
// the charts/ folder, the HTML report (SVG) and the PDF report (PNG) share one drawing.
// It holds the encoded charts of one run in memory (for the sample about 15 MB of
// PNG); it is not safe for concurrent use.
type ChartCache struct {
	charts   []Chart
	index    map[string]int // chart name → position in charts
	svg, png map[string][]byte
}

// NewChartCache returns a cache of charts, none drawn yet.
func NewChartCache(charts []Chart) *ChartCache {
	c := &ChartCache{charts: charts, index: map[string]int{}, svg: map[string][]byte{}, png: map[string][]byte{}}
	for i, ch := range charts {
		c.index[ch.Name] = i
	}
	return c
}

// Charts returns the charts in the order given.
func (c *ChartCache) Charts() []Chart { return c.charts }

// SVG returns the chart named name as SVG, drawing it on first use.
func (c *ChartCache) SVG(name string) ([]byte, error) { return c.encoded(c.svg, name, Chart.WriteSVG) }

// PNG returns the chart named name as PNG, drawing it on first use.
func (c *ChartCache) PNG(name string) ([]byte, error) { return c.encoded(c.png, name, Chart.WritePNG) }

// WriteSVG returns a writer of the chart's SVG for an output file.
func (c *ChartCache) WriteSVG(name string) func(io.Writer) error {
	return func(w io.Writer) error { return copyEncoded(w, c.SVG, name) }
}

// WritePNG returns a writer of the chart's PNG for an output file.
func (c *ChartCache) WritePNG(name string) func(io.Writer) error {
	return func(w io.Writer) error { return copyEncoded(w, c.PNG, name) }
}

func copyEncoded(w io.Writer, get func(string) ([]byte, error), name string) error {
	data, err := get(name)
	if err != nil {
		return err
	}
	_, err = w.Write(data)
	return err
}

func (c *ChartCache) encoded(done map[string][]byte, name string, write func(Chart, io.Writer) error) ([]byte, error) {
	if data, ok := done[name]; ok {
		return data, nil
	}
	ch, ok := c.byName(name)
	if !ok {
		return nil, &missingChartError{name}
	}
	var buf bytes.Buffer
	if err := write(ch, &buf); err != nil {
		return nil, err
	}
	done[name] = buf.Bytes()
	return buf.Bytes(), nil
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

package reports

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"golang.org/x/image/font/sfnt"
)

// fontAdvice says what to do when no Japanese font is at hand.
const fontAdvice = "install the IPAex Gothic font (Debian and Ubuntu: apt-get install fonts-ipaexfont-gothic) or set RENKEI_FONT (--font) to a .ttf file with Japanese glyphs"

// ChartFont is a TrueType font for the text of charts.
type ChartFont struct {
	name string // the file it was read from
	data []byte // the file's bytes, which the PDF report embeds a subset of
	face *sfnt.Font
}

// Name returns the file the font was read from.
func (f *ChartFont) Name() string { return f.name }

// LoadChartFont reads a TrueType (.ttf) or OpenType (.otf) font file. Collections
// (.ttc) are not supported by the chart backends.
func LoadChartFont(path string) (*ChartFont, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	face, err := sfnt.Parse(data)
	if err != nil {
		return nil, fmt.Errorf("%s is not a TrueType font (%v); font collections (.ttc) cannot be used, name a .ttf file", path, err)
	}
	return &ChartFont{name: path, data: data, face: face}, nil
}

// hasJapanese reports whether the font has glyphs for kana and common kanji.
func (f *ChartFont) hasJapanese() bool {
	var buf sfnt.Buffer
	for _, r := range "連携の健全度アイウ" {
		if i, err := f.face.GlyphIndex(&buf, r); err != nil || i == 0 {
			return false
		}
	}
	return true
}

// FontDirs are the folders where systems keep their fonts; FindJapaneseFont searches
// them (and their sub-folders) in this order.
var FontDirs = []string{
	"/usr/share/fonts",
	"/usr/local/share/fonts",
	"/Library/Fonts",
	"/System/Library/Fonts",
}

// japaneseFontFiles are the file names of Japanese TrueType fonts, preferred first:
// IPAex Gothic (Debian's fonts-ipaexfont-gothic), Debian's alternatives link to the
// default Japanese gothic, IPA Gothic, Takao Gothic, VL Gothic.
var japaneseFontFiles = []string{
	"ipaexg.ttf",
	"fonts-japanese-gothic.ttf",
	"ipag.ttf",
	"ipagp.ttf",
	"TakaoPGothic.ttf",
	"TakaoGothic.ttf",
	"VL-PGothic-Regular.ttf",
	"VL-Gothic-Regular.ttf",
}

// ErrNoJapaneseFont is returned when no Japanese font is found.
var ErrNoJapaneseFont = errors.New("no Japanese TrueType font found; " + fontAdvice)

// FindJapaneseFont searches dirs for a known Japanese TrueType font that loads and has
// Japanese glyphs, preferring the names of japaneseFontFiles in order, and returns it.
func FindJapaneseFont(dirs []string) (*ChartFont, error) {
	rank := map[string]int{}
	for i, name := range japaneseFontFiles {
		rank[strings.ToLower(name)] = i
	}
	found := make([][]string, len(japaneseFontFiles)) // per rank, paths in walk order
	for _, dir := range dirs {
		filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return nil // an unreadable folder is skipped, not fatal
			}
			if r, ok := rank[strings.ToLower(d.Name())]; ok && !d.IsDir() {
				found[r] = append(found[r], path)
			}
			return nil
		})
	}
	for _, paths := range found {
		for _, path := range paths {
			if f, err := LoadChartFont(path); err == nil && f.hasJapanese() {
				return f, nil
			}
		}
	}
	return nil, ErrNoJapaneseFont
}

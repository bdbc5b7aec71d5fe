package run

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"
)

// progressMin is the smallest file that gets a progress bar.
const progressMin = 32 << 20

// progressBar returns a survey.ReadOptions.Progress that draws a bar on terminal
// while a large file is read, or nil when terminal is not one (a CI log, a pipe, a
// file, a test's buffer) or the file is small. done clears the bar.
func progressBar(terminal io.Writer, name string) (progress func(read, total int64), done func()) {
	f, ok := terminal.(*os.File)
	if !ok {
		return nil, func() {}
	}
	if st, err := f.Stat(); err != nil || st.Mode()&os.ModeCharDevice == 0 {
		return nil, func() {}
	}
	if st, err := os.Stat(name); err != nil || st.Size() < progressMin {
		return nil, func() {}
	}
	var mu sync.Mutex
	var last time.Time
	drawn := false
	progress = func(read, total int64) {
		mu.Lock()
		defer mu.Unlock()
		if total <= 0 || time.Since(last) < 100*time.Millisecond {
			return
		}
		last, drawn = time.Now(), true
		const width = 30
		share := min(1, float64(read)/float64(total))
		fill := int(share * width)
		fmt.Fprintf(f, "\rreading %s %3.0f%% [%s%s] %d/%d MB", filepath.Base(name), 100*share,
			strings.Repeat("=", fill), strings.Repeat(" ", width-fill), read>>20, total>>20)
	}
	done = func() {
		mu.Lock()
		defer mu.Unlock()
		if drawn {
			fmt.Fprint(f, "\r\033[K")
		}
	}
	return progress, done
}

package cli

import (
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/term"
)

// progress draws a one-line progress bar on stderr while long work runs,
// and nothing at all when stderr is not a terminal.
type progress struct {
	w     io.Writer
	label string
	total int64
	done  atomic.Int64
	start time.Time
	stop  chan struct{}
	wg    sync.WaitGroup
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// newProgress starts a bar; total may be 0 when unknown. It returns nil
// (whose methods do nothing) when stderr is not a terminal.
func (e *env) newProgress(label string, total int64) *progress {
	if !isTerminal(e.stderr) {
		return nil
	}
	p := &progress{w: e.stderr, label: label, total: total, start: time.Now(), stop: make(chan struct{})}
	p.wg.Add(1)
	go func() {
		defer p.wg.Done()
		t := time.NewTicker(150 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-t.C:
				p.draw()
			case <-p.stop:
				fmt.Fprint(p.w, "\r\033[K")
				return
			}
		}
	}()
	return p
}

// add is the callback handed to long operations.
func (p *progress) add(n int64) {
	if p != nil {
		p.done.Add(n)
	}
}

// fn returns add as a callback, or nil when there is no bar.
func (p *progress) fn() func(int64) {
	if p == nil {
		return nil
	}
	return p.add
}

func (p *progress) finish() {
	if p == nil {
		return
	}
	close(p.stop)
	p.wg.Wait()
}

func (p *progress) draw() {
	done := p.done.Load()
	rate := float64(done) / time.Since(p.start).Seconds()
	if p.total <= 0 {
		fmt.Fprintf(p.w, "\r\033[K%s %s  %s/s", p.label, bytesString(done), bytesString(int64(rate)))
		return
	}
	const width = 30
	frac := min(float64(done)/float64(p.total), 1)
	bar := make([]byte, width)
	for i := range bar {
		bar[i] = ' '
		if float64(i) < frac*width {
			bar[i] = '='
		}
	}
	fmt.Fprintf(p.w, "\r\033[K%s [%s] %3.0f%%  %s / %s  %s/s", p.label, bar, 100*frac,
		bytesString(done), bytesString(p.total), bytesString(int64(rate)))
}

func bytesString(n int64) string {
	const unit = 1024
	if n < unit {
		return fmt.Sprintf("%d B", n)
	}
	div, exp := int64(unit), 0
	for m := n / unit; m >= unit; m /= unit {
		div *= unit
		exp++
	}
	return fmt.Sprintf("%.1f %ciB", float64(n)/float64(div), "KMGTPE"[exp])
}

// treeSize sums the sizes of the regular files under p, for a bar's total.
func treeSize(p string) int64 {
	var total int64
	filepath.WalkDir(p, func(_ string, d fs.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			if fi, err := d.Info(); err == nil {
				total += fi.Size()
			}
		}
		return nil
	})
	return total
}

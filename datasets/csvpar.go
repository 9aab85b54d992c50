package datasets

import (
	"io"
	"runtime"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/array"
)

// Ingest runs as a pipeline: one goroutine scans records and copies a
// batch's fields into a rowBlock; the other cores turn blocks into Arrow
// batches, each with its own builder; Next hands them out in file order.
// Scanning is the cheap part, converting values the dear one, so on two
// cores this roughly doubles throughput.

// rowBlock is one batch's rows, copied out of the scanner's buffer.
type rowBlock struct {
	data  []byte
	ends  []int32 // end offset in data of every field, row after row
	lines []int   // line of each row
}

// batchResult is a converted block, or the error that ended the input.
type batchResult struct {
	rec  arrow.Record
	err  error
	done chan struct{}
}

// start launches the pipeline.
func (c *CSVReader) start() {
	workers := max(runtime.GOMAXPROCS(0), 1)
	blocks := make(chan struct {
		b   *rowBlock
		res *batchResult
	}, workers)
	c.results = make(chan *batchResult, 2*workers)
	c.stop = make(chan struct{})
	ncols := len(c.header)

	go func() { // scanner
		defer close(blocks)
		defer close(c.results)
		emit := func(b *rowBlock) bool {
			res := &batchResult{done: make(chan struct{})}
			select {
			case c.results <- res:
			case <-c.stop:
				return false
			}
			select {
			case blocks <- struct {
				b   *rowBlock
				res *batchResult
			}{b, res}:
				return true
			case <-c.stop:
				res.err = io.EOF
				close(res.done)
				return false
			}
		}
		fail := func(err error) {
			res := &batchResult{err: err, done: make(chan struct{})}
			close(res.done)
			select {
			case c.results <- res:
			case <-c.stop:
			}
		}
		b := &rowBlock{}
		add := func(fields [][]byte, line int) {
			for _, f := range fields {
				b.data = append(b.data, f...)
				b.ends = append(b.ends, int32(len(b.data)))
			}
			b.lines = append(b.lines, line)
		}
		for _, p := range c.pending {
			fields := make([][]byte, len(p.fields))
			for i, f := range p.fields {
				fields[i] = []byte(f)
			}
			add(fields, p.line)
			if len(b.lines) == c.opts.BatchRows {
				if !emit(b) {
					return
				}
				b = &rowBlock{}
			}
		}
		c.pending = nil
		for {
			fields, err := c.record()
			if err == io.EOF {
				break
			}
			if err != nil {
				if len(b.lines) > 0 && !emit(b) {
					return
				}
				fail(err)
				return
			}
			add(fields, c.sc.line)
			if len(b.lines) == c.opts.BatchRows {
				if !emit(b) {
					return
				}
				b = &rowBlock{data: make([]byte, 0, cap(b.data)), ends: make([]int32, 0, cap(b.ends))}
			}
		}
		if len(b.lines) > 0 {
			emit(b)
		}
	}()

	for range workers {
		c.workers.Add(1)
		go func() {
			defer c.workers.Done()
			bld := array.NewRecordBuilder(c.opts.Mem, c.schema)
			defer bld.Release()
			for job := range blocks {
				job.res.rec, job.res.err = c.convert(bld, job.b, ncols)
				close(job.res.done)
			}
		}()
	}
}

// convert builds one block's record.
func (c *CSVReader) convert(bld *array.RecordBuilder, b *rowBlock, ncols int) (arrow.Record, error) {
	start := int32(0)
	row := make([][]byte, ncols)
	for r, line := range b.lines {
		for j := range row {
			end := b.ends[r*ncols+j]
			row[j] = b.data[start:end]
			start = end
		}
		if err := c.appendRowTo(bld, row, line); err != nil {
			// Drop the partial batch: its columns may differ in length.
			for _, f := range bld.Fields() {
				f.NewArray().Release()
			}
			return nil, err
		}
	}
	return bld.NewRecord(), nil
}

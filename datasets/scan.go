package datasets

import (
	"bytes"
	"errors"
	"io"
)

// csvScanner splits RFC 4180 CSV into records without allocating per
// field: fields are slices of its buffer, valid until the next call. It is
// what makes ingest several times faster than encoding/csv, which copies
// every record into new strings. It is strict as encoding/csv is by
// default: a quote inside an unquoted field, or text after a closing
// quote, is an error.
type csvScanner struct {
	r        io.Reader
	buf      []byte
	mark     int // start of the bytes kept across refills (see hold)
	markLine int // line at mark
	pos      int // start of the next record
	end      int // end of the data in buf
	eof      bool
	comma    byte
	quoted   bool // a record since mark has a quote
	fields   [][]byte
	scratch  []byte // unescaped quoted fields
	line     int    // line where the current record starts, 1-based
	next     int    // line where the next record starts
}

var (
	errBareQuote  = errors.New(`a quote (") inside an unquoted field`)
	errAfterQuote = errors.New(`text after the closing quote of a field`)
	errOpenQuote  = errors.New(`a quoted field is not closed before the end of the file`)
)

func newCSVScanner(r io.Reader, comma byte, size int) *csvScanner {
	return &csvScanner{r: r, buf: make([]byte, size), comma: comma, next: 1, markLine: 1}
}

// fill reads more input after compacting; it reports whether anything
// was read.
func (s *csvScanner) fill() (bool, error) {
	if s.eof {
		return false, nil
	}
	if s.mark > 0 {
		s.end = copy(s.buf, s.buf[s.mark:s.end])
		s.pos -= s.mark
		s.mark = 0
	}
	if s.end == len(s.buf) { // a record larger than the buffer
		s.buf = append(s.buf, make([]byte, len(s.buf))...)
	}
	n, err := io.ReadAtLeast(s.r, s.buf[s.end:], 1)
	s.end += n
	if err == io.EOF || err == io.ErrUnexpectedEOF {
		s.eof = true
		return n > 0, nil
	}
	return n > 0, err
}

// Next reads the next record into s.fields, or returns io.EOF. Empty lines
// are skipped.
func (s *csvScanner) Next() error {
	s.hold()
	return s.advance(true)
}

// Skip moves past the next record without splitting it into fields, keeping
// its bytes for take; it returns io.EOF at the end. A line without quotes
// ends at its newline; one with quotes is parsed, which also checks it, so
// take only ever returns well-formed records.
func (s *csvScanner) Skip() error { return s.advance(false) }

// hold keeps the bytes from the current position on across refills: the
// records skipped from here are what take returns.
func (s *csvScanner) hold() {
	s.mark, s.markLine, s.quoted = s.pos, s.next, false
}

// rewind goes back to the held position, to read its records again.
func (s *csvScanner) rewind() {
	s.pos, s.next, s.quoted = s.mark, s.markLine, false
}

// take returns the records skipped since hold, with the line they start on
// and whether any has quotes, and holds from here. Whichever copies less,
// the records are copied into spare, or they keep their place and reading
// goes on in spare.
func (s *csvScanner) take(spare []byte) ([]byte, int, bool) {
	chunk, line, quoted := s.buf[s.mark:s.pos], s.markLine, s.quoted
	if rest := s.buf[s.pos:s.end]; len(rest) < len(chunk) {
		if cap(spare) < len(s.buf) {
			spare = make([]byte, len(s.buf))
		}
		s.buf = spare[:cap(spare)]
		s.pos, s.end = 0, copy(s.buf, rest)
	} else {
		chunk = append(spare[:0], chunk...)
	}
	s.hold()
	return chunk, line, quoted
}

func (s *csvScanner) advance(split bool) error {
	for {
		done, err := s.step(split)
		if err != nil || done {
			return err
		}
		more, err := s.fill()
		if err != nil {
			return err
		}
		if !more && s.eof {
			if s.pos >= s.end {
				return io.EOF
			}
			// The last record has no newline: parse it up to the end.
			done, err := s.step(split)
			if err != nil || done {
				return err
			}
			return &scanError{line: s.next, err: errOpenQuote}
		}
	}
}

func (s *csvScanner) step(split bool) (bool, error) {
	if split {
		return s.parse()
	}
	return s.skip()
}

type scanError struct {
	line int
	err  error
}

func (e *scanError) Error() string { return e.err.Error() }

// parse tries to split one record starting at s.pos. It returns false
// when the buffer ends first (and more input may complete it).
func (s *csvScanner) parse() (bool, error) {
	s.fields = s.fields[:0]
	s.scratch = s.scratch[:0]
	lines := 0
	buf := s.buf[:s.end]
	i := s.skipEmpty(buf)
	if i >= len(buf) {
		return false, nil
	}
	// Quoted fields are unescaped into scratch; their slices are taken
	// once the record is complete, as scratch may grow meanwhile.
	var quoted []span
	var quotedAt []int
	for {
		if i < len(buf) && buf[i] == '"' {
			start := len(s.scratch)
			j := i + 1
			for {
				k := bytes.IndexByte(buf[j:], '"')
				if k < 0 {
					if s.eof {
						return false, &scanError{line: s.next, err: errOpenQuote}
					}
					return false, nil
				}
				lines += bytes.Count(buf[j:j+k], []byte{'\n'})
				s.scratch = append(s.scratch, buf[j:j+k]...)
				j += k + 1
				if j < len(buf) && buf[j] == '"' { // "" is one quote
					s.scratch = append(s.scratch, '"')
					j++
					continue
				}
				if j >= len(buf) && !s.eof {
					return false, nil // the next byte decides
				}
				break
			}
			quotedAt = append(quotedAt, len(s.fields))
			quoted = append(quoted, span{start, len(s.scratch)})
			s.fields = append(s.fields, nil)
			i = j
			switch {
			case i >= len(buf):
				return s.finish(i, lines, quoted, quotedAt)
			case buf[i] == s.comma:
				i++
				continue
			case buf[i] == '\n':
				return s.finish(i+1, lines+1, quoted, quotedAt)
			case buf[i] == '\r' && i+1 < len(buf) && buf[i+1] == '\n':
				return s.finish(i+2, lines+1, quoted, quotedAt)
			case buf[i] == '\r' && i+1 >= len(buf) && !s.eof:
				return false, nil
			default:
				return false, &scanError{line: s.next + lines, err: errAfterQuote}
			}
		}
		// Unquoted field: up to the next comma or newline, found with the
		// vectorized IndexByte: first the line's end, then commas in it.
		eol := bytes.IndexByte(buf[i:], '\n')
		if eol < 0 {
			if !s.eof {
				return false, nil
			}
			eol = len(buf) - i
		}
		j := i + eol
		if k := bytes.IndexByte(buf[i:j], s.comma); k >= 0 {
			j = i + k
		}
		field := buf[i:j]
		atEOL := j >= len(buf) || buf[j] == '\n'
		if atEOL && len(field) > 0 && field[len(field)-1] == '\r' {
			field = field[:len(field)-1]
		}
		if bytes.IndexByte(field, '"') >= 0 {
			return false, &scanError{line: s.next + lines, err: errBareQuote}
		}
		s.fields = append(s.fields, field)
		if atEOL {
			next := j + 1
			if j >= len(buf) {
				next = j
			}
			return s.finish(next, lines+1, quoted, quotedAt)
		}
		i = j + 1
		if i >= len(buf) && s.eof { // a trailing comma ends the record with an empty field
			s.fields = append(s.fields, buf[i:i])
			return s.finish(i, lines+1, quoted, quotedAt)
		}
	}
}

// skipEmpty moves s.pos past empty lines, returning it.
func (s *csvScanner) skipEmpty(buf []byte) int {
	i := s.pos
	for i < len(buf) && (buf[i] == '\n' || (buf[i] == '\r' && i+1 < len(buf) && buf[i+1] == '\n')) {
		if buf[i] == '\r' {
			i++
		}
		i++
		s.pos = i
		s.next++
	}
	return i
}

// skip is parse for Skip: it returns false when the buffer ends first.
func (s *csvScanner) skip() (bool, error) {
	buf := s.buf[:s.end]
	i := s.skipEmpty(buf)
	if i >= len(buf) {
		return false, nil
	}
	eol := bytes.IndexByte(buf[i:], '\n')
	if eol < 0 {
		if !s.eof {
			return false, nil
		}
		eol = len(buf) - i
	}
	if bytes.IndexByte(buf[i:i+eol], '"') >= 0 {
		s.quoted = true
		return s.parse()
	}
	s.pos = min(i+eol+1, len(buf))
	s.line = s.next
	s.next++
	return true, nil
}

// reset makes s read, with record, a chunk from take that starts on line.
func (s *csvScanner) reset(chunk []byte, line int, quoted bool) {
	s.buf, s.pos, s.end, s.eof = chunk, 0, len(chunk), true
	s.quoted, s.next = quoted, line
}

// record splits the next record of a chunk (see reset) into s.fields, or
// returns io.EOF. The chunk holds whole, well-formed records, so a line
// without quotes is simply split at the delimiters.
func (s *csvScanner) record() error {
	buf := s.buf
	i := s.skipEmpty(buf)
	if i >= len(buf) {
		return io.EOF
	}
	eol := bytes.IndexByte(buf[i:], '\n')
	if eol < 0 {
		eol = len(buf) - i
	}
	line := buf[i : i+eol]
	if s.quoted && bytes.IndexByte(line, '"') >= 0 {
		_, err := s.parse() // always done: the record is whole
		return err
	}
	if len(line) > 0 && line[len(line)-1] == '\r' {
		line = line[:len(line)-1]
	}
	fields := s.fields[:0]
	for {
		k := bytes.IndexByte(line, s.comma)
		if k < 0 {
			break
		}
		fields = append(fields, line[:k])
		line = line[k+1:]
	}
	s.fields = append(fields, line)
	s.pos = min(i+eol+1, len(buf))
	s.line = s.next
	s.next++
	return nil
}

// span is a quoted field's place in scratch.
type span struct{ from, to int }

func (s *csvScanner) finish(next, lines int, quoted []span, at []int) (bool, error) {
	for k, q := range quoted {
		s.fields[at[k]] = s.scratch[q.from:q.to]
	}
	s.pos = next
	s.line = s.next
	s.next += lines
	return true, nil
}

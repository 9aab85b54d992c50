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
	r       io.Reader
	buf     []byte
	pos     int // start of the next record
	end     int // end of the data in buf
	eof     bool
	comma   byte
	fields  [][]byte
	scratch []byte // unescaped quoted fields
	line    int    // line where the current record starts, 1-based
	next    int    // line where the next record starts
}

var (
	errBareQuote  = errors.New(`a quote (") inside an unquoted field`)
	errAfterQuote = errors.New(`text after the closing quote of a field`)
	errOpenQuote  = errors.New(`a quoted field is not closed before the end of the file`)
)

func newCSVScanner(r io.Reader, comma byte, size int) *csvScanner {
	return &csvScanner{r: r, buf: make([]byte, size), comma: comma, next: 1}
}

// fill reads more input after compacting; it reports whether anything
// was read.
func (s *csvScanner) fill() (bool, error) {
	if s.eof {
		return false, nil
	}
	if s.pos > 0 {
		s.end = copy(s.buf, s.buf[s.pos:s.end])
		s.pos = 0
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
	for {
		done, err := s.parse()
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
			done, err := s.parse()
			if err != nil || done {
				return err
			}
			return &scanError{line: s.next, err: errOpenQuote}
		}
	}
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
	i := s.pos
	lines := 0
	buf := s.buf[:s.end]
	// Skip empty lines.
	for i < len(buf) && (buf[i] == '\n' || (buf[i] == '\r' && i+1 < len(buf) && buf[i+1] == '\n')) {
		if buf[i] == '\r' {
			i++
		}
		i++
		s.pos = i
		s.next++
	}
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

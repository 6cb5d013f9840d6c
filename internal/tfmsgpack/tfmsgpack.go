// Package tfmsgpack writes Terraform values in the MessagePack form of the
// plugin protocol (a DynamicValue's MsgPack bytes) straight from Go data,
// without building a tftypes.Value tree first.
//
// It writes the same bytes as terraform-plugin-go for the same value: the
// shortest length prefixes, integers in the fewest bytes, null as nil.
// Object attributes must be written in sorted name order, as
// terraform-plugin-go writes them; map keys should be too (terraform-plugin-go
// writes them in Go's random map order, which Terraform accepts, so only
// sorted output is reproducible). Unknown values, sets, tuples, floats and
// dynamic values are not supported: callers with such values use tftypes.
//
// A value is written twice: once to measure it and once into a buffer of
// exactly that size, so a large value costs one allocation of its own size
// and no copies as it grows.
package tfmsgpack

import "math"

// Writer appends values, or only counts their bytes while it is measuring.
type Writer struct {
	buf       []byte
	size      int
	measuring bool
}

// Encode calls write to measure the value, then again to write it, and
// returns the bytes. write must write the same value both times.
func Encode(write func(*Writer)) []byte {
	m := Writer{measuring: true}
	write(&m)
	w := Writer{buf: make([]byte, 0, m.size)}
	write(&w)
	return w.buf
}

// Len is the number of bytes written (or counted) so far.
func (w *Writer) Len() int {
	if w.measuring {
		return w.size
	}
	return len(w.buf)
}

func (w *Writer) byte1(b byte) {
	if w.measuring {
		w.size++
		return
	}
	w.buf = append(w.buf, b)
}

// head writes a type byte followed by n in size big-endian bytes (0, 1, 2, 4 or 8).
func (w *Writer) head(code byte, n uint64, size int) {
	if w.measuring {
		w.size += 1 + size
		return
	}
	w.buf = append(w.buf, code)
	for shift := 8 * (size - 1); shift >= 0; shift -= 8 {
		w.buf = append(w.buf, byte(n>>shift))
	}
}

// Raw appends bytes that already are an encoded value (for instance a
// DynamicValue's MsgPack made by terraform-plugin-go).
func (w *Writer) Raw(b []byte) {
	if w.measuring {
		w.size += len(b)
		return
	}
	w.buf = append(w.buf, b...)
}

// Null writes a null value of any type.
func (w *Writer) Null() { w.byte1(0xc0) }

// Bool writes a bool.
func (w *Writer) Bool(b bool) {
	if b {
		w.byte1(0xc3)
		return
	}
	w.byte1(0xc2)
}

// Int writes a whole number in the fewest bytes.
func (w *Writer) Int(n int64) {
	switch {
	case n >= 0 && n <= math.MaxInt8:
		w.byte1(byte(n)) // positive fixint
	case n >= 0:
		w.uint(uint64(n))
	case n >= -32:
		w.byte1(byte(n)) // negative fixint
	case n >= math.MinInt8:
		w.head(0xd0, uint64(n), 1)
	case n >= math.MinInt16:
		w.head(0xd1, uint64(n), 2)
	case n >= math.MinInt32:
		w.head(0xd2, uint64(n), 4)
	default:
		w.head(0xd3, uint64(n), 8)
	}
}

func (w *Writer) uint(n uint64) {
	switch {
	case n <= math.MaxUint8:
		w.head(0xcc, n, 1)
	case n <= math.MaxUint16:
		w.head(0xcd, n, 2)
	case n <= math.MaxUint32:
		w.head(0xce, n, 4)
	default:
		w.head(0xcf, n, 8)
	}
}

// String writes a string.
func (w *Writer) String(s string) {
	w.stringHead(len(s))
	if w.measuring {
		w.size += len(s)
		return
	}
	w.buf = append(w.buf, s...)
}

// StringBytes writes b as a string, for text formatted into a scratch buffer.
func (w *Writer) StringBytes(b []byte) {
	w.stringHead(len(b))
	w.Raw(b)
}

func (w *Writer) stringHead(n int) {
	switch {
	case n < 32:
		w.byte1(0xa0 | byte(n))
	case n <= math.MaxUint8:
		w.head(0xd9, uint64(n), 1)
	case n <= math.MaxUint16:
		w.head(0xda, uint64(n), 2)
	default:
		w.head(0xdb, uint64(n), 4)
	}
}

// ArrayLen starts a list of n elements; the n elements follow.
func (w *Writer) ArrayLen(n int) { w.collectionHead(0x90, 0xdc, n) }

// MapLen starts a map or an object of n entries; n key and value pairs
// follow, each key written with String.
func (w *Writer) MapLen(n int) { w.collectionHead(0x80, 0xde, n) }

// collectionHead writes a fix-sized head (fix|n, below 16), or code with a
// 16-bit length, or code+1 with a 32-bit one: arrays and maps share the shape.
func (w *Writer) collectionHead(fix, code byte, n int) {
	switch {
	case n < 16:
		w.byte1(fix | byte(n))
	case n <= math.MaxUint16:
		w.head(code, uint64(n), 2)
	default:
		w.head(code+1, uint64(n), 4)
	}
}

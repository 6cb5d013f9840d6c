package tfmsgpack_test

import (
	"bytes"
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/tfmsgpack"
)

// reference is terraform-plugin-go's encoding of v.
func reference(t *testing.T, typ tftypes.Type, v tftypes.Value) []byte {
	t.Helper()
	dv, err := tfprotov6.NewDynamicValue(typ, v)
	if err != nil {
		t.Fatal(err)
	}
	return dv.MsgPack
}

func assertSame(t *testing.T, what string, want []byte, write func(*tfmsgpack.Writer)) {
	t.Helper()
	got := tfmsgpack.Encode(write)
	if !bytes.Equal(got, want) {
		t.Errorf("%s: wrote % x…, terraform-plugin-go writes % x…", what, head(got), head(want))
	}
	if len(got) != cap(got) {
		t.Errorf("%s: measured %d bytes, wrote %d", what, cap(got), len(got))
	}
}

func head(b []byte) []byte { return b[:min(len(b), 12)] }

// Each size class of each kind, on both sides of its boundary.
func TestScalarsMatchTerraformPluginGo(t *testing.T) {
	t.Parallel()
	ints := []int64{0, 1, 127, 128, 255, 256, 65535, 65536, math.MaxUint32, math.MaxUint32 + 1, math.MaxInt64,
		-1, -32, -33, -128, -129, -32768, -32769, math.MinInt32, math.MinInt32 - 1, math.MinInt64}
	for _, n := range ints {
		assertSame(t, fmt.Sprint("int ", n), reference(t, tftypes.Number, tftypes.NewValue(tftypes.Number, n)),
			func(w *tfmsgpack.Writer) { w.Int(n) })
	}
	for _, n := range []int{0, 1, 31, 32, 255, 256, 65535, 65536} {
		s := strings.Repeat("é", n/2) + strings.Repeat("x", n%2) // multi-byte runes: lengths are bytes
		want := reference(t, tftypes.String, tftypes.NewValue(tftypes.String, s))
		assertSame(t, fmt.Sprint("string of ", n), want, func(w *tfmsgpack.Writer) { w.String(s) })
		assertSame(t, fmt.Sprint("string bytes of ", n), want, func(w *tfmsgpack.Writer) { w.StringBytes([]byte(s)) })
	}
	for _, b := range []bool{true, false} {
		assertSame(t, fmt.Sprint(b), reference(t, tftypes.Bool, tftypes.NewValue(tftypes.Bool, b)),
			func(w *tfmsgpack.Writer) { w.Bool(b) })
	}
	assertSame(t, "null", reference(t, tftypes.String, tftypes.NewValue(tftypes.String, nil)),
		func(w *tfmsgpack.Writer) { w.Null() })
}

func TestCollectionsMatchTerraformPluginGo(t *testing.T) {
	t.Parallel()
	list := tftypes.List{ElementType: tftypes.Number}
	for _, n := range []int{0, 15, 16, 65535, 65536} {
		elems := make([]tftypes.Value, n)
		for i := range elems {
			elems[i] = tftypes.NewValue(tftypes.Number, i)
		}
		assertSame(t, fmt.Sprint("list of ", n), reference(t, list, tftypes.NewValue(list, elems)),
			func(w *tfmsgpack.Writer) {
				w.ArrayLen(n)
				for i := range n {
					w.Int(int64(i))
				}
			})
	}
	// Objects are written in sorted attribute order; a one-entry map has
	// only one order, so its bytes are comparable too.
	for _, n := range []int{0, 1, 15, 16, 65536} {
		attrs := map[string]tftypes.Type{}
		vals := map[string]tftypes.Value{}
		names := make([]string, n)
		for i := range n {
			names[i] = fmt.Sprintf("a%06d", i)
			attrs[names[i]], vals[names[i]] = tftypes.Bool, tftypes.NewValue(tftypes.Bool, i%2 == 0)
		}
		obj := tftypes.Object{AttributeTypes: attrs}
		assertSame(t, fmt.Sprint("object of ", n), reference(t, obj, tftypes.NewValue(obj, vals)),
			func(w *tfmsgpack.Writer) {
				w.MapLen(n)
				for i, name := range names {
					w.String(name)
					w.Bool(i%2 == 0)
				}
			})
	}
	m := tftypes.Map{ElementType: tftypes.String}
	assertSame(t, "map of 1", reference(t, m, tftypes.NewValue(m, map[string]tftypes.Value{"k": tftypes.NewValue(tftypes.String, "v")})),
		func(w *tfmsgpack.Writer) {
			w.MapLen(1)
			w.String("k")
			w.String("v")
		})
}

// A map written in sorted order decodes to the same value as
// terraform-plugin-go's encoding, whatever order that one used.
func TestSortedMapDecodesEqual(t *testing.T) {
	t.Parallel()
	m := tftypes.Map{ElementType: tftypes.String}
	want := tftypes.NewValue(m, map[string]tftypes.Value{
		"a": tftypes.NewValue(tftypes.String, "1"), "b": tftypes.NewValue(tftypes.String, ""), "密": tftypes.NewValue(tftypes.String, "🔐"),
	})
	got := tfmsgpack.Encode(func(w *tfmsgpack.Writer) {
		w.MapLen(3)
		for _, kv := range [][2]string{{"a", "1"}, {"b", ""}, {"密", "🔐"}} {
			w.String(kv[0])
			w.String(kv[1])
		}
	})
	dv := tfprotov6.DynamicValue{MsgPack: got}
	v, err := dv.Unmarshal(m)
	if err != nil {
		t.Fatal(err)
	}
	if !v.Equal(want) {
		t.Fatalf("decoded %v, want %v", v, want)
	}
}

func TestRawAndLen(t *testing.T) {
	t.Parallel()
	inner := reference(t, tftypes.String, tftypes.NewValue(tftypes.String, "spliced"))
	var lens []int
	got := tfmsgpack.Encode(func(w *tfmsgpack.Writer) {
		w.ArrayLen(2)
		w.Raw(inner)
		w.Null()
		lens = append(lens, w.Len())
	})
	list := tftypes.List{ElementType: tftypes.String}
	want := reference(t, list, tftypes.NewValue(list, []tftypes.Value{
		tftypes.NewValue(tftypes.String, "spliced"), tftypes.NewValue(tftypes.String, nil),
	}))
	if !bytes.Equal(got, want) {
		t.Fatalf("wrote % x, want % x", got, want)
	}
	if len(lens) != 2 || lens[0] != len(want) || lens[1] != len(want) {
		t.Fatalf("Len while measuring and writing: %v, want %d twice", lens, len(want))
	}
}

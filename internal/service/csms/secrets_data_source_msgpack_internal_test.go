package csms

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/hwc"
	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/tfmsgpack"
)

func secretsTypes(t testing.TB) secretsStateTypes {
	t.Helper()
	st, err := secretsStateTypesOf(csmsSecretsSchema(t).Type().TerraformType(context.Background()))
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// decodedSecretsState is encodeSecretsState's output as Terraform decodes it.
func decodedSecretsState(t testing.TB, st secretsStateTypes, config tftypes.Value, found []hwc.ResourceInstance) tftypes.Value {
	t.Helper()
	encoded, err := encodeSecretsState(st, config, found)
	if err != nil {
		t.Fatal(err)
	}
	v, err := (&tfprotov6.DynamicValue{MsgPack: encoded}).Unmarshal(st.state)
	if err != nil {
		t.Fatalf("the encoding does not decode: %v", err)
	}
	return v
}

// repeatedTagKeys has a key twice in each tag list; the map keeps the last value.
func repeatedTagKeys() []hwc.ResourceInstance {
	r := variedSecrets()[:1]
	r[0].Tags = []hwc.Tag{{Key: "z", Value: "1"}, {Key: "a", Value: "first"}, {Key: "a", Value: "last"}}
	r[0].SysTags = []hwc.Tag{{Key: "k", Value: "x"}, {Key: "k", Value: "y"}}
	return r
}

func TestEncodeSecretsState_DecodesToTheReferenceValue(t *testing.T) {
	t.Parallel()
	st := secretsTypes(t)
	results := map[string][]hwc.ResourceInstance{
		"varied":            variedSecrets(),
		"no match":          nil,
		"many":              benchSecretsWire(50),
		"repeated tag keys": repeatedTagKeys(),
	}
	for cfgName, cfg := range secretsConfigs() {
		for resName, found := range results {
			t.Run(cfgName+"/"+resName, func(t *testing.T) {
				t.Parallel()
				config := configValue(t, cfg)
				want := fastSecretsState(t, config, found)
				got := decodedSecretsState(t, st, config, found)
				if !got.Equal(want) {
					diffs, err := got.Diff(want)
					t.Fatalf("the encoding differs from secretsStateValue (%v):\n%v", err, diffs)
				}
				if resName != "repeated tag keys" && !got.Equal(referenceSecretsState(t, cfg, found).Raw) {
					t.Fatal("the encoding differs from the framework's conversion")
				}
			})
		}
	}
}

// Where no map has two keys (so terraform-plugin-go's random map order
// cannot differ), the bytes are exactly terraform-plugin-go's.
func TestEncodeSecretsState_BytesMatchTerraformPluginGo(t *testing.T) {
	t.Parallel()
	st := secretsTypes(t)
	found := append(variedSecrets(), benchSecretsWire(20)...)
	for i := range found {
		found[i].Tags = found[i].Tags[:min(len(found[i].Tags), 1)]
		found[i].SysTags = found[i].SysTags[:min(len(found[i].SysTags), 1)]
	}
	config := configValue(t, csmsSecretsDataSourceModel{Tags: map[string][]string{"env": {"prod", "staging"}},
		NameMatch: types.StringValue("db"), State: types.StringNull()})
	want, err := tfprotov6.NewDynamicValue(st.state, fastSecretsState(t, config, found))
	if err != nil {
		t.Fatal(err)
	}
	got, err := encodeSecretsState(st, config, found)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want.MsgPack) {
		i := 0
		for i < min(len(got), len(want.MsgPack)) && got[i] == want.MsgPack[i] {
			i++
		}
		t.Fatalf("%d bytes written, terraform-plugin-go writes %d; first difference at byte %d", len(got), len(want.MsgPack), i)
	}
}

// A tag list with repeated keys is written as a map of its distinct keys
// (a longer list, so the sort is not the insertion sort that is stable
// anyway), each with the value it has last in the list.
func TestSecretsEncoderTags_DistinctKeysLastValueWins(t *testing.T) {
	t.Parallel()
	var tags []hwc.Tag
	want := map[string]tftypes.Value{}
	for round := range 3 {
		for k := range 30 {
			key, value := fmt.Sprintf("key-%02d", (k*7)%30), fmt.Sprintf("round %d", round)
			tags = append(tags, hwc.Tag{Key: key, Value: value})
			want[key] = tftypes.NewValue(tftypes.String, value)
		}
	}
	encoded := tfmsgpack.Encode(func(w *tfmsgpack.Writer) { (&secretsEncoder{w: w}).tags(tags) })
	if head := []byte{0xde, 0, 30}; !bytes.HasPrefix(encoded, head) {
		t.Fatalf("the map starts % x, want % x (30 entries)", encoded[:3], head)
	}
	got, err := (&tfprotov6.DynamicValue{MsgPack: encoded}).Unmarshal(tfStringMap)
	if err != nil {
		t.Fatal(err)
	}
	if !got.Equal(tftypes.NewValue(tfStringMap, want)) {
		t.Fatalf("decoded %v", got)
	}
}

// The comparisons above are only as good as their power to notice a difference.
func TestEncodeSecretsState_ComparisonNoticesADifference(t *testing.T) {
	t.Parallel()
	st := secretsTypes(t)
	config := configValue(t, secretsConfigs()["every argument"])
	want := fastSecretsState(t, config, variedSecrets())
	changed := variedSecrets()
	changed[0].SysTags[0].Value = "1"
	if decodedSecretsState(t, st, config, changed).Equal(want) {
		t.Fatal("a changed system tag compared equal")
	}
}

// A schema attribute without a writer, or a writer without an attribute, is
// an error (a bug to report), never a state missing a value.
func TestEncodeSecretsState_RefusesASchemaItDoesNotKnow(t *testing.T) {
	t.Parallel()
	st := secretsTypes(t)
	config := configValue(t, secretsConfigs()["no arguments"])

	withExtra := st
	withExtra.item = tftypes.Object{AttributeTypes: map[string]tftypes.Type{"rotation_window": tftypes.String}}
	for name, typ := range st.item.AttributeTypes {
		if name != "state" {
			withExtra.item.AttributeTypes[name] = typ
		}
	}
	if _, err := encodeSecretsState(withExtra, config, variedSecrets()); err == nil || !strings.Contains(err.Error(), `"rotation_window"`) {
		t.Errorf("an unknown secrets attribute: %v", err)
	}

	fewer := st
	fewer.item = tftypes.Object{AttributeTypes: map[string]tftypes.Type{"id": tftypes.String}}
	if _, err := encodeSecretsState(fewer, config, variedSecrets()); err == nil {
		t.Error("a secrets element with one attribute was encoded")
	}

	moreArgs := st
	moreArgs.state = tftypes.Object{AttributeTypes: map[string]tftypes.Type{"region": tftypes.String}}
	for name, typ := range st.state.AttributeTypes {
		moreArgs.state.AttributeTypes[name] = typ
	}
	if _, err := encodeSecretsState(moreArgs, config, variedSecrets()); err == nil || !strings.Contains(err.Error(), `"region"`) {
		t.Errorf("a state attribute the configuration lacks: %v", err)
	}
}

// FuzzEncodeSecretsState checks that, for any text, times and tags the
// service could send, the encoding decodes to exactly secretsStateValue
// (its output is always well-formed MessagePack of the state's type).
func FuzzEncodeSecretsState(f *testing.F) {
	long := strings.Repeat("é", 128) // 256 bytes: past the 1-byte string length
	f.Add("db-password", "描述 ✓", "env", "prod", int64(1581507580000), int64(0), true, 2)
	f.Add("", "", "", "", int64(0), int64(-1), false, 0)
	f.Add(strings.Repeat("n", 31), strings.Repeat("d", 32), long, "\xff\x00", int64(1)<<52, int64(1)<<40, false, 20)
	st := secretsTypes(f)
	config := configValue(f, secretsConfigs()["every argument"])
	f.Fuzz(func(t *testing.T, name, description, tagKey, tagValue string, created, scheduled int64, rotates bool, copies int) {
		// Bounded so each run stays cheap: 20 copies cross the 16-element array
		// length and 300 bytes the 1-byte string length (tfmsgpack's own tests
		// cover the longer ones).
		copies = min(max(copies, 0), 20)
		for _, s := range []*string{&name, &description, &tagKey, &tagValue} {
			*s = (*s)[:min(len(*s), 300)]
		}
		found := make([]hwc.ResourceInstance, copies)
		for i := range found {
			r := hwc.ResourceInstance{ResourceID: fmt.Sprint("id-", i), ResourceName: name,
				Secret: hwc.Secret{Name: name, Description: description, CreateTime: created, UpdateTime: created + int64(i),
					AutoRotation: rotates, EventSubscriptions: []string{tagValue}},
				Tags:    []hwc.Tag{{Key: tagKey, Value: tagValue}, {Key: tagValue, Value: tagKey}},
				SysTags: []hwc.Tag{{Key: tagKey, Value: description}},
			}
			if i%2 == 1 {
				r.Secret.ScheduledDeleteTime = &scheduled
			}
			found[i] = r
		}
		want, err := secretsStateValue(st, config, found)
		if err != nil {
			t.Fatal(err)
		}
		if got := decodedSecretsState(t, st, config, found); !got.Equal(want) {
			t.Fatalf("the encoding decodes to\n%v\nwant\n%v", got, want)
		}
	})
}

// BenchmarkSecretsStateEncoding compares the direct encoding with building
// the tftypes value and encoding it with terraform-plugin-go, on 10,000
// secrets (go test -bench SecretsStateEncoding -benchmem).
func BenchmarkSecretsStateEncoding(b *testing.B) {
	found, _, config, st := benchSecretsState(b)
	benchLoop(b, "direct", func(*testing.B) error {
		_, err := encodeSecretsState(st, config, found)
		return err
	})
	benchLoop(b, "tftypes", func(*testing.B) error {
		v, err := secretsStateValue(st, config, found)
		if err != nil {
			return err
		}
		_, err = tfprotov6.NewDynamicValue(st.state, v)
		return err
	})
}

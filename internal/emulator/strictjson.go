package emulator

import (
	"bytes"
	"encoding"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strings"
)

// decodeStrict decodes a JSON object into dst (a pointer to a struct) more
// strictly than encoding/json: field names must match the json tags exactly
// (encoding/json matches them case-insensitively, which would hide a client's
// tag typo), unknown fields are rejected at every level, null is refused for
// fields that cannot be absent-by-null, and nothing may follow the value.
func decodeStrict(body []byte, dst any) error {
	if len(bytes.TrimSpace(body)) == 0 {
		return errors.New("the request body is empty")
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var raw any
	if err := dec.Decode(&raw); err != nil {
		return fmt.Errorf("the request body is not valid JSON: %w", err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return errors.New("the request body has data after the JSON value")
	}
	t := reflect.TypeOf(dst).Elem()
	if _, ok := raw.(map[string]any); !ok {
		return errors.New("the request body must be a JSON object")
	}
	if err := checkShape(raw, t, ""); err != nil {
		return err
	}
	dec = json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(dst); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			return fmt.Errorf("field %q must be of JSON type %s, got %s", te.Field, jsonTypeName(te.Type), te.Value)
		}
		return fmt.Errorf("the request body does not match the expected model: %w", err)
	}
	return nil
}

var (
	jsonUnmarshaler = reflect.TypeFor[json.Unmarshaler]()
	textUnmarshaler = reflect.TypeFor[encoding.TextUnmarshaler]()
)

// checkShape walks the generic value next to the target type.
func checkShape(v any, t reflect.Type, path string) error {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if reflect.PointerTo(t).Implements(jsonUnmarshaler) || reflect.PointerTo(t).Implements(textUnmarshaler) {
		return nil // the type validates itself
	}
	switch t.Kind() {
	case reflect.Struct:
		obj, ok := v.(map[string]any)
		if !ok {
			return nil // encoding/json reports the type mismatch with the field name
		}
		fields := jsonFields(t)
		for key, val := range obj {
			f, ok := fields[key]
			if !ok {
				return fmt.Errorf("unknown field %q", joinPath(path, key))
			}
			if val == nil {
				if !nullable(f.Type) {
					return fmt.Errorf("field %q must not be null", joinPath(path, key))
				}
				continue
			}
			if err := checkShape(val, f.Type, joinPath(path, key)); err != nil {
				return err
			}
		}
	case reflect.Slice:
		arr, ok := v.([]any)
		if !ok {
			return nil
		}
		for i, el := range arr {
			p := fmt.Sprintf("%s[%d]", path, i)
			if el == nil && !nullable(t.Elem()) {
				return fmt.Errorf("field %q must not be null", p)
			}
			if err := checkShape(el, t.Elem(), p); err != nil {
				return err
			}
		}
	}
	return nil
}

func nullable(t reflect.Type) bool {
	switch t.Kind() {
	case reflect.Pointer, reflect.Slice, reflect.Map, reflect.Interface:
		return true
	}
	return false
}

func jsonFields(t reflect.Type) map[string]reflect.StructField {
	out := map[string]reflect.StructField{}
	for i := range t.NumField() {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "-" {
			continue
		}
		if name == "" {
			name = f.Name
		}
		out[name] = f
	}
	return out
}

func joinPath(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

func jsonTypeName(t reflect.Type) string {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.String:
		return "string"
	case reflect.Bool:
		return "boolean"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Float32, reflect.Float64:
		return "number"
	case reflect.Slice, reflect.Array:
		return "array"
	default:
		return "object"
	}
}

package hwc

import (
	"context"
	"mime"
	"net/http"
	"reflect"
	"testing"
)

// wireCase is one service call: what must go over the wire and how the
// answer must be read.
type wireCase struct {
	call                      func(ctx context.Context, c *Client) (any, error)
	method, path, query, body string // expected request; body "" = none
	status                    int
	respond                   string
	want                      any // decoded result
}

func runWireCases(t *testing.T, cases map[string]wireCase) {
	t.Helper()
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			rec := newRecorder(t, func(w http.ResponseWriter, _ *http.Request, _ int) { reply(w, tc.status, tc.respond) })
			c := newTestClient(t, rec.URL, nil)
			got, err := tc.call(context.Background(), c)
			if err != nil {
				t.Fatalf("call failed: %v", err)
			}
			if rec.count() != 1 {
				t.Fatalf("%d requests, want 1", rec.count())
			}
			sent := rec.call(t, 0)
			if sent.Method != tc.method || sent.Path != tc.path || sent.Query != tc.query {
				t.Errorf("request = %s %s?%s\nwant      %s %s?%s", sent.Method, sent.Path, sent.Query, tc.method, tc.path, tc.query)
			}
			if sent.Body != tc.body {
				t.Errorf("body = %s\nwant   %s", sent.Body, tc.body)
			}
			// Every request carries the JSON content type, one without a body too.
			if mt, _, err := mime.ParseMediaType(sent.Header.Get("Content-Type")); err != nil || mt != "application/json" {
				t.Errorf("Content-Type %q, want application/json", sent.Header.Get("Content-Type"))
			}
			if sent.Header.Get("X-Project-Id") != testProject {
				t.Errorf("X-Project-Id = %q", sent.Header.Get("X-Project-Id"))
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("result = %#v\nwant     %#v", got, tc.want)
			}
		})
	}
}

// none is the result of calls that return only an error.
type none struct{}

func ptr[T any](v T) *T { return &v }

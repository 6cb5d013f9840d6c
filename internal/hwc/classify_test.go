package hwc

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"syscall"
	"testing"
)

func TestErrorPredicates(t *testing.T) {
	t.Parallel()
	type verdict struct{ refused, throttled, unauthorized, mayHaveBeenApplied, notFound bool }
	cases := map[string]struct {
		err  error
		want verdict
	}{
		"nil":                  {nil, verdict{}},
		"400":                  {&APIError{StatusCode: 400, Code: "CSMS.0002"}, verdict{refused: true}},
		"400 not found code":   {&APIError{StatusCode: 400, Code: "CSMS.0005"}, verdict{refused: true, notFound: true}},
		"401":                  {&APIError{StatusCode: 401, Code: "APIG.0301"}, verdict{refused: true, unauthorized: true}},
		"403":                  {&APIError{StatusCode: 403, Code: "CSMS.0403"}, verdict{refused: true, unauthorized: true}},
		"404":                  {&APIError{StatusCode: 404}, verdict{refused: true, notFound: true}},
		"404 gateway route":    {&APIError{StatusCode: 404, Code: "APIG.0101"}, verdict{refused: true}},
		"409":                  {&APIError{StatusCode: 409}, verdict{refused: true}},
		"429":                  {&APIError{StatusCode: 429, Code: "APIG.0308"}, verdict{throttled: true}},
		"500":                  {&APIError{StatusCode: 500}, verdict{mayHaveBeenApplied: true}},
		"503 wrapped":          {fmt.Errorf("creating: %w", &APIError{StatusCode: 503}), verdict{mayHaveBeenApplied: true}},
		"400 wrapped":          {fmt.Errorf("creating: %w", &APIError{StatusCode: 400}), verdict{refused: true}},
		"lost response":        {io.ErrUnexpectedEOF, verdict{mayHaveBeenApplied: true}},
		"context cancelled":    {fmt.Errorf("post: %w", context.Canceled), verdict{}},
		"deadline exceeded":    {context.DeadlineExceeded, verdict{}},
		"plain error":          {errors.New("connection reset by peer"), verdict{mayHaveBeenApplied: true}},
		"3xx is not a refusal": {&APIError{StatusCode: 302}, verdict{}},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			got := verdict{
				refused:            IsRefused(tc.err),
				throttled:          IsThrottled(tc.err),
				unauthorized:       IsUnauthorized(tc.err),
				mayHaveBeenApplied: MayHaveBeenApplied(tc.err),
				notFound:           IsNotFound(tc.err),
			}
			if got != tc.want {
				t.Errorf("%v: got %+v, want %+v", tc.err, got, tc.want)
			}
		})
	}
}

func TestIsNetworkFailure(t *testing.T) {
	t.Parallel()
	for err, want := range map[error]bool{
		nil:                        false,
		&APIError{StatusCode: 401}: false,
		&APIError{StatusCode: 503}: false,
		context.Canceled:           false,
		fmt.Errorf("x: %w", &url.Error{Op: "Get", URL: "http://h", Err: syscall.ECONNREFUSED}): true,
		fmt.Errorf("reading response body: %w", io.ErrUnexpectedEOF):                           true,
		errors.New("decoding response: invalid character"):                                     false,
	} {
		if got := IsNetworkFailure(err); got != want {
			t.Errorf("IsNetworkFailure(%v) = %v, want %v", err, got, want)
		}
	}
}

package hwc

import (
	"context"
	"net/http"
	"net/url"
)

// The CSMS calls answer in two shapes: one object wrapped under a key of
// its own ({"secret": {…}}), or a page of a marker-paged list ({"secrets":
// […], "page_info": {…}}). Each call's shape is a small type beside it;
// csmsCall and csmsPage send the call and unwrap the answer.

// csmsCall sends body (nil: none) to v1/{project_id}/segments… and returns
// the object the answer wraps; A is the answer's shape.
func csmsCall[T, A any, PA interface {
	*A
	unwrap() *T
}](ctx context.Context, c *Client, method string, body any, segments ...string) (*T, error) {
	r, err := c.scoped(ctx, method, c.endpoints.csms, "v1", segments...)
	if err != nil {
		return nil, err
	}
	r.body = body
	out, err := decodeCall[A](ctx, c, r)
	if err != nil {
		return nil, err
	}
	return PA(out).unwrap(), nil
}

// decodeCall runs r and returns its answer decoded as an A.
func decodeCall[A any](ctx context.Context, c *Client, r request) (*A, error) {
	var out A
	r.out = &out
	if err := c.do(ctx, r); err != nil {
		return nil, err
	}
	return &out, nil
}

// csmsPage reads one page of a marker-paged list at v1/{project_id}/segments…
// with the query params; P is the page's shape.
func csmsPage[T, P any, PP interface {
	*P
	items() ([]T, PageInfo)
}](ctx context.Context, c *Client, params url.Values, segments ...string) ([]T, PageInfo, error) {
	r, err := c.scoped(ctx, http.MethodGet, c.endpoints.csms, "v1", segments...)
	if err != nil {
		return nil, PageInfo{}, err
	}
	var out P
	r.params, r.out = params, &out
	if err := c.do(ctx, r); err != nil {
		return nil, PageInfo{}, err
	}
	items, page := PP(&out).items()
	return items, page, nil
}

package sdksign

import (
	"strings"
	"testing"

	"github.com/hwcloud-oss/terraform-provider-hwcloud/internal/sdksign/signvectors"
)

// TestSignReproducesOfficialVectors signs each vector request from scratch and
// compares every intermediate string and the final header byte for byte.
func TestSignReproducesOfficialVectors(t *testing.T) {
	f := signvectors.Load(t)
	now := f.Date(t, DateFormat)
	for _, v := range f.Vectors {
		t.Run(v.Name, func(t *testing.T) {
			req := v.Request(t, "https://kms.cn-north-4.myhuaweicloud.com")
			req.Header.Del(HeaderDate)                                       // Sign sets the date itself
			req.Header.Set("Content-Type", "application/json;charset=UTF-8") // never signed

			if err := Sign(req, []byte(v.Body), f.AccessKey, f.SecretKey, now); err != nil {
				t.Fatal(err)
			}
			if got := req.Header.Get(HeaderAuthorization); got != v.ExpectedAuthorization {
				t.Errorf("Authorization\n got: %s\nwant: %s", got, v.ExpectedAuthorization)
			}
			if got := req.Header.Get(HeaderDate); got != v.Headers[HeaderDate] {
				t.Errorf("X-Sdk-Date = %q, want %q", got, v.Headers[HeaderDate])
			}

			canonical, err := CanonicalRequest(Request{
				Method: v.Method, Path: v.Path, RawQuery: v.RawQuery, SignedHeaders: v.SignedHeaders,
				HeaderValue: func(n string) string { return req.Header.Get(n) }, Body: []byte(v.Body),
			})
			if err != nil {
				t.Fatal(err)
			}
			if canonical != v.CanonicalRequest {
				t.Errorf("canonical request\n got: %q\nwant: %q", canonical, v.CanonicalRequest)
			}
			if got := StringToSign(v.Headers[HeaderDate], canonical); got != v.StringToSign {
				t.Errorf("string to sign\n got: %q\nwant: %q", got, v.StringToSign)
			}
		})
	}
}

func TestParseAuthorizationRoundTrip(t *testing.T) {
	f := signvectors.Load(t)
	for _, v := range f.Vectors {
		a, err := ParseAuthorization(v.ExpectedAuthorization)
		if err != nil {
			t.Fatalf("%s: %v", v.Name, err)
		}
		if a.AccessKey != f.AccessKey || strings.Join(a.SignedHeaders, ";") != strings.Join(v.SignedHeaders, ";") {
			t.Errorf("%s: parsed %+v", v.Name, a)
		}
		if a.String() != v.ExpectedAuthorization {
			t.Errorf("%s: String() = %q", v.Name, a.String())
		}
	}
}

func TestParseAuthorizationRejectsMalformed(t *testing.T) {
	for _, in := range []string{
		"",
		"Bearer abc",
		"SDK-HMAC-SHA256 Access=AK",
		"SDK-HMAC-SHA256 Access=AK, SignedHeaders=x-sdk-date",
		"SDK-HMAC-SHA256 Access=AK, SignedHeaders=x-sdk-date, Signature=",
		"SDK-HMAC-SHA256 Access=AK, SignedHeaders=x-sdk-date, Signature=ab, Extra=1",
	} {
		if _, err := ParseAuthorization(in); err == nil {
			t.Errorf("ParseAuthorization(%q) accepted a malformed header", in)
		}
	}
}

func TestCanonicalEncoding(t *testing.T) {
	cases := []struct{ path, want string }{
		{"/v1/p/csms/events", "/v1/p/csms/events/"},
		{"/v1/p/csms/events/", "/v1/p/csms/events/"},
		{"/v1/p/secrets/a b+c", "/v1/p/secrets/a%20b%2Bc/"},
		{"/v1/p/secrets/密", "/v1/p/secrets/%E5%AF%86/"},
	}
	for _, c := range cases {
		if got := CanonicalURI(c.path); got != c.want {
			t.Errorf("CanonicalURI(%q) = %q, want %q", c.path, got, c.want)
		}
	}
	q, err := CanonicalQuery("b=2&a=z&a=y&c=x%20y&d=a+b")
	if err != nil {
		t.Fatal(err)
	}
	if want := "a=y&a=z&b=2&c=x%20y&d=a%20b"; q != want {
		t.Errorf("CanonicalQuery = %q, want %q", q, want)
	}
}

func FuzzCanonicalRequest(f *testing.F) {
	f.Add("GET", "/v1/p/csms/events", "limit=2&marker=ev_0", "ua")
	f.Add("POST", "/v3/p/notifications/", "notification_id=a,b", "")
	f.Add("DELETE", "", "%zz=1;&&=", "\x00")
	f.Fuzz(func(t *testing.T, method, path, rawQuery, ua string) {
		r := Request{
			Method: method, Path: path, RawQuery: rawQuery,
			SignedHeaders: []string{"user-agent", "x-sdk-date"},
			HeaderValue:   func(string) string { return ua },
		}
		canonical, err := CanonicalRequest(r)
		if err != nil {
			return // an unparsable query is reported, never a panic
		}
		if !strings.HasSuffix(canonical, EmptyBodyHash) {
			t.Fatalf("canonical request does not end with the empty-body hash: %q", canonical)
		}
		if uri := CanonicalURI(path); !strings.HasSuffix(uri, "/") {
			t.Fatalf("CanonicalURI(%q) = %q lacks trailing slash", path, uri)
		}
		_, _ = ParseAuthorization(ua)
	})
}

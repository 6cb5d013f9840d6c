package hwc

import (
	"crypto/tls"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
	"net"
)

// ParseCACerts checks a PEM bundle of CA certificates and returns them: every
// block must be a CERTIFICATE that parses, and there must be at least one.
// Text around the blocks (comments, as in the system bundles) is ignored.
func ParseCACerts(data []byte) ([]*x509.Certificate, error) {
	var certs []*x509.Certificate
	for n := 1; ; n++ {
		var block *pem.Block
		block, data = pem.Decode(data)
		if block == nil {
			break
		}
		if block.Type != "CERTIFICATE" {
			return nil, fmt.Errorf("PEM block %d is a %q, not a CERTIFICATE", n, block.Type)
		}
		cert, err := x509.ParseCertificate(block.Bytes)
		if err != nil {
			return nil, fmt.Errorf("PEM block %d is not a valid certificate: %w", n, err)
		}
		certs = append(certs, cert)
	}
	if len(certs) == 0 {
		return nil, errors.New("no PEM certificate found (expected one or more -----BEGIN CERTIFICATE----- blocks)")
	}
	return certs, nil
}

// certPool is the system roots plus the certificates of caPEM; nil (the
// system roots, as Go finds them) when caPEM is empty.
func certPool(caPEM []byte) (*x509.CertPool, error) {
	if len(caPEM) == 0 {
		return nil, nil //nolint:nilnil // nil is the documented "system roots" of tls.Config
	}
	certs, err := ParseCACerts(caPEM)
	if err != nil {
		return nil, fmt.Errorf("hwc: CA certificates: %w", err)
	}
	pool, err := x509.SystemCertPool()
	if err != nil || pool == nil {
		pool = x509.NewCertPool() // no system pool on this platform: the given CAs alone
	}
	for _, c := range certs {
		pool.AddCert(c)
	}
	return pool, nil
}

// IsCertificateFailure reports whether err is a TLS failure of the server's
// certificate: an unknown authority, a wrong host name, an expired or
// otherwise invalid certificate. Such a failure is never retried, and its
// remedy is configuration (a CA bundle), not the network.
func IsCertificateFailure(err error) bool {
	return err != nil && isTLSFailure(err)
}

// ParseClientCertificate checks a client certificate and its private key
// (PEM) and returns the pair: both are needed, and the key must be the
// certificate's. Its errors never quote the key.
func ParseClientCertificate(certPEM, keyPEM []byte) (tls.Certificate, error) {
	switch {
	case len(certPEM) == 0:
		return tls.Certificate{}, errors.New("client certificate: a key without its certificate")
	case len(keyPEM) == 0:
		return tls.Certificate{}, errors.New("client certificate: a certificate without its key")
	}
	cert, err := tls.X509KeyPair(certPEM, keyPEM)
	if err != nil {
		return tls.Certificate{}, fmt.Errorf("client certificate: %w", err)
	}
	return cert, nil
}

// IsHandshakeRefused reports whether the server ended the TLS handshake with
// an alert (for example "certificate required" when it wants a client
// certificate and got none or one it does not trust): configuration, not
// the network, so it is never retried.
func IsHandshakeRefused(err error) bool {
	var opErr *net.OpError
	return errors.As(err, &opErr) && opErr.Op == "remote error"
}

package provider

// ObjectWith is objectWith, for the tests that drive the provider's protocol
// server from outside the package.
var ObjectWith = objectWith

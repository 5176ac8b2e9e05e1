#pragma once
// OpenSSL is set up when TLS is first used, not when the program loads: loading its configuration
// and error strings makes about 1.5 MiB resident in an exporter that may never use TLS.

namespace host_exporter::server {

// Loads OpenSSL's configuration and its SSL and crypto error strings.
// Call it before creating a TLS server or any HTTP client; cheap after the first call, thread-safe.
void initialise_openssl();

}  // namespace host_exporter::server

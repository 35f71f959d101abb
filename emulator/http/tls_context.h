// TlsContext: the server's certificate chain and private key (--tls-cert, --tls-key) loaded into
// an OpenSSL SSL_CTX, from which each TLS connection's session is made (tls_transport.h).
//
// Thread-safety: not changed after construction; sessions may be made from it on many workers at
// once.
#pragma once

#include <openssl/ssl.h>

#include <string>

namespace ccemu::http {

class TlsContext {
 public:
  // PEM files: the certificate (followed by any intermediates) and its unencrypted private key.
  TlsContext(const std::string& cert_file, const std::string& key_file);
  ~TlsContext();
  TlsContext(const TlsContext&) = delete;
  TlsContext& operator=(const TlsContext&) = delete;

  // False when a file could not be read or the key does not match the certificate.
  bool valid() const { return context_ != nullptr; }
  SSL_CTX* get() const { return context_; }

 private:
  SSL_CTX* context_;
};

}  // namespace ccemu::http

#include "http/tls_context.h"

#include <openssl/err.h>

namespace ccemu::http {

TlsContext::TlsContext(const std::string& cert_file, const std::string& key_file)
    : context_(SSL_CTX_new(TLS_server_method())) {
  if (context_ == nullptr) return;
  SSL_CTX_set_min_proto_version(context_, TLS1_2_VERSION);
  // Renegotiation would let a client make the server redo its most expensive work at will.
  SSL_CTX_set_options(context_, SSL_OP_NO_COMPRESSION | SSL_OP_NO_RENEGOTIATION);
  // Idle keep-alive connections (SDK pools hold many) then keep no read or write buffer.
  SSL_CTX_set_mode(context_, SSL_MODE_RELEASE_BUFFERS);
  if (SSL_CTX_use_certificate_chain_file(context_, cert_file.c_str()) != 1 ||
      SSL_CTX_use_PrivateKey_file(context_, key_file.c_str(), SSL_FILETYPE_PEM) != 1 ||
      SSL_CTX_check_private_key(context_) != 1) {
    SSL_CTX_free(context_);
    context_ = nullptr;
  }
  ERR_clear_error();
}

TlsContext::~TlsContext() { SSL_CTX_free(context_); }

}  // namespace ccemu::http

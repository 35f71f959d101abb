// TlsTransport: a connection's TLS session (OpenSSL, server side) as a Transport (transport.h).
//
// OpenSSL reads ciphertext from, and writes it to, memory buffers; this class moves those bytes
// over the socket itself. So no call blocks (the connection loop waits, with its deadlines), no
// send() raises SIGPIPE when the client has gone, and the records SSL_write made for one answer
// leave in one send() however many there are.
//
// Thread-safety: none; one worker serves a connection from start to end.
#pragma once

#include <openssl/ssl.h>

#include "http/tls_context.h"
#include "http/transport.h"

namespace ccemu::http {

class TlsTransport final : public Transport {
 public:
  // The caller keeps and closes `fd`; `context` must outlive this.
  TlsTransport(const TlsContext& context, int fd);
  ~TlsTransport() override;
  TlsTransport(const TlsTransport&) = delete;
  TlsTransport& operator=(const TlsTransport&) = delete;

  // The handshake, its last flight sent.
  IoResult establish() override;
  IoResult receive(char* data, size_t size) override;
  // Returns once the records for `data` have all been handed to the socket. After must_wait(),
  // the repeated call (with the same arguments, as with SSL_write) goes on sending them.
  IoResult send(const char* data, size_t size) override;
  bool has_buffered() const override;
  // Sends close_notify when it can at once.
  void finish() override;

 private:
  // Repeats `call` (an SSL_* call, > 0 on success) while OpenSSL needs ciphertext from the
  // client, sending what OpenSSL made for the client first and receiving what the socket has.
  template <typename Call>
  IoResult drive(Call call);
  // Sends the ciphertext OpenSSL made: bytes 0 once all are sent, must_wait() when the socket
  // took only part (the rest stays for the next call), < 0 on failure.
  IoResult send_ciphertext();
  // Moves what the socket holds into OpenSSL's input.
  IoResult receive_ciphertext();

  const int fd_;
  SSL* ssl_;                 // nullptr when OpenSSL could not make the session
  BIO* incoming_ = nullptr;  // ciphertext received, not yet read by OpenSSL; owned by ssl_
  BIO* outgoing_ = nullptr;  // ciphertext OpenSSL made, not yet sent; owned by ssl_
  // After a fatal error OpenSSL must not be used for the session again (no close_notify).
  bool failed_ = false;
  // Plaintext bytes of the send() in progress that SSL_write has taken; their records are leaving.
  size_t sending_ = 0;
};

}  // namespace ccemu::http

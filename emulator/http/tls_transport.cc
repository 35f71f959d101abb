#include "http/tls_transport.h"

#include <openssl/err.h>
#include <poll.h>

#include <algorithm>
#include <array>
#include <climits>
#include <utility>

namespace ccemu::http {
namespace {

// Enough for the largest TLS record (16 KiB of plaintext and its overhead).
constexpr size_t kRecordBytes = 17 * 1024;

int clamp(size_t size) { return static_cast<int>(std::min<size_t>(size, INT_MAX)); }

BIO* memory_buffer() {
  BIO* buffer = BIO_new(BIO_s_mem());
  // Empty is "nothing yet, try again", never the end of the stream: the socket says when it ends.
  if (buffer != nullptr) BIO_set_mem_eof_return(buffer, -1);
  return buffer;
}

}  // namespace

TlsTransport::TlsTransport(const TlsContext& context, int fd)
    : fd_(fd), ssl_(SSL_new(context.get())) {
  if (ssl_ == nullptr) return;
  incoming_ = memory_buffer();
  outgoing_ = memory_buffer();
  if (incoming_ == nullptr || outgoing_ == nullptr) {
    BIO_free(incoming_);
    BIO_free(outgoing_);
    SSL_free(std::exchange(ssl_, nullptr));
    return;
  }
  SSL_set_bio(ssl_, incoming_, outgoing_);
  SSL_set_accept_state(ssl_);
}

TlsTransport::~TlsTransport() { SSL_free(ssl_); }

template <typename Call>
IoResult TlsTransport::drive(Call call) {
  if (ssl_ == nullptr || failed_) return {-1, 0};
  while (true) {
    // SSL_get_error reads this thread's error queue, which must hold only this call's errors.
    ERR_clear_error();
    const int done = call();
    if (done > 0) return {done, 0};
    const int error = SSL_get_error(ssl_, done);
    if (error == SSL_ERROR_ZERO_RETURN) return {0, 0};  // the client's close_notify
    if (error != SSL_ERROR_WANT_READ) {
      failed_ = true;
      send_ciphertext();  // the alert saying why, if OpenSSL made one
      ERR_clear_error();
      return {-1, 0};
    }
    if (const IoResult sent = send_ciphertext(); sent.bytes < 0) return sent;
    if (const IoResult received = receive_ciphertext(); received.bytes <= 0) return received;
  }
}

IoResult TlsTransport::establish() {
  const IoResult done = drive([this] { return SSL_do_handshake(ssl_); });
  if (done.bytes <= 0) return done;
  // The handshake's last flight (and TLS 1.3's session tickets) leave before a request is read.
  if (const IoResult sent = send_ciphertext(); sent.bytes < 0) return sent;
  return {1, 0};
}

IoResult TlsTransport::receive(char* data, size_t size) {
  const IoResult received = drive([&] { return SSL_read(ssl_, data, clamp(size)); });
  // Anything OpenSSL answered while reading (a key update) leaves now if it can, else later.
  if (received.bytes > 0) send_ciphertext();
  return received;
}

IoResult TlsTransport::send(const char* data, size_t size) {
  if (sending_ == 0) {
    const IoResult taken = drive([&] { return SSL_write(ssl_, data, clamp(size)); });
    if (taken.bytes <= 0) return taken;
    sending_ = static_cast<size_t>(taken.bytes);
  }
  if (const IoResult sent = send_ciphertext(); sent.bytes < 0) {
    if (!sent.must_wait()) sending_ = 0;
    return sent;
  }
  return {static_cast<ssize_t>(std::exchange(sending_, 0)), 0};
}

bool TlsTransport::has_buffered() const {
  return ssl_ != nullptr && (SSL_pending(ssl_) > 0 || BIO_ctrl_pending(incoming_) > 0);
}

void TlsTransport::finish() {
  if (ssl_ == nullptr || failed_ || !SSL_is_init_finished(ssl_)) return;
  ERR_clear_error();
  SSL_shutdown(ssl_);
  send_ciphertext();
  ERR_clear_error();
}

IoResult TlsTransport::send_ciphertext() {
  char* data = nullptr;
  const long size = BIO_get_mem_data(outgoing_, &data);
  if (size <= 0) return {0, 0};
  const IoResult sent = send_now(fd_, data, static_cast<size_t>(size));
  if (sent.bytes <= 0) return sent.must_wait() ? sent : IoResult{-1, 0};
  // Sent bytes are taken off the buffer: read into scratch space, since a memory BIO has no skip.
  std::array<char, kRecordBytes> scratch;
  for (ssize_t left = sent.bytes; left > 0;) {
    const int taken =
        BIO_read(outgoing_, scratch.data(), clamp(std::min<size_t>(left, scratch.size())));
    if (taken <= 0) return {-1, 0};
    left -= taken;
  }
  if (sent.bytes < size) return {-1, POLLOUT};
  return {0, 0};
}

IoResult TlsTransport::receive_ciphertext() {
  std::array<char, kRecordBytes> buffer;
  const IoResult received = receive_now(fd_, buffer.data(), buffer.size());
  if (received.bytes > 0 &&
      BIO_write(incoming_, buffer.data(), static_cast<int>(received.bytes)) != received.bytes) {
    return {-1, 0};
  }
  return received;
}

}  // namespace ccemu::http

// A TLS connection served by ConnectionStream over TlsTransport, against an OpenSSL client on the
// other end of a socket pair: what the integration tests cannot force, a socket that takes an
// answer only a few KiB at a time.
#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <future>
#include <string>

#include "http/connection_stream.h"
#include "http/tls_context.h"
#include "http/tls_transport.h"

namespace ccemu::http {
namespace {

using std::chrono::seconds;

constexpr ConnectionLimits kLimits{.keep_alive_idle = seconds(10),
                                   .read_idle = seconds(10),
                                   .request_deadline = seconds(10),
                                   .write_idle = seconds(10)};

// A self-signed P-256 certificate and its key, as PEM files in a directory of their own.
class CertificateFiles {
 public:
  CertificateFiles() {
    char pattern[] = "/tmp/ccemu-tls-test-XXXXXX";
    directory_ = mkdtemp(pattern);
    EVP_PKEY* key = EVP_EC_gen("P-256");
    X509* cert = X509_new();
    ASN1_INTEGER_set(X509_get_serialNumber(cert), 1);
    X509_gmtime_adj(X509_getm_notBefore(cert), 0);
    X509_gmtime_adj(X509_getm_notAfter(cert), 3600);
    X509_set_pubkey(cert, key);
    X509_NAME* name = X509_get_subject_name(cert);
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                               reinterpret_cast<const unsigned char*>("localhost"), -1, -1, 0);
    X509_set_issuer_name(cert, name);
    X509_sign(cert, key, EVP_sha256());
    FILE* file = std::fopen(cert_path().c_str(), "w");
    PEM_write_X509(file, cert);
    std::fclose(file);
    file = std::fopen(key_path().c_str(), "w");
    PEM_write_PrivateKey(file, key, nullptr, nullptr, 0, nullptr, nullptr);
    std::fclose(file);
    X509_free(cert);
    EVP_PKEY_free(key);
  }
  ~CertificateFiles() { std::filesystem::remove_all(directory_); }

  std::string cert_path() const { return directory_ + "/cert.pem"; }
  std::string key_path() const { return directory_ + "/key.pem"; }

 private:
  std::string directory_;
};

struct ClientResult {
  bool connected = false;
  std::string received;      // everything the server sent, up to its close
  bool clean_close = false;  // the server ended with close_notify
};

// A blocking OpenSSL client on `fd`: sends `request`, then reads until the server closes. It does
// not check the certificate; trust is not what is tested here.
ClientResult run_client(int fd, std::string request) {
  ClientResult result;
  SSL_CTX* context = SSL_CTX_new(TLS_client_method());
  SSL* ssl = SSL_new(context);
  SSL_set_fd(ssl, fd);
  if (SSL_connect(ssl) == 1) {
    result.connected = true;
    if (SSL_write(ssl, request.data(), static_cast<int>(request.size())) > 0) {
      char buffer[16384];
      int read;
      while ((read = SSL_read(ssl, buffer, sizeof(buffer))) > 0)
        result.received.append(buffer, read);
      result.clean_close = SSL_get_error(ssl, read) == SSL_ERROR_ZERO_RETURN;
    }
  }
  SSL_free(ssl);
  SSL_CTX_free(context);
  return result;
}

class TlsConnectionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(context_.valid());
    ASSERT_EQ(socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sockets_), 0);
  }
  void TearDown() override {
    // The client, should it still wait, sees the end and returns.
    ::shutdown(sockets_[0], SHUT_RDWR);
    if (client_.valid()) client_.wait();
    ::close(sockets_[0]);
    ::close(sockets_[1]);
    ::close(stop_);
  }

  void start_client(std::string request) {
    client_ = std::async(std::launch::async, run_client, sockets_[1], std::move(request));
  }

  // Reads exactly `size` bytes from `stream`.
  static std::string read_exactly(ConnectionStream& stream, size_t size) {
    std::string text(size, '\0');
    for (size_t done = 0; done < size;) {
      const ssize_t read = stream.read(text.data() + done, size - done);
      if (read <= 0) return text.substr(0, done);
      done += static_cast<size_t>(read);
    }
    return text;
  }

  CertificateFiles files_;
  TlsContext context_{files_.cert_path(), files_.key_path()};
  int sockets_[2] = {-1, -1};  // [0] the server's end, [1] the client's
  const int stop_ = eventfd(0, EFD_CLOEXEC);
  std::future<ClientResult> client_;
};

TEST_F(TlsConnectionTest, AnAnswerLargerThanTheSocketBufferArrivesWholeThenCloseNotify) {
  // The server's socket takes a few KiB at a time, so sending stops for the socket again and again.
  const int small = 4096;
  ASSERT_EQ(setsockopt(sockets_[0], SOL_SOCKET, SO_SNDBUF, &small, sizeof(small)), 0);
  std::string body(1 << 20, '\0');
  for (size_t i = 0; i < body.size(); ++i) body[i] = static_cast<char>('a' + i % 26);
  const std::string head = "HTTP/1.1 200 OK\r\nContent-Length: 1048576\r\n\r\n";
  start_client("ping");

  TlsTransport transport(context_, sockets_[0]);
  ConnectionStream stream(sockets_[0], transport, kLimits);
  ASSERT_TRUE(stream.establish(stop_));
  ASSERT_TRUE(stream.await_request(stop_));
  EXPECT_EQ(read_exactly(stream, 4), "ping");
  // The head is gathered; the body, too large to gather, leaves after it at once.
  EXPECT_EQ(stream.write(head.data(), head.size()), static_cast<ssize_t>(head.size()));
  EXPECT_EQ(stream.write(body.data(), body.size()), static_cast<ssize_t>(body.size()));
  EXPECT_TRUE(stream.flush());
  transport.finish();
  ::shutdown(sockets_[0], SHUT_WR);

  const ClientResult result = client_.get();
  EXPECT_TRUE(result.connected);
  EXPECT_EQ(result.received.size(), head.size() + body.size());
  EXPECT_TRUE(result.received == head + body);
  EXPECT_TRUE(result.clean_close);
}

TEST_F(TlsConnectionTest, AClientThatSpeaksPlainHttpFailsTheHandshake) {
  const std::string request = "GET /_ccemu/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
  ASSERT_EQ(::send(sockets_[1], request.data(), request.size(), 0),
            static_cast<ssize_t>(request.size()));
  TlsTransport transport(context_, sockets_[0]);
  ConnectionStream stream(sockets_[0], transport, kLimits);
  EXPECT_FALSE(stream.establish(stop_));
}

TEST_F(TlsConnectionTest, StoppingEndsTheWaitForAHandshake) {
  const uint64_t one = 1;
  ASSERT_EQ(::write(stop_, &one, sizeof(one)), static_cast<ssize_t>(sizeof(one)));
  TlsTransport transport(context_, sockets_[0]);
  ConnectionStream stream(sockets_[0], transport, kLimits);
  EXPECT_FALSE(stream.establish(stop_));
}

}  // namespace
}  // namespace ccemu::http

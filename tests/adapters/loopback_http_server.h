#pragma once
// A tiny HTTP/1.1 server for adapter tests: listens on 127.0.0.1 only, on an ephemeral port, answers each
// connection on its own thread with a test-supplied handler (Connection: close), counts requests and the most
// requests it was handling at once, and stops when destroyed — or by itself after kLifetime, so a test that
// forgets it cannot leave it running.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <chrono>
#include <functional>
#include <map>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace pb::test {

struct HttpExchange {
  std::string method;
  std::string path;
  std::map<std::string, std::string> headers;  // names lower-cased
  std::string body;
};

struct HttpAnswer {
  HttpAnswer() = default;
  HttpAnswer(int status_code, std::string body_text, std::string type = "application/json",
             std::vector<std::pair<std::string, std::string>> extra_headers = {})
      : status(status_code),
        body(std::move(body_text)),
        content_type(std::move(type)),
        headers(std::move(extra_headers)) {}

  int status = 200;
  std::string body;
  std::string content_type = "application/json";
  std::vector<std::pair<std::string, std::string>> headers;
};

class LoopbackHttpServer {
 public:
  // handler(request, index): index counts requests from 0 in arrival order. Runs on connection threads.
  using Handler = std::function<HttpAnswer(const HttpExchange&, int)>;
  static constexpr std::chrono::seconds kLifetime{120};

  explicit LoopbackHttpServer(Handler handler) : handler_(std::move(handler)) {
    listen_fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (listen_fd_ < 0) throw std::runtime_error("socket failed");
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = 0;  // ephemeral
    if (::bind(listen_fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 || ::listen(listen_fd_, 64) != 0)
      throw std::runtime_error("bind/listen failed");
    socklen_t length = sizeof address;
    ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&address), &length);
    port_ = ntohs(address.sin_port);
    acceptor_ = std::thread([this] { accept_loop(); });
  }

  ~LoopbackHttpServer() {
    stop_ = true;
    acceptor_.join();
    std::vector<std::thread> connections;
    {
      std::lock_guard lock(mutex_);
      connections.swap(connections_);
    }
    for (auto& t : connections) t.join();
    ::close(listen_fd_);
  }

  std::string base_url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  int requests() const { return requests_.load(); }
  int max_concurrent() const { return max_concurrent_.load(); }
  std::vector<HttpExchange> exchanges() const {
    std::lock_guard lock(mutex_);
    return exchanges_;
  }

 private:
  void accept_loop() {
    const auto until = std::chrono::steady_clock::now() + kLifetime;
    while (!stop_ && std::chrono::steady_clock::now() < until) {
      pollfd polled{listen_fd_, POLLIN, 0};
      if (::poll(&polled, 1, 20) <= 0) continue;
      const int fd = ::accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
      if (fd < 0) continue;
      std::lock_guard lock(mutex_);
      connections_.emplace_back([this, fd] { serve(fd); });
    }
  }

  static bool read_more(int fd, std::string& data) {
    char buffer[65536];
    pollfd polled{fd, POLLIN, 0};
    if (::poll(&polled, 1, 10'000) <= 0) return false;
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n <= 0) return false;
    data.append(buffer, static_cast<std::size_t>(n));
    return true;
  }

  void serve(int fd) {
    std::string data;
    std::size_t header_end;
    while ((header_end = data.find("\r\n\r\n")) == std::string::npos)
      if (!read_more(fd, data)) return close_quietly(fd);
    HttpExchange exchange;
    std::size_t line_end = data.find("\r\n");
    const std::string request_line = data.substr(0, line_end);
    exchange.method = request_line.substr(0, request_line.find(' '));
    const auto path_start = request_line.find(' ') + 1;
    exchange.path = request_line.substr(path_start, request_line.find(' ', path_start) - path_start);
    for (std::size_t at = line_end + 2; at < header_end;) {
      const std::size_t end = data.find("\r\n", at);
      const std::string line = data.substr(at, end - at);
      const auto colon = line.find(':');
      if (colon != std::string::npos) {
        std::string name = line.substr(0, colon);
        for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        std::string value = line.substr(colon + 1);
        value.erase(0, value.find_first_not_of(' '));
        exchange.headers[name] = value;
      }
      at = end + 2;
    }
    std::string body = data.substr(header_end + 4);
    if (auto it = exchange.headers.find("content-length"); it != exchange.headers.end()) {
      const std::size_t length = std::stoul(it->second);
      while (body.size() < length)
        if (!read_more(fd, body)) return close_quietly(fd);
      body.resize(length);
    } else if (exchange.headers.count("transfer-encoding")) {
      // Chunked: read until the terminating zero-size chunk, then decode.
      while (body.find("\r\n0\r\n\r\n") == std::string::npos && body.rfind("0\r\n\r\n", 0) != 0)
        if (!read_more(fd, body)) return close_quietly(fd);
      std::string decoded;
      for (std::size_t at = 0;;) {
        const std::size_t size_end = body.find("\r\n", at);
        const std::size_t size = std::stoul(body.substr(at, size_end - at), nullptr, 16);
        if (size == 0) break;
        decoded += body.substr(size_end + 2, size);
        at = size_end + 2 + size + 2;
      }
      body = decoded;
    }
    exchange.body = std::move(body);

    const int index = requests_++;
    const int now = ++in_flight_;
    for (int seen = max_concurrent_.load(); now > seen && !max_concurrent_.compare_exchange_weak(seen, now);) {
    }
    {
      std::lock_guard lock(mutex_);
      exchanges_.push_back(exchange);
    }
    const HttpAnswer answer = handler_(exchange, index);
    --in_flight_;

    std::string response = "HTTP/1.1 " + std::to_string(answer.status) +
                           " Test\r\nContent-Type: " + answer.content_type +
                           "\r\nContent-Length: " + std::to_string(answer.body.size()) + "\r\nConnection: close\r\n";
    for (const auto& [name, value] : answer.headers) response += name + ": " + value + "\r\n";
    response += "\r\n" + answer.body;
    for (std::size_t sent = 0; sent < response.size();) {
      const ssize_t n = ::send(fd, response.data() + sent, response.size() - sent, MSG_NOSIGNAL);
      if (n <= 0) break;
      sent += static_cast<std::size_t>(n);
    }
    close_quietly(fd);
  }

  static void close_quietly(int fd) { ::close(fd); }

  Handler handler_;
  int listen_fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stop_{false};
  std::atomic<int> requests_{0};
  std::atomic<int> in_flight_{0};
  std::atomic<int> max_concurrent_{0};
  mutable std::mutex mutex_;
  std::vector<HttpExchange> exchanges_;
  std::vector<std::thread> connections_;
  std::thread acceptor_;
};

}  // namespace pb::test

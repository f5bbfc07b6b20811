#pragma once

// An SSE client for tests: reads a stream incrementally on its own thread with httplib's content
// receiver and parses the events as EventSource would.

#include <httplib.h>

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace alpes::testing {

struct ReceivedEvent {
    std::uint64_t id = 0;
    std::string name;
    std::string data;
};

// Splits a byte stream into events at blank lines; comments (": …") are counted, not kept.
class SseParser {
public:
    void feed(std::string_view bytes, std::vector<ReceivedEvent>& out)
    {
        m_buffer.append(bytes);
        for (size_t end; (end = m_buffer.find("\n\n")) != std::string::npos;) {
            const std::string block = m_buffer.substr(0, end + 1);
            m_buffer.erase(0, end + 2);
            ReceivedEvent event;
            bool hasField = false;
            for (size_t start = 0, lineEnd; (lineEnd = block.find('\n', start)) != std::string::npos;
                 start = lineEnd + 1) {
                const std::string line = block.substr(start, lineEnd - start);
                if (line.starts_with(":")) {
                    ++m_comments;
                    continue;
                }
                hasField = true;
                if (line.starts_with("id: "))
                    event.id = std::stoull(line.substr(4));
                else if (line.starts_with("event: "))
                    event.name = line.substr(7);
                else if (line.starts_with("data: "))
                    event.data = line.substr(6);
            }
            if (hasField)
                out.push_back(std::move(event));
        }
    }
    int comments() const { return m_comments; }

private:
    std::string m_buffer;
    int m_comments = 0;
};

class SseTestClient {
public:
    SseTestClient(std::uint16_t port, std::string path, httplib::Headers headers = {})
        : m_client("127.0.0.1", port)
    {
        m_client.set_read_timeout(std::chrono::seconds(60));
        m_thread = std::thread([this, path = std::move(path), headers = std::move(headers)] {
            m_client.Get(
                path, headers,
                [this](const httplib::Response& response) {
                    std::lock_guard lock(m_mutex);
                    m_status = response.status;
                    m_contentType = response.get_header_value("Content-Type");
                    m_cacheControl = response.get_header_value("Cache-Control");
                    m_changed.notify_all();
                    return true;
                },
                [this](const char* data, size_t length) {
                    std::lock_guard lock(m_mutex);
                    m_parser.feed(std::string_view(data, length), m_events);
                    m_changed.notify_all();
                    return !m_disconnecting;
                });
            std::lock_guard lock(m_mutex);
            m_ended = true;
            m_changed.notify_all();
        });
    }
    ~SseTestClient() { disconnect(); }

    // Closes the connection (as a browser tab that goes away) and waits for the reader.
    void disconnect()
    {
        if (!m_thread.joinable())
            return;
        {
            std::lock_guard lock(m_mutex);
            m_disconnecting = true;
        }
        m_client.stop();
        m_thread.join();
    }

    // True once `count` events arrived (false after `limit`: the test then fails on what it got).
    bool waitForEvents(size_t count, std::chrono::seconds limit = std::chrono::seconds(60))
    {
        std::unique_lock lock(m_mutex);
        return m_changed.wait_for(lock, limit, [&] { return m_events.size() >= count; });
    }
    bool waitForResponse(std::chrono::seconds limit = std::chrono::seconds(60))
    {
        std::unique_lock lock(m_mutex);
        return m_changed.wait_for(lock, limit, [&] { return m_status != 0 || m_ended; });
    }
    bool waitUntilEnded(std::chrono::seconds limit = std::chrono::seconds(60))
    {
        std::unique_lock lock(m_mutex);
        return m_changed.wait_for(lock, limit, [&] { return m_ended; });
    }

    std::vector<ReceivedEvent> events() const
    {
        std::lock_guard lock(m_mutex);
        return m_events;
    }
    std::vector<std::uint64_t> ids() const
    {
        std::vector<std::uint64_t> ids;
        for (const auto& event : events())
            ids.push_back(event.id);
        return ids;
    }
    int status() const
    {
        std::lock_guard lock(m_mutex);
        return m_status;
    }
    std::string contentType() const
    {
        std::lock_guard lock(m_mutex);
        return m_contentType;
    }
    std::string cacheControl() const
    {
        std::lock_guard lock(m_mutex);
        return m_cacheControl;
    }
    int comments() const
    {
        std::lock_guard lock(m_mutex);
        return m_parser.comments();
    }

private:
    httplib::Client m_client;
    mutable std::mutex m_mutex;
    std::condition_variable m_changed;
    SseParser m_parser;
    std::vector<ReceivedEvent> m_events;
    int m_status = 0;
    std::string m_contentType;
    std::string m_cacheControl;
    bool m_ended = false;
    bool m_disconnecting = false;
    std::thread m_thread;
};

}  // namespace alpes::testing

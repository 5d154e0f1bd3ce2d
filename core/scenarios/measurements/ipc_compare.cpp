// The same messages between two processes, five ways (C13): a pipe, a FIFO, a POSIX message
// queue and a UNIX socket, where the kernel copies each message in and out again, and shared
// memory, where the two processes copy into and out of the same pages and two semaphores say
// whose turn it is; then the same shared-memory mailbox between two threads of one process,
// what the IPC methods are weighed against. Measured either as round trips (latency: a message
// there and one back) or as a stream (throughput: many messages one way, the time per message).
//
// The partner is a forked child that is not traced, and the messages are not recorded: tracing
// each would be most of what is measured. Only the samples are recorded, after each is taken.
// Names the kernel keeps (the FIFOs', the queues') are removed as soon as both ends are open.

#include <fcntl.h>
#include <mqueue.h>
#include <semaphore.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "core/primitives/ipc/run_names.h"
#include "core/primitives/runtime.h"
#include "core/scenarios/scenario.h"
#include "core/sys/clock.h"
#include "core/sys/cpu_affinity.h"

namespace interleave {
namespace {

constexpr std::size_t kMaxBytes = 4096;
constexpr int kWarmUp = 20;  // round trips or bursts not recorded

// Whole reads and writes on a descriptor (a stream socket may return part of a message).
bool writeAll(int fd, const char* p, std::size_t n) {
    while (n > 0) {
        const auto w = write(fd, p, n);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) return false;
        p += w;
        n -= static_cast<std::size_t>(w);
    }
    return true;
}
bool readAll(int fd, char* p, std::size_t n) {
    while (n > 0) {
        const auto r = read(fd, p, n);
        if (r < 0 && errno == EINTR) continue;
        if (r <= 0) return false;
        p += r;
        n -= static_cast<std::size_t>(r);
    }
    return true;
}

// Two directions between the lab (the parent) and its partner (a forked child).
class Duplex {
  public:
    virtual ~Duplex() = default;
    // After fork, each side keeps what it uses; false when it cannot.
    virtual bool parentSide() { return true; }
    virtual bool childSide() { return true; }
    virtual bool toChild(const char* p, std::size_t n) = 0;
    virtual bool fromChild(char* p, std::size_t n) = 0;
    virtual bool toParent(const char* p, std::size_t n) = 0;
    virtual bool fromParent(char* p, std::size_t n) = 0;
};

// A pipe each way, or a socket pair: descriptors made before fork.
class FdDuplex : public Duplex {
  public:
    // Parent writes pw and reads pr; the child reads cr and writes cw.
    FdDuplex(int pw, int pr, int cr, int cw) : m_pw(pw), m_pr(pr), m_cr(cr), m_cw(cw) {}
    ~FdDuplex() override {
        for (int fd : {m_pw, m_pr, m_cr, m_cw})
            if (fd >= 0) close(fd);
    }
    bool parentSide() override { return closeBoth(m_cr, m_cw); }
    bool childSide() override { return closeBoth(m_pw, m_pr); }
    bool toChild(const char* p, std::size_t n) override { return writeAll(m_pw, p, n); }
    bool fromChild(char* p, std::size_t n) override { return readAll(m_pr, p, n); }
    bool toParent(const char* p, std::size_t n) override { return writeAll(m_cw, p, n); }
    bool fromParent(char* p, std::size_t n) override { return readAll(m_cr, p, n); }

  protected:
    // A socket pair's two sides may be one descriptor each way: close each only once.
    bool closeBoth(int& a, int& b) {
        if (a >= 0) close(a);
        if (b >= 0 && b != a) close(b);
        a = b = -1;
        return true;
    }
    int m_pw, m_pr, m_cr, m_cw;
};

// Two FIFOs, opened by name after fork (an open waits for the other end), then unlinked.
class FifoDuplex : public FdDuplex {
  public:
    FifoDuplex() : FdDuplex(-1, -1, -1, -1) {
        const auto lab = getpid();
        m_dir = runFifoDirectory(lab);
        m_there = runFifoPath(lab, 0);
        m_back = runFifoPath(lab, 1);
        m_made = mkdir(m_dir.c_str(), 0700) == 0 && mkfifo(m_there.c_str(), 0600) == 0 &&
                 mkfifo(m_back.c_str(), 0600) == 0;
    }
    ~FifoDuplex() override { removeNames(); }
    bool parentSide() override {
        if (!m_made) return false;
        m_pw = open(m_there.c_str(), O_WRONLY);
        m_pr = open(m_back.c_str(), O_RDONLY);
        removeNames();  // both ends of both are open: the names are not needed any more
        return m_pw >= 0 && m_pr >= 0;
    }
    bool childSide() override {
        m_cr = open(m_there.c_str(), O_RDONLY);
        m_cw = open(m_back.c_str(), O_WRONLY);
        m_made = false;  // the parent removes the names
        return m_cr >= 0 && m_cw >= 0;
    }

  private:
    void removeNames() {
        if (!m_made) return;
        unlink(m_there.c_str());
        unlink(m_back.c_str());
        rmdir(m_dir.c_str());
        m_made = false;
    }
    std::string m_dir, m_there, m_back;
    bool m_made = false;
};

// Two POSIX message queues, unlinked as soon as they are open (descriptors survive fork).
class MqDuplex : public Duplex {
  public:
    explicit MqDuplex(std::size_t bytes) {
        mq_attr attr{};
        attr.mq_maxmsg = 8;
        attr.mq_msgsize = static_cast<long>(bytes);
        for (int k = 0; k < 2; ++k) {
            const auto name = runQueueName(getpid(), kMaxQueuesPerRun - k);
            m_q[k] = mq_open(name.c_str(), O_RDWR | O_CREAT | O_EXCL, 0600, &attr);
            mq_unlink(name.c_str());
        }
    }
    ~MqDuplex() override {
        for (auto q : m_q)
            if (q != static_cast<mqd_t>(-1)) mq_close(q);
    }
    bool parentSide() override { return ok(); }
    bool childSide() override { return ok(); }
    bool toChild(const char* p, std::size_t n) override { return put(m_q[0], p, n); }
    bool fromChild(char* p, std::size_t n) override { return get(m_q[1], p, n); }
    bool toParent(const char* p, std::size_t n) override { return put(m_q[1], p, n); }
    bool fromParent(char* p, std::size_t n) override { return get(m_q[0], p, n); }

  private:
    bool ok() const { return m_q[0] != static_cast<mqd_t>(-1) && m_q[1] != static_cast<mqd_t>(-1); }
    static bool put(mqd_t q, const char* p, std::size_t n) {
        while (mq_send(q, p, n, 0) != 0)
            if (errno != EINTR) return false;
        return true;
    }
    static bool get(mqd_t q, char* p, std::size_t n) {
        std::array<char, kMaxBytes> buf;
        ssize_t r;
        while ((r = mq_receive(q, buf.data(), buf.size(), nullptr)) < 0)
            if (errno != EINTR) return false;
        std::memcpy(p, buf.data(), std::min(n, static_cast<std::size_t>(r)));
        return static_cast<std::size_t>(r) == n;
    }
    mqd_t m_q[2] = {static_cast<mqd_t>(-1), static_cast<mqd_t>(-1)};
};

// Shared memory: a one-message mailbox each way in pages both processes map, with a semaphore
// for "full" and one for "empty" each (process-shared).
class ShmDuplex : public Duplex {
  public:
    ShmDuplex() {
        void* p = mmap(nullptr, sizeof(Shared), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS,
                       -1, 0);
        if (p == MAP_FAILED) return;
        m_shared = static_cast<Shared*>(p);
        for (auto& box : m_shared->box) {
            sem_init(&box.full, 1, 0);
            sem_init(&box.empty, 1, 1);
        }
    }
    ~ShmDuplex() override {
        if (m_shared) munmap(m_shared, sizeof(Shared));
    }
    bool parentSide() override { return m_shared != nullptr; }
    bool childSide() override { return m_shared != nullptr; }
    bool toChild(const char* p, std::size_t n) override { return put(m_shared->box[0], p, n); }
    bool fromChild(char* p, std::size_t n) override { return get(m_shared->box[1], p, n); }
    bool toParent(const char* p, std::size_t n) override { return put(m_shared->box[1], p, n); }
    bool fromParent(char* p, std::size_t n) override { return get(m_shared->box[0], p, n); }

  private:
    struct Box {
        sem_t full, empty;
        char data[kMaxBytes];
    };
    struct Shared {
        Box box[2];  // 0: to the child, 1: to the parent
    };
    static bool wait(sem_t& s) {
        while (sem_wait(&s) != 0)
            if (errno != EINTR) return false;
        return true;
    }
    static bool put(Box& b, const char* p, std::size_t n) {
        if (!wait(b.empty)) return false;
        std::memcpy(b.data, p, n);
        return sem_post(&b.full) == 0;
    }
    static bool get(Box& b, char* p, std::size_t n) {
        if (!wait(b.full)) return false;
        std::memcpy(p, b.data, n);
        return sem_post(&b.empty) == 0;
    }
    Shared* m_shared = nullptr;
};

// The partner: answers round trips, takes streamed messages, acknowledges a stream, leaves.
enum Op : char { kRoundTrip = 'R', kStream = 'S', kAck = 'A', kQuit = 'Q' };

int partner(Duplex& d, std::size_t bytes) {
    if (!d.childSide()) return 1;
    std::vector<char> buf(bytes);
    while (d.fromParent(buf.data(), bytes)) {
        if (buf[0] == kQuit) return 0;
        if ((buf[0] == kRoundTrip || buf[0] == kAck) && !d.toParent(buf.data(), bytes)) return 1;
    }
    return 0;
}

// One method: start the partner (a forked process, or a thread of the lab's own), take the
// samples, send it away and wait for it.
void measure(Duplex& d, std::uint32_t series, std::size_t bytes, bool latency, std::int64_t count,
             std::int64_t burst, bool thread = false) {
    std::thread partnerThread;
    pid_t pid = -1;
    if (thread) {
        partnerThread = std::thread([&d, bytes] { partner(d, bytes); });
    } else {
        pid = fork();
        if (pid == 0) _exit(partner(d, bytes));
        if (pid < 0) return;
    }
    std::vector<char> buf(bytes, 'x');
    if (d.parentSide()) {
        for (std::int64_t k = -kWarmUp; k < count && !Runtime::stopRequested(); ++k) {
            Runtime::holdWhilePaused();
            const auto t0 = monotonicNs();
            bool ok = true;
            if (latency) {
                buf[0] = kRoundTrip;
                ok = d.toChild(buf.data(), bytes) && d.fromChild(buf.data(), bytes);
            } else {
                buf[0] = kStream;
                for (std::int64_t m = 0; m < burst && ok; ++m)
                    ok = d.toChild(buf.data(), bytes);
                buf[0] = kAck;  // the stream counts once the partner has taken all of it
                ok = ok && d.toChild(buf.data(), bytes) && d.fromChild(buf.data(), bytes);
            }
            if (!ok) break;
            const auto ns = monotonicNs() - t0;
            if (k >= 0) Runtime::emit(EventKind::MeasureSample, series, latency ? ns : ns / burst);
        }
        buf[0] = kQuit;
        d.toChild(buf.data(), bytes);
    }
    if (thread) {
        partnerThread.join();  // the mailbox never fails: the quit message reaches it
        return;
    }
    int status = 0;
    // A partner still waiting for an open or a message that will not come: ended here.
    if (waitpid(pid, &status, WNOHANG) == 0) {
        const auto until = monotonicNs() + 1'000'000'000;
        while (waitpid(pid, &status, WNOHANG) == 0 && monotonicNs() < until)
            usleep(1000);
        if (waitpid(pid, &status, WNOHANG) == 0) {
            kill(pid, SIGKILL);
            waitpid(pid, &status, 0);
        }
    }
}

int run(const ParamValues& p) {
    const auto bytes = static_cast<std::size_t>(p.integer("message_bytes"));
    const bool latency = p.choice("measure") == "latency";
    const auto count = p.integer("samples");
    constexpr std::int64_t kBurst = 200;  // messages per streamed sample
    std::signal(SIGPIPE, SIG_IGN);        // a partner gone early: a failed write, not a death
    // On one core, both sides take turns on it; on any, a side that sleeps may be woken from
    // another core. Forked partners inherit where this thread may run.
    const PinnedToFirstCpu pinned(p.choice("cores") == "one");
    // The last: the same mailbox and semaphores between two threads of one process, so that what
    // IPC costs over memory that threads share is measured, not asserted.
    const char* names[] = {"pipe",        "FIFO",          "message queue",
                           "UNIX socket", "shared memory", "threads: shared memory"};
    std::uint32_t series[6];
    for (int k = 0; k < 6; ++k)
        series[k] = Runtime::registerObject(ObjectKind::Series, names[k]);
    for (int k = 0; k < 6 && !Runtime::stopRequested(); ++k) {
        std::unique_ptr<Duplex> d;
        if (k == 0) {
            int there[2] = {-1, -1}, back[2] = {-1, -1};
            if (pipe(there) != 0 || pipe(back) != 0) continue;
            d = std::make_unique<FdDuplex>(there[1], back[0], there[0], back[1]);
        } else if (k == 1) {
            d = std::make_unique<FifoDuplex>();
        } else if (k == 2) {
            d = std::make_unique<MqDuplex>(bytes);
        } else if (k == 3) {
            int sv[2];
            if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) != 0) continue;
            d = std::make_unique<FdDuplex>(sv[0], sv[0], sv[1], sv[1]);
        } else {
            d = std::make_unique<ShmDuplex>();
        }
        measure(*d, series[k], bytes, latency, count, kBurst, k == 5);
    }
    return 0;
}

}  // namespace

Scenario makeIpcCompare() {
    return Scenario{
        "ipc-compare",
        "measurements",
        "The same messages between two processes through a pipe, a FIFO, a message queue, a "
        "socket and shared memory, then between two threads: latency or throughput.",
        {
            ParamSpec::choice("measure", {"latency", "throughput"},
                              "latency: a message there and one back, each timed; throughput: "
                              "200 messages one way, the time per message."),
            ParamSpec::integer("message_bytes", 16, 4096, 64, "bytes", "Each message's size."),
            ParamSpec::integer("samples", 10, 20'000, 500, "",
                               "Samples for each method (after 20 unrecorded)."),
            ParamSpec::choice("cores", {"any", "one"},
                              "any: where the scheduler puts the two processes; one: both on "
                              "one core, taking turns."),
        },
        run,
        {ObjectKind::Series},
    };
}

}  // namespace interleave

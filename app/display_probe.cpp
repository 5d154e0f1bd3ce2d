#include "app/display_probe.h"

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstddef>
#include <cstdlib>
#include <cstring>

namespace interleave {
namespace {

bool canConnect(const std::string& path, bool abstract) {
    const int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) return false;
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    const std::size_t offset = abstract ? 1 : 0;  // abstract names start with a NUL byte
    if (path.size() + offset >= sizeof addr.sun_path) {
        close(fd);
        return false;
    }
    std::memcpy(addr.sun_path + offset, path.data(), path.size());
    const auto len = static_cast<socklen_t>(offsetof(sockaddr_un, sun_path) + offset + path.size());
    const bool ok = connect(fd, reinterpret_cast<sockaddr*>(&addr), len) == 0;
    close(fd);
    return ok;
}

}  // namespace

bool displayAvailable(std::string& why) {
    const char* platform = std::getenv("QT_QPA_PLATFORM");
    if (platform && *platform && std::strncmp(platform, "xcb", 3) != 0 &&
        std::strncmp(platform, "wayland", 7) != 0)
        return true;  // offscreen, minimal, vnc...: no display server needed
    if (const char* wl = std::getenv("WAYLAND_DISPLAY"); wl && *wl) {
        const char* runtime = std::getenv("XDG_RUNTIME_DIR");
        const std::string path =
            wl[0] == '/' ? std::string(wl) : std::string(runtime ? runtime : "") + "/" + wl;
        if (access(path.c_str(), F_OK) == 0) return true;
    }
    const char* display = std::getenv("DISPLAY");
    if (!display || !*display) {
        why = "no display: neither DISPLAY nor WAYLAND_DISPLAY is set";
        return false;
    }
    const std::string d(display);
    if (d[0] != ':') return true;  // a remote display (host:N): let the toolkit try
    const std::string number =
        d.substr(1, d.find('.') == std::string::npos ? std::string::npos : d.find('.') - 1);
    const std::string socketPath = "/tmp/.X11-unix/X" + number;
    if (canConnect(socketPath, true) || canConnect(socketPath, false)) return true;
    why = "cannot reach the X display " + d + " (nothing listens at " + socketPath + ")";
    return false;
}

}  // namespace interleave

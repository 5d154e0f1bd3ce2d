#include "core/lesson/level_progress.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>

#include <nlohmann/json.hpp>

namespace interleave {

std::string levelProgressPath() {
    std::filesystem::path base;
    if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg)
        base = xdg;
    else if (const char* home = std::getenv("HOME"); home && *home)
        base = std::filesystem::path(home) / ".local" / "share";
    else
        base = ".";
    return (base / "interleave" / "levels.json").string();
}

LevelProgress loadLevelProgress(const std::string& path, std::string& warning) {
    LevelProgress progress;
    std::ifstream in(path, std::ios::binary);
    if (!in) return progress;  // none yet
    std::stringstream text;
    text << in.rdbuf();
    in.close();
    try {
        const auto json = nlohmann::json::parse(text.str());
        for (const auto& [id, done] : json.at("levels").items())
            progress.levels[id] = {done.value("broken", false), done.value("fixed", false)};
        return progress;
    } catch (const std::exception& e) {
        std::error_code ec;
        std::filesystem::rename(path, path + ".bad", ec);
        warning = path + " could not be read as progress (" + e.what() + ")" +
                  (ec ? "; it is left where it is" : "; it is kept as " + path + ".bad") +
                  ", and progress starts afresh";
        return {};
    }
}

bool saveLevelProgress(const std::string& path, const LevelProgress& progress, std::string& error) {
    nlohmann::json levels = nlohmann::json::object();
    for (const auto& [id, done] : progress.levels)
        levels[id] = {{"broken", done.broken}, {"fixed", done.fixed}};
    const nlohmann::json json = {{"version", 1}, {"levels", levels}};
    std::error_code ec;
    const auto dir = std::filesystem::path(path).parent_path();
    if (!dir.empty()) std::filesystem::create_directories(dir, ec);
    const auto tmp = path + ".tmp";
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        out << json.dump(2) << "\n";
        if (!out.flush()) {
            error = "cannot write " + tmp;
            return false;
        }
    }
    std::filesystem::rename(tmp, path, ec);
    if (ec) {
        error = "cannot replace " + path + ": " + ec.message();
        return false;
    }
    return true;
}

}  // namespace interleave

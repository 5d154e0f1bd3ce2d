#pragma once
// A student's progress through the levels, kept from one day to the next in a small JSON file
// in the user's data folder: for each level, whether it was broken (its goal reached by hand)
// and fixed (its fix proven by every order). Qt-free, so the window and `interleave-lab levels`
// share it. A file that cannot be read as progress is never overwritten silently: it is moved
// aside as NAME.bad and reported, and a fresh one is started.

#include <map>
#include <string>

namespace interleave {

struct LevelDone {
    bool broken = false;
    bool fixed = false;
};

struct LevelProgress {
    std::map<std::string, LevelDone> levels;  // by level id
};

// $XDG_DATA_HOME/interleave/levels.json, else ~/.local/share/interleave/levels.json.
std::string levelProgressPath();

// A missing file is empty progress. A corrupt one is renamed to `path`.bad, and `warning` says
// so. Never throws.
LevelProgress loadLevelProgress(const std::string& path, std::string& warning);

// Writes a temporary file beside it and renames it over: a crash leaves the old file or the new
// one, never half of one. Creates the folder. False (and `error`) when it cannot.
bool saveLevelProgress(const std::string& path, const LevelProgress& progress, std::string& error);

}  // namespace interleave

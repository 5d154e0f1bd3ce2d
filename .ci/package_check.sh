#!/usr/bin/env bash
# Makes the Debian package from an already built tree and checks it as a user's machine would
# meet it:   bash .ci/package_check.sh build/ci
# (CI runs it after the ci preset's tests pass, reusing that build: no new compile.)
# Checks: lintian without errors (warnings are printed, allowed), the desktop entry, the
# AppStream metainfo, the unpacked programs running from a scratch folder on the system's
# libraries, the man pages rendering without groff warnings, the completion's syntax.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
build=${1:?usage: bash .ci/package_check.sh BUILD_DIR}
build=$(cd "$build" && pwd)
start=$SECONDS

fail() {
  echo "package_check: $*" >&2
  exit 1
}

# Up to date after the CI build (the man pages and changelog are gzipped by an ALL target); a
# tree built only for the two programs gets the compressed files here, in a second.
cmake --build "$build" --target interleave interleave-lab interleave_packaging_files >/dev/null
rm -f "$build"/interleave_*.deb
(cd "$build" && cpack -G DEB >/dev/null) || fail "cpack -G DEB failed (see $build/_CPack_Packages)"
debs=("$build"/interleave_*_amd64.deb)
[ ${#debs[@]} -eq 1 ] && [ -f "${debs[0]}" ] || fail "expected one interleave_*_amd64.deb in $build"
deb=${debs[0]}
echo "package_check: $(basename "$deb"), $(stat -c %s "$deb") bytes"
dpkg-deb -f "$deb" Depends Recommends

# lintian refuses nothing below an error; its warnings and infos are shown for whoever reads
# the log. (As root it says it is not recommended: that line is noise in a CI container.)
lintian_status=0
lintian_report=$(lintian --fail-on error --display-info "$deb" 2>&1) || lintian_status=$?
grep -v 'running with root privileges' <<<"$lintian_report" || true
[ "$lintian_status" -eq 0 ] || fail "lintian reports errors (above), status $lintian_status"

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
dpkg-deb -x "$deb" "$scratch"
share=$scratch/usr/share

desktop-file-validate "$share/applications/interleave.desktop" \
  || fail "desktop-file-validate: interleave.desktop"
icon=$(sed -n 's/^Icon=//p' "$share/applications/interleave.desktop")
[ -f "$share/icons/hicolor/scalable/apps/$icon.svg" ] || fail "no icon '$icon' in the package"
[ -f "$share/icons/hicolor/48x48/mimetypes/application-x-interleave-trace.png" ] \
  || fail "no icon for the .ilt type"

# Warnings (such as an application id without a reverse domain name) are allowed; errors not.
metainfo_report=$(appstreamcli validate --no-net "$share/metainfo/interleave.metainfo.xml" 2>&1) \
  || true
echo "$metainfo_report"
if grep -q '^E:' <<<"$metainfo_report"; then fail "appstreamcli validate: errors (above)"; fi
echo "package_check: AppStream metainfo has no errors (warnings are allowed)"

# The programs as installed, started from elsewhere, with the system's libraries only.
for program in interleave interleave-lab; do
  if ldd "$scratch/usr/bin/$program" | grep -q 'not found'; then
    ldd "$scratch/usr/bin/$program" | grep 'not found' >&2
    fail "$program needs a library the system does not have"
  fi
done
(cd / && "$scratch/usr/bin/interleave-lab" list) | grep -q '^producer-consumer ' \
  || fail "the unpacked interleave-lab list does not list producer-consumer"
# A real run: the lab starts its engine process from its own folder, as the window does.
(cd / && "$scratch/usr/bin/interleave-lab" run race-condition --duration 200ms --quiet) \
  || fail "the unpacked interleave-lab could not run race-condition"
(cd / && QT_QPA_PLATFORM=offscreen "$scratch/usr/bin/interleave" --help) | grep -q -- '--scenario' \
  || fail "the unpacked interleave --help does not print its options"

# Each man page renders, and groff has nothing to warn about.
for page in "$share"/man/man1/*.1.gz; do
  warnings=$(MANWIDTH=80 man --warnings -l "$page" 2>&1 >/dev/null)
  [ -z "$warnings" ] || fail "$(basename "$page"): $warnings"
done
[ "$(ls "$share"/man/man1/*.1.gz | wc -l)" -eq 2 ] || fail "expected two man pages"

bash -n "$share/bash-completion/completions/interleave-lab" || fail "completion script syntax"

echo "package_check: $(basename "$deb") passed in $((SECONDS - start)) s"

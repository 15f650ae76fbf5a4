#!/bin/sh
# Refreshes the vendored CMP files from npm: `npm ci` of the pinned package.json and
# package-lock.json of this folder (so npm checks every tarball against the lock's integrity),
# then copies exactly the files listed in files.txt here, replacing the packages' folders.
#
#   ./update.sh          copy (after changing a version: edit package.json, run
#                        `npm install --package-lock-only --no-audit --no-fund` here, then this)
#   ./update.sh --check  copy nothing; exit 1 if a listed file differs from the npm package's
#                        or the folders hold a file that is not listed
#
# npm installs into a temporary folder, never here: the app embeds all of preview/ in its binary,
# so a node_modules left here would end up in it. Needs npm and the npm registry.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
check=no
case "${1:-}" in
  --check) check=yes ;;
  '') ;;
  *) echo "usage: $0 [--check]" >&2; exit 2 ;;
esac

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp "$here/package.json" "$here/package-lock.json" "$tmp/"
(cd "$tmp" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)

# The listed files, without comments and blank lines.
grep -v -e '^#' -e '^[[:space:]]*$' "$here/files.txt" > "$tmp/files"
# A file's package folder: @scope/name or name.
package_of() {
  case "$1" in
    @*) echo "$1" | cut -d/ -f1-2 ;;
    *) echo "$1" | cut -d/ -f1 ;;
  esac
}
packages=$(while read -r f; do package_of "$f"; done < "$tmp/files" | sort -u)

if [ "$check" = yes ]; then
  status=0
  while read -r f; do
    if ! cmp -s "$tmp/node_modules/$f" "$here/$f"; then
      echo "differs from the npm package (or is missing): $f" >&2
      status=1
    fi
  done < "$tmp/files"
  for p in $packages; do
    (cd "$here" && find "$p" -type f) | sort > "$tmp/present"
    grep "^$p/" "$tmp/files" | sort > "$tmp/listed"
    if ! cmp -s "$tmp/present" "$tmp/listed"; then
      echo "$p: files present and files listed differ:" >&2
      diff "$tmp/listed" "$tmp/present" >&2 || true
      status=1
    fi
  done
  [ "$status" = 0 ] && echo "preview/vendor/npm matches the pinned npm packages"
  exit "$status"
fi

for p in $packages; do rm -rf "${here:?}/$p"; done
while read -r f; do
  mkdir -p "$here/$(dirname "$f")"
  cp "$tmp/node_modules/$f" "$here/$f"
done < "$tmp/files"
echo "copied $(wc -l < "$tmp/files") files into $here; update README.md (versions, integrity, file list)"

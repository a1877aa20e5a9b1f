#!/usr/bin/env bash
# Local stand-ins for the official base images, for machines that reach no container registry (CI here):
#   localhost/debian-min:12      debootstrap --variant=minbase bookworm, plus what the official .NET images add
#                                (ca-certificates, libicu72, libssl3, tzdata, the user app with uid 1654) and the
#                                host's own certificate authorities (/usr/local/share/ca-certificates): where a
#                                network inspects TLS (NuGet here), the image needs them as the host does
#   localhost/dotnet-sdk:10.0    + the host's .NET SDK and runtimes (/usr/share/dotnet)
#   localhost/dotnet-aspnet:10.0 + the host's .NET and ASP.NET Core runtimes only
#   localhost/postgres:15        + Debian's postgresql-15, with an entry point that honours POSTGRES_USER,
#                                  POSTGRES_PASSWORD and POSTGRES_DB as the official image does
# Usage: standins.sh [dotnet|postgres|all]    (default all; postgres needs localhost/debian-min:12)
# Each image is labelled with a digest of what it is made from (this folder's scripts, the host's .NET and
# authorities); an image with the right label is kept, any other one is made again. The base is made once per
# run: debootstrap, then `podman import` of the folder (no container, no layer to commit).
# Needs root, podman (runc), debootstrap, and Debian's package mirror.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
what="${1:-all}"
mirror="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
podman=(podman --runtime runc)
dotnet_root="$(dirname "$(readlink -f "$(command -v dotnet)")")"
cas=(/usr/local/share/ca-certificates/*.crt)
[ -e "${cas[0]}" ] || cas=()

digest() { sha256sum | cut -c1-16; }
base_key="$( { cat "$here/standins.sh"; echo "$mirror"; [ ${#cas[@]} -eq 0 ] || cat "${cas[@]}"; } | digest)"
dotnet_key="$( { echo "$base_key"; dotnet --list-sdks; dotnet --list-runtimes; } | digest)"
postgres_key="$( { echo "$base_key"; cat "$here"/postgres/*; } | digest)"
label=org.musicrs.standin
# current IMAGE KEY: the image exists and was made from these inputs (STANDINS_REUSE=1: exists; for repeated runs
# while this script changes).
current() {
  if [ "${STANDINS_REUSE:-}" = 1 ]; then "${podman[@]}" image exists "$1"; return; fi
  [ "$("${podman[@]}" image inspect --format "{{ index .Labels \"$label\" }}" "$1" 2>/dev/null)" = "$2" ]
}

# The base is made in memory where it can be: dpkg syncs every file it unpacks, which costs minutes on a busy disk
# and nothing on tmpfs. Whatever debootstrap left mounted is unmounted before the folder goes.
work="$(mktemp -d /var/tmp/standins.XXXXXX)"
mount -t tmpfs -o size=4g,mode=700 standins "$work" 2>/dev/null || true
# Never changes the exit status: a mount still busy (something just let go of it) is detached lazily.
cleanup() {
  local status=$? mounted
  for mounted in $(findmnt -rn -o TARGET | grep "^$work" | sort -r); do
    umount "$mounted" 2>/dev/null || umount -l "$mounted" 2>/dev/null || true
  done
  rm -rf "$work" 2>/dev/null || true
  exit "$status"
}
trap cleanup EXIT

rootfs="$work/rootfs"
base_rootfs() {
  [ -d "$rootfs" ] && return
  debootstrap --variant=minbase --include=ca-certificates,libicu72,libssl3,tzdata bookworm "$rootfs" "$mirror" >"$work/debootstrap.log" 2>&1 \
    || { tail -20 "$work/debootstrap.log" >&2; echo "standins: debootstrap failed" >&2; return 1; }
  [ ${#cas[@]} -eq 0 ] || cp "${cas[@]}" "$rootfs/usr/local/share/ca-certificates/"
  chroot "$rootfs" update-ca-certificates >/dev/null
  chroot "$rootfs" useradd --uid 1654 --user-group --create-home app
  rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*
}

# import TAG KEY CHANGES [tar arguments]: one layer, the base folder plus what the tar arguments add; CHANGES names
# an array of `podman import --change` arguments.
import() {
  local tag="$1" key="$2"; local -n with="$3"; shift 3
  tar --numeric-owner -C "$rootfs" -c . "$@" | "${podman[@]}" import --change "LABEL $label=$key" "${with[@]}" - "$tag" >/dev/null
}

if [ "$what" = dotnet ] || [ "$what" = all ]; then
  shell=(--change 'CMD ["/bin/bash"]')
  if ! current localhost/debian-min:12 "$base_key"; then
    base_rootfs
    import localhost/debian-min:12 "$base_key" shell
  fi
  # The host's dotnet folder lands at /usr/share/dotnet (without the SDK in the runtime image), with /usr/bin/dotnet.
  name="$(basename "$dotnet_root")"
  from_host=(-C "$(dirname "$dotnet_root")" --transform "s,^$name,usr/share/dotnet,S")
  sdk=(--change "ENV DOTNET_ROOT=/usr/share/dotnet" --change "ENV DOTNET_RUNNING_IN_CONTAINER=true" --change "ENV APP_UID=1654" "${shell[@]}")
  aspnet=(--change "ENV DOTNET_ROOT=/usr/share/dotnet" --change "ENV DOTNET_RUNNING_IN_CONTAINER=true" --change "ENV APP_UID=1654" --change "ENV ASPNETCORE_HTTP_PORTS=8080")
  if ! current localhost/dotnet-sdk:10.0 "$dotnet_key" || ! current localhost/dotnet-aspnet:10.0 "$dotnet_key"; then
    base_rootfs
    ln -sfn /usr/share/dotnet/dotnet "$rootfs/usr/bin/dotnet"
  fi
  current localhost/dotnet-sdk:10.0 "$dotnet_key" || import localhost/dotnet-sdk:10.0 "$dotnet_key" sdk "${from_host[@]}" "$name"
  current localhost/dotnet-aspnet:10.0 "$dotnet_key" \
    || import localhost/dotnet-aspnet:10.0 "$dotnet_key" aspnet "${from_host[@]}" "$name/dotnet" "$name/host" "$name/shared"
fi

if [ "$what" = postgres ] || [ "$what" = all ]; then
  if ! current localhost/postgres:15 "$postgres_key"; then
    current localhost/debian-min:12 "$base_key" || { echo "standins: localhost/debian-min:12 is missing or stale: run standins.sh dotnet first" >&2; exit 1; }
    "${podman[@]}" build --network host --label "$label=$postgres_key" -t localhost/postgres:15 "$here/postgres" >"$work/postgres.log" 2>&1 \
      || { tail -30 "$work/postgres.log" >&2; echo "standins: the postgres image did not build" >&2; exit 1; }
  fi
fi
echo "SDK_IMAGE=localhost/dotnet-sdk:10.0 RUNTIME_IMAGE=localhost/dotnet-aspnet:10.0 POSTGRES_IMAGE=localhost/postgres:15"

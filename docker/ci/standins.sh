#!/usr/bin/env bash
# Local stand-ins for the official base images, for machines that reach no container registry (CI here):
#   localhost/debian-min:12      debootstrap --variant=minbase bookworm, imported
#   localhost/dotnet-sdk:10.0    + the host's .NET SDK and runtimes (/usr/share/dotnet)
#   localhost/dotnet-aspnet:10.0 + the host's .NET and ASP.NET Core runtimes only
#   localhost/postgres:15        + Debian's postgresql-15, with an entry point that honours POSTGRES_USER,
#                                  POSTGRES_PASSWORD and POSTGRES_DB as the official image does
# Images already present are kept. Needs root, podman (runc), debootstrap, and Debian's package mirror.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
podman=(podman --runtime runc)
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

if ! podman image exists localhost/debian-min:12; then
  debootstrap --variant=minbase bookworm "$work/rootfs" http://deb.debian.org/debian >/dev/null
  tar -C "$work/rootfs" -c . | podman import - localhost/debian-min:12 >/dev/null
  rm -rf "$work/rootfs"
fi

dotnet_root="$(dirname "$(readlink -f "$(command -v dotnet)")")"
# Both .NET images: the host's dotnet folder (the runtime one without the SDK), the libraries .NET loads
# that minbase lacks, and certificates for HTTPS (NuGet): Debian's, plus the host's own authorities
# (/usr/local/share/ca-certificates), as a network that inspects TLS needs them, like the host does.
dotnet_image() {
  local tag="$1" with_sdk="$2"
  podman image exists "$tag" && return
  mkdir -p "$work/$tag/dotnet" "$work/$tag/ca-certificates"
  cp /usr/local/share/ca-certificates/*.crt "$work/$tag/ca-certificates/" 2>/dev/null || true
  if [ "$with_sdk" = yes ]; then
    cp -a "$dotnet_root/." "$work/$tag/dotnet/"
  else
    cp -a "$dotnet_root/dotnet" "$dotnet_root/host" "$dotnet_root/shared" "$work/$tag/dotnet/"
  fi
  cat > "$work/$tag/Containerfile" <<'CONTAINERFILE'
FROM localhost/debian-min:12
RUN apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends ca-certificates libssl3 >/dev/null && rm -rf /var/lib/apt/lists/*
COPY ca-certificates /usr/local/share/ca-certificates
RUN update-ca-certificates >/dev/null
COPY dotnet /usr/share/dotnet
RUN ln -s /usr/share/dotnet/dotnet /usr/bin/dotnet
ENV DOTNET_ROOT=/usr/share/dotnet DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1
CONTAINERFILE
  "${podman[@]}" build --network host -q -t "$tag" "$work/$tag" >/dev/null
  rm -rf "${work:?}/$tag"
}
dotnet_image localhost/dotnet-sdk:10.0 yes
dotnet_image localhost/dotnet-aspnet:10.0 no

if ! podman image exists localhost/postgres:15; then
  "${podman[@]}" build --network host -q -t localhost/postgres:15 "$here/postgres" >/dev/null
fi
echo "SDK_IMAGE=localhost/dotnet-sdk:10.0 RUNTIME_IMAGE=localhost/dotnet-aspnet:10.0 POSTGRES_IMAGE=localhost/postgres:15"

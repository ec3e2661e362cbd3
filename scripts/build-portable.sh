#!/usr/bin/env bash
# Builds dist/sentiment (git-ignored): the release binary with the Swift runtime,
# Foundation, ICU, SQLite, OpenBLAS and libstdc++ linked in, so it runs on an x86_64
# Linux machine with no Swift toolchain (a Spark executor, a Hadoop node).
# `ldd dist/sentiment` lists what it still loads: glibc's libc and libm, and the loader.
# scripts/test-portable.sh proves it runs with the toolchain hidden.
#
# It needs a glibc at least as new as the symbol versions it was linked against: built
# on Debian 12, 2.36 (Debian's libstdc++ calls arc4random, new in 2.36, for
# std::random_device, which its locale set-up pulls in; the static unwinder and libm's
# hypot want 2.35), so Debian 12, Ubuntu 22.10 and later (24.04 LTS) or Fedora 37 and
# later, but not RHEL 9 or Amazon Linux 2023 (2.34). The script prints the version needed. Older nodes need a build on
# an older distribution (its Swift toolchain, and this script there) or Swift's fully
# static Linux SDK (musl), which is not installed here.
#
#   scripts/build-portable.sh        build (incrementally) and copy to dist/sentiment
#
# How: `swift build -c release --static-swift-stdlib` in its own scratch folder,
# .build-portable/ (git-ignored; the normal .build/ and its flags are left alone), with
# a folder of static archives put first on the linker's search path. For `-licuuc`,
# `-lsqlite3`, `-lstdc++` … the linker takes the first folder that holds the library
# in either form, so finding only `libicuuc.a` there it links ICU statically. OpenBLAS
# comes through pkg-config, whose openblas.pc adds the folder of its shared library: a
# copy of that .pc pointing at our folder goes first on PKG_CONFIG_PATH.
#
# Stays dynamic, on purpose: glibc (libc, libm, and the loader; libdl and libpthread
# are part of libc since 2.34). A statically linked glibc still loads the machine's own
# NSS modules (Foundation asks getpwuid for the home folder of the cache path when HOME
# is unset) and needs them to be its exact version, and the Swift runtime itself calls dlopen and
# dladdr; glibc is on every such machine and keeps old binaries working. libstdc++ and
# libgcc are linked in (`-static-libgcc`). libgfortran and libquadmath, which Debian's
# shared OpenBLAS loads, are gone: only OpenBLAS's LAPACK routines (Fortran) use them,
# and we call the BLAS alone, so the linker takes no Fortran object from libopenblas.a.
#
# The debug information is stripped (`strip --strip-debug`: the symbol table stays, so
# crash backtraces keep function names); the unstripped binary stays in
# .build-portable/release/sentiment.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
scripts/install-deps.sh

scratch=$root/.build-portable
static_dir=$scratch/static-libs
pc_dir=$scratch/pkgconfig
mkdir -p "$static_dir" "$pc_dir" dist

# Every archive this links statically, found where Debian's packages put it.
icu_dir=$(pkg-config --variable=libdir icu-uc)
sqlite_dir=$(pkg-config --variable=libdir sqlite3)
openblas_pc=$(pkg-config --path openblas)
# The threaded OpenBLAS, as the normal build: its serial flavour (libopenblas-serial-dev)
# is not safe for the two recurrent directions calling sgemm at once (a classify run's
# answers changed from run to run with it); BLASSetup stops the thread pool instead.
openblas_dir=$(pkg-config --variable=libdir openblas)
archives=(
    "$icu_dir/libicuuc.a" "$icu_dir/libicui18n.a" "$icu_dir/libicudata.a"
    "$sqlite_dir/libsqlite3.a"
    "$openblas_dir/libopenblas.a"
    "$(gcc -print-file-name=libstdc++.a)"
)
for archive in "${archives[@]}"; do
    if [[ ! -f $archive ]]; then
        echo "build-portable: no static archive $archive (libicu-dev, libsqlite3-dev, libopenblas-pthread-dev and libstdc++-12-dev ship them)" >&2
        exit 1
    fi
    ln -sfn "$archive" "$static_dir/$(basename "$archive")"
done
sed "s|^libdir=.*|libdir=$static_dir|" "$openblas_pc" >"$pc_dir/openblas.pc"

PKG_CONFIG_PATH="$pc_dir${PKG_CONFIG_PATH:+:$PKG_CONFIG_PATH}" \
    swift build -c release --static-swift-stdlib --scratch-path "$scratch" \
    -Xlinker -L"$static_dir" -Xswiftc -Xclang-linker -Xswiftc -static-libgcc >&2

built=$scratch/release/sentiment
# The OpenBLAS, ICU and SQLite symbols must be in the binary itself: a shared one in
# its list would mean the search-path trick above silently stopped working.
if ldd "$built" | grep -E 'libswift|libFoundation|libicu|libsqlite|libopenblas|libstdc\+\+|libgcc_s|libgfortran'; then
    echo "build-portable: $built still loads the libraries above" >&2
    exit 1
fi
if [[ dist/sentiment -nt "$built" ]]; then
    exit 0   # nothing rebuilt since the last copy (scripts/sentiment.sh runs this each time)
fi
strip --strip-debug -o dist/sentiment.tmp "$built"
mv dist/sentiment.tmp dist/sentiment
glibc=$(objdump -T dist/sentiment | grep -oE 'GLIBC_[0-9.]+' | sort -uV | tail -n 1)
echo "build-portable: dist/sentiment ($(du -h dist/sentiment | cut -f1); needs ${glibc/_/ } or later)" >&2

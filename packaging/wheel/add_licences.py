"""Adds to a repaired wheel the licence of every library it bundles: the ones auditwheel grafted
into daffi.libs/ and the TLS plugin and OpenSSL in daffi/qt/. Each came from a Debian package,
whose copyright file goes into <dist-info>/licenses/third-party/<package>.copyright, and
<dist-info>/licenses/THIRD-PARTY.txt lists which file came from which package and version.

Usage: add_licences.py WHEEL OUT_DIR   (writes OUT_DIR/<same name>; scripts/build_wheel.sh runs it)
"""

import base64
import hashlib
import re
import subprocess
import sys
import zipfile
from pathlib import Path, PurePosixPath

# auditwheel renames a grafted library libfoo.so.1 to libfoo-<8 hex digits>.so.1
GRAFT_HASH = re.compile(r"-[0-9a-f]{8}(?=\.so)")


def bundled_libraries(names):
    return sorted(n for n in names if ".so" in PurePosixPath(n).name
                  and (PurePosixPath(n).parts[0].endswith(".libs") or "/qt/" in n))


def debian_package(file_name):
    """(package, version) of the installed Debian package that holds a file of that name."""
    found = subprocess.run(["dpkg", "-S", f"*/{file_name}"], capture_output=True, text=True)
    if found.returncode != 0:
        raise SystemExit(f"add_licences: no Debian package holds {file_name}; cannot name its licence.")
    package = found.stdout.splitlines()[0].split(":")[0]
    version = subprocess.run(["dpkg-query", "-W", "-f=${Version}", package],
                             capture_output=True, text=True, check=True).stdout
    return package, version


def record_line(name, data):
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"{name},sha256={digest},{len(data)}"


def main(wheel_path, out_dir):
    wheel_path = Path(wheel_path)
    with zipfile.ZipFile(wheel_path) as wheel:
        infos = wheel.infolist()
        entries = {info.filename: wheel.read(info) for info in infos}
    dist_info = next(n.split("/")[0] for n in entries if n.split("/")[0].endswith(".dist-info"))
    added = {}
    listing = ["Libraries bundled in this wheel, the Debian packages they were taken from, and",
               "their licences (third-party/<package>.copyright).", ""]
    for name in bundled_libraries(entries):
        original = GRAFT_HASH.sub("", PurePosixPath(name).name)
        package, version = debian_package(original)
        listing.append(f"{name}: {original} from {package} {version}")
        copyright_file = Path("/usr/share/doc") / package / "copyright"
        if not copyright_file.is_file():
            raise SystemExit(f"add_licences: {package} has no {copyright_file}.")
        added[f"{dist_info}/licenses/third-party/{package}.copyright"] = copyright_file.read_bytes()
    added[f"{dist_info}/licenses/THIRD-PARTY.txt"] = ("\n".join(listing) + "\n").encode()

    record_name = f"{dist_info}/RECORD"
    record = entries.pop(record_name).decode().splitlines()
    record = [line for line in record if line and not line.startswith(record_name + ",")]
    record += [record_line(n, d) for n, d in sorted(added.items())] + [f"{record_name},,"]
    entries.update(added)
    entries[record_name] = ("\n".join(record) + "\n").encode()

    out = Path(out_dir) / wheel_path.name
    kept = {info.filename: info for info in infos}   # keeps each file's mode
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as wheel:
        for name, data in entries.items():
            wheel.writestr(kept.get(name, name), data, compress_type=zipfile.ZIP_DEFLATED)


if __name__ == "__main__":
    main(*sys.argv[1:])

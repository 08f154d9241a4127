"""One licence everywhere: LICENSE (MIT), pyproject.toml, js-client/package.json, the AppStream
metainfo and the .deb copyright file (test_debian.py); vendored code keeps its own, listed."""

import json
import re
import tomllib
import xml.etree.ElementTree as ET

from conftest import ROOT


def test_license_file_is_mit_with_the_authors_copyright():
    text = (ROOT / "LICENSE").read_text()
    assert text.startswith("MIT License\n")
    assert "Copyright (c) 2026 the daffi-qt authors" in text
    assert 'THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND' in text


def test_python_package_says_mit_and_ships_the_licence():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert project["license"] == "MIT"
    assert project["license-files"] == ["LICENSE"]


def test_npm_package_says_mit_and_ships_the_licences():
    package = json.loads((ROOT / "js-client" / "package.json").read_text())
    assert package["license"] == "MIT"
    assert (ROOT / "js-client" / "LICENSE").read_text() == (ROOT / "LICENSE").read_text()


def test_appstream_metainfo_says_mit_for_project_and_metadata():
    for metainfo in (ROOT / "packaging").glob("*.metainfo.xml"):
        root = ET.parse(metainfo).getroot()
        assert root.findtext("project_license") == "MIT", metainfo.name
        assert root.findtext("metadata_license") == "MIT", metainfo.name


def test_vendored_code_keeps_its_licence_and_is_listed():
    notices = (ROOT / "THIRD-PARTY-NOTICES.md").read_text()
    vendored = [p for p in (ROOT / "js-client" / "vendor").iterdir() if p.suffix == ".js"]
    assert vendored
    for path in vendored:
        rel = path.relative_to(ROOT).as_posix()
        assert rel in notices, f"{rel} is not listed in THIRD-PARTY-NOTICES.md"
        licence = path.with_name(path.name.split(".")[0] + ".LICENSE")
        assert licence.is_file() and licence.relative_to(ROOT).as_posix() in notices
    assert re.search(r"msgpack\.min\.js.*ISC", notices)

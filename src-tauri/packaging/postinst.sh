#!/bin/sh
# Registers the application/x-accord type and the desktop entry that opens it.
set -e
command -v update-mime-database >/dev/null && update-mime-database /usr/share/mime || true
command -v update-desktop-database >/dev/null && update-desktop-database -q /usr/share/applications || true

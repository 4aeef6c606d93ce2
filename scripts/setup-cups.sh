#!/usr/bin/env bash
# Test print queue for tests/print (core/print/README.md): starts cupsd when it is not running (no systemd in
# CI containers) and creates the queue KioskPDF on the cups-pdf backend, so the A4 tests print
# through a real CUPS. cups-pdf writes each job to /var/spool/cups-pdf/<user>/<title>-job_<id>.pdf
# (Out, Label 2, TitlePref 1 below); tests/print/a4.test.ts looks there and reads the text back
# with pdftotext, hence the pdftocairo renderer. CUPS is told to keep no job files and no job
# history (PreserveJobFiles No, PreserveJobHistory No): a spooled A4 job holds a name, a date of
# birth and a usable QR (docs/printing-privacy.md). Needs root (lpadmin, /etc/cups/cupsd.conf and
# /etc/cups/cups-pdf.conf). Idempotent. Usage: scripts/setup-cups.sh [QUEUE]
set -euo pipefail
QUEUE="${1:-KioskPDF}"
PPD="lsb/usr/cups-pdf/CUPS-PDF_opt.ppd"
CONF=/etc/cups/cups-pdf.conf
CUPSD_CONF="${CUPSD_CONF:-/etc/cups/cupsd.conf}"

if [ "$(id -u)" -ne 0 ]; then
  echo "setup-cups: needs root (lpadmin, $CONF); skipped" >&2
  exit 0
fi
for tool in cupsd lpadmin lpstat lpinfo; do
  command -v "$tool" >/dev/null || { echo "setup-cups: $tool not installed (apt-get install cups printer-driver-cups-pdf)" >&2; exit 1; }
done

if [ -f "$CONF" ]; then
  # One file per job, named after the command-line title, under a fixed per-user directory.
  sed -i -E 's|^#?Out .*|Out /var/spool/cups-pdf/${USER}|; s|^#?Label .*|Label 2|; s|^#?TitlePref .*|TitlePref 1|' "$CONF"
fi

# Nothing of a finished job stays in /var/spool/cups: no d* data file, no c* control file.
set_directive() {
  if grep -qE "^#?$1[[:space:]]" "$CUPSD_CONF"; then
    sed -i -E "s|^#?$1[[:space:]].*|$1 $2|" "$CUPSD_CONF"
  else
    printf '%s %s\n' "$1" "$2" >>"$CUPSD_CONF"
  fi
}
touch "$CUPSD_CONF"
set_directive PreserveJobFiles No
set_directive PreserveJobHistory No

# `lpstat -r` exits 0 either way; only its text tells whether the scheduler runs.
running() { lpstat -r 2>/dev/null | grep -q 'scheduler is running'; }
if ! running; then
  mkdir -p /run/cups
  cupsd
  for _ in $(seq 1 50); do running && break; sleep 0.1; done
fi
running || { echo "setup-cups: cupsd did not start" >&2; exit 1; }
# A scheduler that was already running still has the old settings: cupsctl makes it reload.
if ! cupsctl 2>/dev/null | grep -qx 'PreserveJobFiles=No'; then
  cupsctl PreserveJobFiles=No PreserveJobHistory=No
  for _ in $(seq 1 50); do running && break; sleep 0.1; done
fi

if ! lpinfo -m 2>/dev/null | grep -q "^$PPD "; then
  echo "setup-cups: $PPD not offered by lpinfo -m (printer-driver-cups-pdf missing?)" >&2
  exit 1
fi
if ! lpstat -p "$QUEUE" >/dev/null 2>&1; then
  lpadmin -p "$QUEUE" -E -v cups-pdf:/ -m "$PPD" 2>/dev/null
fi
# cups-pdf only takes PostScript; the pdftocairo renderer keeps the fonts' Unicode mapping through
# PDF → PS → PDF (the gs and pdftops renderers turn text into Type 3 glyphs pdftotext cannot read).
lpadmin -p "$QUEUE" -o pdftops-renderer-default=pdftocairo
cupsenable "$QUEUE"
cupsaccept "$QUEUE"
lpstat -p "$QUEUE"

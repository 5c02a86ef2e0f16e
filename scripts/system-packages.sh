#!/usr/bin/env bash
# Optional system word lists that improve retrieval, read at run time if present (GPL/LGPL data is
# installed as system packages, not copied into the project):
#   wdanish                                      Danish word list: compound splitting
#   dict-freedict-eng-dan, dict-freedict-dan-eng English → Danish bridge for English questions
#   tesseract-ocr, tesseract-ocr-dan             OCR of scanned PDF pages (Danish model); without them a
#                                                scanned PDF is reported as unreadable, naming these packages
# Installed only when running as root with apt-get; otherwise a note says what is missing.
set -uo pipefail
missing=()
[ -f /usr/share/dict/danish ] || missing+=(wdanish)
[ -f /usr/share/dictd/freedict-eng-dan.index ] || missing+=(dict-freedict-eng-dan)
[ -f /usr/share/dictd/freedict-dan-eng.index ] || missing+=(dict-freedict-dan-eng)
command -v tesseract >/dev/null || missing+=(tesseract-ocr)
ls /usr/share/tesseract-ocr/*/tessdata/dan.traineddata >/dev/null 2>&1 || missing+=(tesseract-ocr-dan)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "budgetarkiv: installerer systempakker: ${missing[*]} (ca. 30 s) ..." >&2
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}") >/dev/null 2>&1 \
    || echo "bemærk: kunne ikke installere ${missing[*]}; søgningen virker uden dem (dårligere på engelsk; scannede PDF-sider læses ikke)" >&2
else
  echo "bemærk: valgfrie pakker mangler: ${missing[*]} (sudo apt-get install ${missing[*]})" >&2
fi
exit 0

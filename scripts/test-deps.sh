#!/usr/bin/env bash
# Installs the Debian packages the tests use when they are missing, the way
# `playwright install --with-deps` does: poppler-utils (pdftotext, pdfsig, pdfinfo, pdftoppm for
# the PDF checks), chromium (the browser tests, driven by playwright-core) and a CJK font (so the
# browser's screenshots show the Chinese text). Nothing is installed when all are present.
set -euo pipefail
need=()
command -v pdfsig >/dev/null && command -v pdftotext >/dev/null && command -v pdftoppm >/dev/null || need+=(poppler-utils)
[ -n "${CHROMIUM_PATH:-}" ] && [ -x "${CHROMIUM_PATH}" ] || command -v chromium >/dev/null || need+=(chromium)
fc-list :lang=zh 2>/dev/null | grep -q . || need+=(fonts-wqy-microhei)
[ ${#need[@]} -eq 0 ] && exit 0

echo "测试需要 Debian 软件包：${need[*]}；正在安装（apt-get）…" >&2
sudo=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null; then sudo=(sudo -n); else
    echo "缺少 ${need[*]}，且当前用户不是 root、没有 sudo：请以 root 运行 apt-get install -y ${need[*]}" >&2
    exit 1
  fi
fi
"${sudo[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq "${need[@]}" >/dev/null
echo "已安装：${need[*]}" >&2

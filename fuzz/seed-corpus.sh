#!/usr/bin/env bash
# Writes the seed corpora, fuzz/corpus/<target>/, from the committed test fixtures: real
# certificates, keys, CSRs and bundles for libFuzzer to mutate. Seeds have fixed names, so
# running it again refreshes them and keeps what fuzzing added. Needs bash, awk and
# coreutils only. The corpora are not committed (fuzz/.gitignore).
set -euo pipefail
export LC_ALL=C # lengths in bytes
cd "$(dirname "$0")"
fixtures=../tests/fixtures
corpus=corpus
mkdir -p "$corpus"/{inspect,pem_text,der,host_match,config,pkcs12,data}

text_fixtures=("$fixtures"/*.pem "$fixtures"/*.key "$fixtures"/*.p7b)

# der: the binary fixtures, and every PEM block of the text ones decoded (headers such as
# Proc-Type skipped, broken base64 decoded as far as it goes).
cp "$fixtures"/*.der "$corpus/der/"
for file in "${text_fixtures[@]}"; do
  awk '/-----BEGIN /{body=""; open=1; next}
       /-----END /{if (open) print body; open=0; next}
       open && !/:/ {gsub(/[^A-Za-z0-9+\/=]/, ""); body = body $0}' "$file" |
    while IFS= read -r body; do
      out="$corpus/der/$(basename "$file").$((n = ${n:-0} + 1))"
      printf '%s' "$body" | base64 -d -i >"$out" 2>/dev/null || true
      [ -s "$out" ] || rm -f "$out"
    done
done

# pem_text: each file as it is, after the block-limit byte (0: the real limit; 1: one block).
for file in "${text_fixtures[@]}" "$fixtures/random.bin"; do
  { printf '\0'; cat "$file"; } >"$corpus/pem_text/$(basename "$file")"
done
{ printf '\1'; cat "$fixtures/fullchain.pem"; } >"$corpus/pem_text/fullchain.pem.limit1"

# inspect: see certlens_fuzz::inspect for the layout.
u8() { printf "\\x$(printf %02x "$1")"; }
# inspect_seed NAME FLAGS PASSWORD HOST FILE...: FLAGS without the input count.
inspect_seed() {
  local name=$1 flags=$(($2 | ($# - 5))) password=$3 host=$4 size
  shift 4
  {
    u8 "$flags"
    if ((flags & 4)); then u8 "${#password}" && printf '%s' "$password"; fi
    if ((flags & 8)); then u8 "${#host}" && printf '%s' "$host"; fi
    while (($# > 1)); do
      size=$(wc -c <"$1")
      u8 $((size >> 8)) && u8 $((size & 255)) && cat "$1"
      shift
    done
    cat "$1"
  } >"$corpus/inspect/$name"
}
for file in "${text_fixtures[@]}" "$fixtures"/*.der "$fixtures/random.bin"; do
  inspect_seed "$(basename "$file")" 0 "" "" "$file"
done
password=$(cat "$fixtures/password.txt")
f=$fixtures
inspect_seed chain+key+host 8 "" www.example.com "$f/fullchain.pem" "$f/leaf-rsa2048.key"
inspect_seed pbkdf2+password 4 "$password" "" "$f/leaf-rsa2048.pem" "$f/leaf-rsa2048.enc-pbkdf2.key"
inspect_seed scrypt+password 4 "$password" "" "$f/leaf-p256.pem" "$f/leaf-p256.enc-scrypt.key"
inspect_seed aes128+password 4 "$password" "" "$f/leaf-p256.pem" "$f/leaf-p256.enc-aes128.key"
inspect_seed chain+trust 16 "" "" "$f/fullchain.pem" "$f/root.pem"
inspect_seed three+host 8 "" example.com "$f/leaf-rsa2048.pem" "$f/int1.pem" "$f/int2.der"
inspect_seed ip+host 8 "" 2001:db8::1 "$f/leaf-ip.pem" "$f/int2.pem"
inspect_seed idn+host 8 "" bücher.example "$f/leaf-idn.pem" "$f/int2.pem"
inspect_seed expired+at0 32 "" "" "$f/leaf-expired.pem"
inspect_seed chain+min 64 "" "" "$f/fullchain.pem"
inspect_seed chain+max 96 "" "" "$f/fullchain.pem"

# pkcs12: the flags byte (0: with the fixtures' password; 1: without), then the file.
for file in "$fixtures"/*.p12; do
  { printf '\0'; cat "$file"; } >"$corpus/pkcs12/$(basename "$file")"
  { printf '\1'; cat "$file"; } >"$corpus/pkcs12/$(basename "$file").nopass"
done

# host_match: see certlens_fuzz::host_match for the line format.
host_seed() { printf '%s\n' "${@:2}" >"$corpus/host_match/$1"; }
host_seed wildcard www.example.com 'd*.example.com' dexample.com
host_seed exact-over-wildcard www.example.com 'd*.example.com' dwww.example.com
host_seed public-suffix foo.co.uk 'd*.co.uk' 'dw*.example.com' 'd*.*.example.com'
host_seed private-suffix foo.github.io 'd*.github.io'
host_seed idn bücher.example dxn--bcher-kva.example 'dbücher.example'
host_seed ipv4 192.0.2.10 ic000020a i20010db8000000000000000000000001 dip.example.com
host_seed ipv6 '[2001:db8::1]' i20010db8000000000000000000000001 i00000000000000000000ffffc000020a
host_seed trailing-dot WWW.Example.com. 'd*.example.com.'
host_seed permitted www.example.com dwww.example.com cwww.example.com pdexample.com l
host_seed excluded a.bad.example.com 'd*.bad.example.com' pd.example.com xdbad.example.com l
host_seed ip-subtree 10.1.2.3 i0a010203 pi0a000000ff000000 xi0a010000ffff0000 l
host_seed email user@example.com euser@example.com pe.example.com xeother@example.com l
host_seed uri www.example.com uhttps://www.example.com:8443/x pdexample.com l
host_seed dirname x cfoo pnfoo xnbar s
host_seed cn-only cnonly.example.com ccnonly.example.com pdexample.org l

# config: each configuration fixture with its dialect detected (flags 0) and with the files
# it names given (flags 4); see certlens_fuzz::config.
for file in "$fixtures"/config/*.conf "$fixtures"/config/conf.d/*.conf; do
  { printf '\0'; cat "$file"; } >"$corpus/config/$(basename "$file")"
  { printf '\4'; cat "$file"; } >"$corpus/config/$(basename "$file").files"
done
# Include trees: nginx.conf with its conf.d file as an included file (flags 4), then the
# same with every second included file unreadable (flags 12), and a file including itself.
{ printf '\4'; cat "$fixtures/config/nginx.conf"; printf '\377'; cat "$fixtures/config/conf.d/legacy.conf"; } >"$corpus/config/tree"
{ printf '\14'; cat "$fixtures/config/nginx.conf"; printf '\377server { listen 443 ssl; }\377'; cat "$fixtures/config/conf.d/legacy.conf"; } >"$corpus/config/tree-unreadable"
{ printf '\1include conf.d/1.conf;\377include conf.d/*.conf; include conf.d/2.conf;\377include fuzz.conf;'; } >"$corpus/config/tree-loop"

# data: the reader byte (0: root programs, 1: public intermediates), then the file. The
# intermediates seed is a small file of the same format: the real one is 3 MB.
{ printf '\0'; cat ../data/root-programs.der; } >"$corpus/data/root-programs.der"
# der_len N: a DER length.
der_len() {
  if (($1 < 128)); then u8 "$1"
  elif (($1 < 256)); then u8 129 && u8 "$1"
  elif (($1 < 65536)); then u8 130 && u8 $(($1 >> 8)) && u8 $(($1 & 255))
  else u8 131 && u8 $(($1 >> 16)) && u8 $((($1 >> 8) & 255)) && u8 $(($1 & 255)); fi
}
der_tlv() { # der_tlv TAG FILE
  u8 "$1" && der_len "$(wc -c <"$2")" && cat "$2"
}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
printf 'certlens-intermediates/1' >"$tmp/format"
printf '2026-08-21' >"$tmp/snapshot"
for file in "$fixtures"/public/letsencrypt-e6-x2cross-lencr-chain-2024.pem; do
  awk '/-----BEGIN /{body=""; open=1; next} /-----END /{print body; open=0; next}
       open {body = body $0}' "$file" | while IFS= read -r body; do printf '%s' "$body" | base64 -d; done
done >"$tmp/certs"
{ der_tlv 12 "$tmp/format"; der_tlv 12 "$tmp/snapshot"; der_tlv 48 "$tmp/certs"; } >"$tmp/body"
{ printf '\1'; der_tlv 48 "$tmp/body"; } >"$corpus/data/public-intermediates.small.der"

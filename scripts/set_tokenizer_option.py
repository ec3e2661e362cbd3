#!/usr/bin/env python3
"""Turns on one tokenizer option in a sentiment model file, in place, weights untouched.

    scripts/set_tokenizer_option.py MODEL.safetensors OPTION

OPTION is a key of the model's config.tokenizer (emojiNames, shortenElongations, emoticonFamilies): the
encoder then reads text that way. scripts/train-default-model.sh uses it for rounds 28 and 29's
settings, which a soup of models trained without them cannot get from `sentiment train`.
The header is written compactly and padded with spaces to a multiple of 8 bytes.
"""
import json
import os
import struct
import sys

KNOWN = {"emojiNames", "shortenElongations", "emoticonFamilies"}


def main():
    if len(sys.argv) != 3 or sys.argv[2] not in KNOWN:
        sys.exit(f"usage: {sys.argv[0]} MODEL.safetensors {{{','.join(sorted(KNOWN))}}}")
    path, option = sys.argv[1], sys.argv[2]
    with open(path, "rb") as f:
        data = f.read()
    (length,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8:8 + length])
    config = json.loads(header["__metadata__"]["config"])
    config.setdefault("tokenizer", {})[option] = True
    header["__metadata__"]["config"] = json.dumps(config, separators=(",", ":"), ensure_ascii=False)
    encoded = json.dumps(header, separators=(",", ":"), ensure_ascii=False).encode()
    encoded += b" " * (-len(encoded) % 8)
    with open(path + ".tmp", "wb") as f:
        f.write(struct.pack("<Q", len(encoded)) + encoded + data[8 + length:])
    os.replace(path + ".tmp", path)


if __name__ == "__main__":
    main()

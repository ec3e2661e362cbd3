#!/usr/bin/env python3
"""Turns on tokenizer options in a sentiment model file, in place, weights untouched.

    scripts/set_tokenizer_option.py MODEL.safetensors OPTION...

Each OPTION is a key of the model's config.tokenizer (emojiNames, shortenElongations,
emoticonFamilies): the encoder then reads text that way. The file is read and written once,
however many options are given. scripts/train-default-model.sh uses it for rounds 28 and
29's settings, which a soup of models trained without them cannot get from `sentiment train`.
"""
import sys

import model_file

KNOWN = {"emojiNames", "shortenElongations", "emoticonFamilies"}


def main():
    if len(sys.argv) < 3 or not KNOWN.issuperset(sys.argv[2:]):
        sys.exit(f"usage: {sys.argv[0]} MODEL.safetensors {{{','.join(sorted(KNOWN))}}}...")
    path, options = sys.argv[1], sys.argv[2:]
    metadata, tensors = model_file.read(path)
    config = model_file.config(metadata)
    config.setdefault("tokenizer", {}).update(dict.fromkeys(options, True))
    model_file.set_config(metadata, config)
    model_file.write(path, metadata, tensors)


if __name__ == "__main__":
    main()
